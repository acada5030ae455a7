package io.dvraft.raft;

import java.util.Arrays;
import java.util.Objects;

/**
 * An application snapshot and what it covers.
 *
 * <p>The bytes are opaque to Raft: the host's application produces them in {@link
 * RaftStateMachine#snapshotTaken} and installs them when a {@link Output#snapshotToInstall()}
 * arrives. As with {@link LogEntry}, the array is shared and must not be mutated.
 *
 * @param metadata the index, term and membership covered
 * @param data the application state
 */
public record Snapshot(SnapshotMetadata metadata, byte[] data) {

  /**
   * Checks that neither part is null.
   *
   * @param metadata the index, term and membership covered
   * @param data the application state
   */
  public Snapshot {
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(data, "data");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Snapshot s && metadata.equals(s.metadata) && Arrays.equals(data, s.data);
  }

  @Override
  public int hashCode() {
    return metadata.hashCode() * 31 + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "Snapshot[" + metadata + ", " + data.length + " bytes]";
  }
}
