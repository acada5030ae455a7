package io.dvraft.raft.quorum;

/** The state of an election, from the votes counted so far. */
public enum VoteResult {
  /** Not decided: neither a quorum of grants nor enough rejections yet. */
  PENDING,
  /** A quorum granted the vote. */
  WON,
  /** Enough voters refused that no quorum can grant it any more. */
  LOST
}
