package io.dvraft.raft.message;

import io.dvraft.raft.SnapshotMetadata;
import java.util.Arrays;
import java.util.Objects;

/**
 * InstallSnapshot (Raft 7): one chunk of the leader's snapshot for a follower whose next entry the
 * leader has compacted away.
 *
 * @param term the leader's term
 * @param metadata what the whole snapshot covers
 * @param offset the position of {@code chunk} in the snapshot bytes
 * @param chunk the bytes from {@code offset}; shared, not copied
 * @param done whether this is the last chunk
 */
public record InstallSnapshot(
    long term, SnapshotMetadata metadata, long offset, byte[] chunk, boolean done)
    implements Message {

  /**
   * Checks that nothing is null.
   *
   * @param term the leader's term
   * @param metadata what the whole snapshot covers
   * @param offset the position of {@code chunk} in the snapshot bytes
   * @param chunk the bytes from {@code offset}; shared, not copied
   * @param done whether this is the last chunk
   */
  public InstallSnapshot {
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(chunk, "chunk");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof InstallSnapshot s
        && term == s.term
        && metadata.equals(s.metadata)
        && offset == s.offset
        && done == s.done
        && Arrays.equals(chunk, s.chunk);
  }

  @Override
  public int hashCode() {
    return Objects.hash(term, metadata, offset, done) + 31 * Arrays.hashCode(chunk);
  }

  @Override
  public String toString() {
    return "InstallSnapshot[term=" + term + ", " + metadata.index() + "@" + metadata.term()
        + ", offset=" + offset + ", chunk=" + chunk.length + " bytes" + (done ? ", done" : "")
        + "]";
  }
}
