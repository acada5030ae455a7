/**
 * dvraft's deterministic simulation test kit.
 */
module io.dvraft.testkit {
  requires transitive io.dvraft.raft;
  requires transitive io.dvraft.bls;

  exports io.dvraft.testkit.choice;
  exports io.dvraft.testkit.linearizability;
}
