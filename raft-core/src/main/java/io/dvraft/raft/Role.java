package io.dvraft.raft;

/**
 * The role a node plays in its current term (Raft section 5.1, plus the pre-vote phase of the
 * thesis, section 9.6).
 *
 * <pre>
 *            times out,            receives votes from
 *            starts pre-vote       a quorum (pre-vote)
 * FOLLOWER ----------------> PRE_CANDIDATE ----------------> CANDIDATE ----------> LEADER
 *    ^  ^                          |                          |   quorum of votes    |
 *    |  +--------------------------+--------------------------+                      |
 *    |      discovers a leader or a higher term                                      |
 *    +-------------------------------------------------------------------------------+
 *        discovers a higher term, loses its quorum (check-quorum) or is removed
 * </pre>
 */
public enum Role {
  /** Follows the leader of the current term, or waits for one. */
  FOLLOWER,
  /** Asks whether it could win an election before disturbing anyone's term. */
  PRE_CANDIDATE,
  /** Has incremented its term and asks for votes. */
  CANDIDATE,
  /** Replicates its log to the others and decides what is committed. */
  LEADER
}
