package io.dvraft.raft;

/**
 * A linearizable read that may now be served: once the host has applied every entry up to {@code
 * index}, reading its state machine is linearizable (ReadIndex, Raft thesis 6.4).
 *
 * @param readId the id the host gave to {@link RaftStateMachine#readIndex(long)}
 * @param index the commit index the read must wait for
 */
public record ReadState(long readId, long index) {}
