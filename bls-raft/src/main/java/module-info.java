/**
 * BLS-Raft: threshold BLS signing carried on Raft replication traffic.
 */
module io.dvraft.bls {
  requires transitive io.dvraft.raft;
  requires jblst;

  exports io.dvraft.bls;
  exports io.dvraft.bls.crypto;
}
