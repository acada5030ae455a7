package io.dvraft.raft;

import java.util.Objects;

/**
 * What a snapshot covers: the log up to and including {@code index}, whose entry had {@code
 * term}, and the membership in force at that index.
 *
 * @param index the last log index the snapshot includes, at least 1
 * @param term the term of the entry at {@code index}, at least 1
 * @param membership the configuration as of {@code index}
 */
public record SnapshotMetadata(long index, long term, Membership membership) {

  /**
   * Checks the metadata.
   *
   * @param index the last log index the snapshot includes, at least 1
   * @param term the term of the entry at {@code index}, at least 1
   * @param membership the configuration as of {@code index}
   * @throws IllegalArgumentException if the index or term is below 1
   */
  public SnapshotMetadata {
    Objects.requireNonNull(membership, "membership");
    if (index < 1 || term < 1) {
      throw new IllegalArgumentException(
          "snapshot index and term must be at least 1: " + index + "@" + term);
    }
  }
}
