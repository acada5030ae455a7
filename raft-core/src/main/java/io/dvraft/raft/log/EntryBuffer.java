package io.dvraft.raft.log;

import io.dvraft.raft.LogEntry;
import io.dvraft.raft.internal.FrozenList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The entries a {@link RaftLog} holds, in an array whose used part can start anywhere: appends are
 * amortized O(1) and copy no more than the new entries, and dropping a compacted prefix moves
 * nothing (the space is reclaimed when the array next fills up).
 */
final class EntryBuffer {

  private static final int MIN_CAPACITY = 16;
  private static final int MAX_CAPACITY = Integer.MAX_VALUE - 8;

  private LogEntry[] array = new LogEntry[MIN_CAPACITY];
  private int start;
  private int size;

  int size() {
    return size;
  }

  LogEntry get(int i) {
    return array[start + Objects.checkIndex(i, size)];
  }

  LogEntry last() {
    return array[start + size - 1];
  }

  void add(LogEntry entry) {
    reserve(1);
    array[start + size] = entry;
    size++;
  }

  /** Appends {@code source[from, source.size())}. */
  void addAll(List<LogEntry> source, int from) {
    int count = source.size() - from;
    reserve(count);
    FrozenList.copyInto(source, from, array, start + size, count);
    size += count;
  }

  /** Returns an immutable copy of the entries at [from, to). */
  List<LogEntry> copyOf(int from, int to) {
    Objects.checkFromToIndex(from, to, size);
    return FrozenList.copyOf(array, start + from, start + to);
  }

  /** Keeps the first {@code newSize} entries. */
  void truncate(int newSize) {
    Objects.checkIndex(newSize, size + 1);
    Arrays.fill(array, start + newSize, start + size, null);
    size = newSize;
  }

  /** Drops the first {@code count} entries. */
  void dropFirst(int count) {
    Objects.checkIndex(count, size + 1);
    Arrays.fill(array, start, start + count, null);
    start += count;
    size -= count;
  }

  void clear() {
    Arrays.fill(array, start, start + size, null);
    start = 0;
    size = 0;
  }

  /** Makes room for {@code count} more entries after the last one. */
  private void reserve(int count) {
    if (start + size + count <= array.length) {
      return;
    }
    int needed = size + count;
    if (needed < 0 || needed > MAX_CAPACITY) {
      throw new IllegalStateException("the log cannot hold " + ((long) size + count) + " entries");
    }
    if (needed <= array.length / 2) {
      // Half the array or more is free, most of it before the entries: move them to the front.
      System.arraycopy(array, start, array, 0, size);
      Arrays.fill(array, Math.max(size, start), start + size, null);
    } else {
      LogEntry[] bigger = new LogEntry[(int) Math.min(2L * needed, MAX_CAPACITY)];
      System.arraycopy(array, start, bigger, 0, size);
      array = bigger;
    }
    start = 0;
  }
}
