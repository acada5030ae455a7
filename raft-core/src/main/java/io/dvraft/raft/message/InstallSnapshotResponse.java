package io.dvraft.raft.message;

/**
 * The answer to an {@link InstallSnapshot} chunk.
 *
 * @param term the follower's term
 * @param snapshotIndex the index of the snapshot this answers
 * @param nextOffset the offset the follower expects next (the number of bytes it holds)
 * @param done true once the follower has installed the whole snapshot
 */
public record InstallSnapshotResponse(long term, long snapshotIndex, long nextOffset, boolean done)
    implements Message {}
