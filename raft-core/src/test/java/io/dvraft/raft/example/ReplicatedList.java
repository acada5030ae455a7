package io.dvraft.raft.example;

import io.dvraft.raft.EntryType;
import io.dvraft.raft.LogEntry;
import io.dvraft.raft.Snapshot;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The example's application: a list of strings, each committed command appending one. Its state
 * lives in memory and is rebuilt on restart from the last snapshot plus the log.
 */
public final class ReplicatedList {

  private final List<String> items = new ArrayList<>();
  private long appliedIndex;

  /**
   * Applies one committed entry; no-ops and membership entries only advance the applied index.
   *
   * @param entry the next committed entry
   */
  public void apply(LogEntry entry) {
    if (entry.index() != appliedIndex + 1) {
      throw new IllegalStateException("entry " + entry.index() + " after " + appliedIndex);
    }
    if (entry.type() == EntryType.COMMAND) {
      items.add(new String(entry.data(), StandardCharsets.UTF_8));
    }
    appliedIndex = entry.index();
  }

  /**
   * Replaces the state by a snapshot's.
   *
   * @param snapshot the snapshot
   */
  public void restore(Snapshot snapshot) {
    ByteBuffer b = ByteBuffer.wrap(snapshot.data());
    items.clear();
    for (int n = b.getInt(); n > 0; n--) {
      byte[] s = new byte[b.getInt()];
      b.get(s);
      items.add(new String(s, StandardCharsets.UTF_8));
    }
    appliedIndex = snapshot.metadata().index();
  }

  /**
   * Serializes the state, for a snapshot at {@link #appliedIndex()}.
   *
   * @return the bytes
   */
  public byte[] snapshotBytes() {
    List<byte[]> encoded = new ArrayList<>();
    int size = 4;
    for (String s : items) {
      byte[] e = s.getBytes(StandardCharsets.UTF_8);
      encoded.add(e);
      size += 4 + e.length;
    }
    ByteBuffer b = ByteBuffer.allocate(size);
    b.putInt(encoded.size());
    encoded.forEach(e -> b.putInt(e.length).put(e));
    return b.array();
  }

  /**
   * Returns the index of the last applied entry.
   *
   * @return the applied index
   */
  public long appliedIndex() {
    return appliedIndex;
  }

  /**
   * Returns a copy of the list.
   *
   * @return the items, in commit order
   */
  public List<String> items() {
    return List.copyOf(items);
  }
}
