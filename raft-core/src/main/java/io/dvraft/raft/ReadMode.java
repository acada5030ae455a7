package io.dvraft.raft;

/** How the leader confirms it still leads before answering a linearizable read. */
public enum ReadMode {
  /**
   * ReadIndex (thesis 6.4): each read waits for a quorum to acknowledge a heartbeat round sent
   * after it arrived. Safe whatever the clocks do.
   */
  READ_INDEX,
  /**
   * Lease reads (thesis 6.4.1): the leader answers at once while a quorum acknowledged it within
   * the lease, which is kept shorter than the election timeout. Relies on check-quorum and on
   * the nodes' tick rates not drifting apart by more than the margin.
   */
  LEASE
}
