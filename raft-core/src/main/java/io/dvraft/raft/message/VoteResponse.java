package io.dvraft.raft.message;

/**
 * The answer to a {@link VoteRequest}.
 *
 * @param term the voter's term, or for a granted pre-vote the term of the request
 * @param granted whether the vote (or pre-vote) is granted
 * @param preVote whether this answers a pre-vote
 */
public record VoteResponse(long term, boolean granted, boolean preVote) implements Message {}
