package io.dvraft.bls;

import java.util.Collection;
import java.util.TreeMap;

/**
 * BLS-Raft's view of the node's Raft log: the entries after the compacted prefix, decoded. The
 * inner state machine does not expose its log, and BLS-Raft needs entries by index to sign them;
 * the entries' data arrays are shared with Raft's, not copied.
 */
final class LogMirror {

  private final TreeMap<Long, MirroredEntry> entries = new TreeMap<>();
  private long base;

  /** The index before the first entry held: the compacted prefix or the snapshot. */
  long base() {
    return base;
  }

  long lastIndex() {
    return entries.isEmpty() ? base : entries.lastKey();
  }

  MirroredEntry get(long index) {
    return entries.get(index);
  }

  /** Entries in (after, upTo], ascending. */
  Collection<MirroredEntry> range(long after, long upTo) {
    if (upTo <= after) {
      return java.util.List.of();
    }
    return entries.subMap(after, false, upTo, true).values();
  }

  void put(MirroredEntry entry) {
    entries.put(entry.index(), entry);
  }

  void truncateFrom(long index) {
    entries.tailMap(index, true).clear();
  }

  void compactTo(long index) {
    if (index > base) {
      entries.headMap(index, true).clear();
      base = index;
    }
  }

  /** Drops everything: a snapshot at {@code index} replaced the log. */
  void resetTo(long index) {
    entries.clear();
    base = index;
  }
}
