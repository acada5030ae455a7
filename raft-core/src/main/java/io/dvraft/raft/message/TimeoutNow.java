package io.dvraft.raft.message;

/**
 * Tells a caught-up follower to start an election at once (leadership transfer, thesis 3.10).
 *
 * @param term the leader's term
 */
public record TimeoutNow(long term) implements Message {}
