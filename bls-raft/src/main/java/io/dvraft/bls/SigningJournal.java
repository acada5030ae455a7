package io.dvraft.bls;

import java.util.Arrays;
import java.util.TreeMap;

/**
 * The in-memory index of this node's signing journal: which entry (index, term) it signed with
 * which root. Shares the node must send again, after a restart or to a new leader, are re-derived
 * from it instead of being decided again.
 */
final class SigningJournal {

  private final TreeMap<Long, TreeMap<Long, JournalRecord>> byIndex = new TreeMap<>();
  private int size;

  void add(JournalRecord record) {
    if (byIndex.computeIfAbsent(record.index(), i -> new TreeMap<>()).put(record.term(), record)
        == null) {
      size++;
    }
  }

  /** The record for the entry at (index, term) with this root, or null. */
  JournalRecord find(long index, long term, byte[] root) {
    TreeMap<Long, JournalRecord> terms = byIndex.get(index);
    JournalRecord record = terms == null ? null : terms.get(term);
    return record != null && Arrays.equals(record.rootView(), root) ? record : null;
  }

  int size() {
    return size;
  }
}
