package io.dvraft.raft.message;

/**
 * The leader's answer to a {@link ReadIndexRequest}: the follower may serve the read once it has
 * applied up to {@code index}.
 *
 * @param term the leader's term
 * @param readId the id from the request
 * @param index the read index (the leader's commit index, confirmed by a quorum)
 */
public record ReadIndexResponse(long term, long readId, long index) implements Message {}
