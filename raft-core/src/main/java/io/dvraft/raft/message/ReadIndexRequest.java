package io.dvraft.raft.message;

/**
 * A follower's linearizable read, forwarded to the leader (thesis 6.4).
 *
 * @param term the follower's term
 * @param readId the follower host's id for the read
 */
public record ReadIndexRequest(long term, long readId) implements Message {}
