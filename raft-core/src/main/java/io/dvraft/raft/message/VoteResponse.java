package io.dvraft.raft.message;

/**
 * The answer to a {@link VoteRequest}.
 *
 * <p>A refusal carries the voter's commit index and that entry's term, a fact a candidate may use:
 * if its own log holds the same term at that index, everything up to it is committed (log
 * matching). This breaks a joint-consensus deadlock: candidates stuck in a joint configuration
 * that needs the vote of a node that already knows the final one committed (and, with a longer
 * log, refuses them) learn that commit from the refusal and move to the final configuration.
 *
 * @param term the voter's term, or for a granted pre-vote the term of the request
 * @param granted whether the vote (or pre-vote) is granted
 * @param preVote whether this answers a pre-vote
 * @param commitIndex the voter's commit index, 0 if not given
 * @param commitTerm the term of the voter's entry at {@code commitIndex}, 0 if not given
 */
public record VoteResponse(
    long term, boolean granted, boolean preVote, long commitIndex, long commitTerm)
    implements Message {

  /**
   * Creates an answer without a commit hint.
   *
   * @param term the voter's term, or for a granted pre-vote the term of the request
   * @param granted whether the vote (or pre-vote) is granted
   * @param preVote whether this answers a pre-vote
   */
  public VoteResponse(long term, boolean granted, boolean preVote) {
    this(term, granted, preVote, 0, 0);
  }
}
