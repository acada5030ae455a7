package io.dvraft.raft.log;

import io.dvraft.raft.LogEntry;
import java.util.List;

/**
 * The log as the state machine holds it: the entries after a compacted prefix, plus three
 * cursors: {@code committed} (known committed), {@code applied} (handed to the host to apply) and
 * {@code persisted} (handed to the host to persist).
 *
 * <p>The term of the last compacted entry is kept, so the log can still check an AppendEntries
 * whose prevLogIndex is exactly the compaction point.
 */
public final class RaftLog {

  /** What {@link #term(long)} returns for an index whose term is not known here. */
  public static final long UNKNOWN = -1;

  private final EntryBuffer entries = new EntryBuffer();
  private long compactedIndex;
  private long compactedTerm;
  private long committed;
  private long applied;
  private long persisted;

  /**
   * Creates a log that starts after a compacted prefix (or empty, with index and term 0).
   *
   * @param compactedIndex the last index not held
   * @param compactedTerm its term
   */
  public RaftLog(long compactedIndex, long compactedTerm) {
    resetTo(compactedIndex, compactedTerm);
  }

  /**
   * Returns the index of the last entry, or the compaction point if there is none.
   *
   * @return the last index
   */
  public long lastIndex() {
    return compactedIndex + entries.size();
  }

  /**
   * Returns the term of the last entry.
   *
   * @return the last term
   */
  public long lastTerm() {
    return entries.size() == 0 ? compactedTerm : entries.last().term();
  }

  /**
   * Returns the first index held.
   *
   * @return the compaction point plus one
   */
  public long firstIndex() {
    return compactedIndex + 1;
  }

  /**
   * Returns the last compacted index.
   *
   * @return the index before the first one held
   */
  public long compactedIndex() {
    return compactedIndex;
  }

  /**
   * Returns the term at an index.
   *
   * @param index the index
   * @return its term, or {@link #UNKNOWN} if it was compacted or is past the end
   */
  public long term(long index) {
    if (index == compactedIndex) {
      return compactedTerm;
    }
    if (index < compactedIndex || index > lastIndex()) {
      return UNKNOWN;
    }
    return entries.get((int) (index - compactedIndex - 1)).term();
  }

  /**
   * Says whether the entry at {@code index} has term {@code term} (the log matching check).
   *
   * @param index the index
   * @param term the expected term
   * @return true if they match
   */
  public boolean matchTerm(long index, long term) {
    long t = term(index);
    return t != UNKNOWN && t == term;
  }

  /**
   * Returns the entry at an index held in the log.
   *
   * @param index an index in [firstIndex, lastIndex]
   * @return the entry
   */
  public LogEntry entry(long index) {
    return entries.get((int) (index - compactedIndex - 1));
  }

  /**
   * Says whether a candidate's log is at least as up to date as this one (Raft 5.4.1).
   *
   * @param lastIndex the candidate's last index
   * @param lastTerm the candidate's last term
   * @return true if its last term is higher, or equal with an index at least as high
   */
  public boolean isUpToDate(long lastIndex, long lastTerm) {
    long myTerm = lastTerm();
    return lastTerm > myTerm || (lastTerm == myTerm && lastIndex >= lastIndex());
  }

  /**
   * Returns the entries from {@code from}, within limits; always at least one entry if there is
   * one.
   *
   * @param from the first index, in [firstIndex, lastIndex + 1]
   * @param maxEntries the most entries
   * @param maxBytes the most payload bytes
   * @return an immutable list
   */
  public List<LogEntry> slice(long from, int maxEntries, long maxBytes) {
    int start = (int) (from - compactedIndex - 1);
    int end = (int) Math.min(entries.size(), (long) start + maxEntries);
    long bytes = 0;
    int i = start;
    while (i < end) {
      bytes += entries.get(i).size();
      if (bytes > maxBytes && i > start) {
        break;
      }
      i++;
    }
    return entries.copyOf(start, i);
  }

  /**
   * Appends one entry (the leader's path).
   *
   * @param entry the entry, whose index must be lastIndex + 1
   */
  public void append(LogEntry entry) {
    entries.add(entry);
  }

  /**
   * Returns the index of the first entry in {@code incoming} that is not already in the log with
   * the same term, or 0 if all are.
   *
   * @param incoming consecutive entries
   * @return the first conflicting or new index, or 0
   */
  public long findConflict(List<LogEntry> incoming) {
    for (int i = 0; i < incoming.size(); i++) {
      LogEntry e = incoming.get(i);
      if (!matchTerm(e.index(), e.term())) {
        return e.index();
      }
    }
    return 0;
  }

  /**
   * Truncates the log after {@code from - 1} and appends entries from {@code from} (the
   * follower's path, after the caller checked that nothing committed is truncated).
   *
   * @param incoming consecutive entries containing index {@code from}
   * @param from the first index to replace
   */
  public void truncateAndAppend(List<LogEntry> incoming, long from) {
    int keep = (int) (from - compactedIndex - 1);
    if (keep < entries.size()) {
      entries.truncate(keep);
    }
    entries.addAll(incoming, (int) (from - incoming.get(0).index()));
    persisted = Math.min(persisted, from - 1);
  }

  /**
   * Finds where to look for agreement after a rejection (fast backtracking): the largest index at
   * or below {@code index} whose term is at most {@code term}.
   *
   * @param index the highest index to consider
   * @param term the term bound
   * @return that index; the compaction point if no held entry qualifies
   */
  public long findConflictByTerm(long index, long term) {
    long i = Math.min(index, lastIndex());
    while (i > compactedIndex) {
      if (term(i) <= term) {
        return i;
      }
      i--;
    }
    return compactedIndex;
  }

  /**
   * Returns the commit index.
   *
   * @return the highest index known committed
   */
  public long committed() {
    return committed;
  }

  /**
   * Raises the commit index; never lowers it.
   *
   * @param index the new commit index, at most lastIndex
   * @return true if it rose
   */
  public boolean commitTo(long index) {
    if (index > committed) {
      committed = index;
      return true;
    }
    return false;
  }

  /**
   * Returns the applied cursor.
   *
   * @return the highest index handed out to apply
   */
  public long applied() {
    return applied;
  }

  /**
   * Says whether committed entries wait to be handed out.
   *
   * @return true if committed is past applied
   */
  public boolean hasUnapplied() {
    return committed > applied;
  }

  /**
   * Hands out the committed entries not yet applied.
   *
   * @return the entries in (applied, committed], in order
   */
  public List<LogEntry> takeUnapplied() {
    if (committed <= applied) {
      return List.of();
    }
    List<LogEntry> out =
        entries.copyOf((int) (applied - compactedIndex), (int) (committed - compactedIndex));
    applied = committed;
    return out;
  }

  /**
   * Says whether entries wait to be handed out for persistence.
   *
   * @return true if there are unpersisted entries
   */
  public boolean hasUnpersisted() {
    return lastIndex() > persisted;
  }

  /**
   * Returns the index up to which entries were handed out for persistence (lowered by a
   * truncation).
   *
   * @return the persisted index
   */
  public long persistedIndex() {
    return persisted;
  }

  /**
   * Hands out the entries not yet given for persistence.
   *
   * @return the entries in (persisted, lastIndex]
   */
  public List<LogEntry> takeUnpersisted() {
    if (persisted >= lastIndex()) {
      return List.of();
    }
    List<LogEntry> out = entries.copyOf((int) (persisted - compactedIndex), entries.size());
    persisted = lastIndex();
    return out;
  }

  /**
   * Marks every entry as persisted and every index up to {@code appliedIndex} as committed and
   * applied (restart from persisted state).
   *
   * @param appliedIndex the host's applied index
   */
  public void markRestored(long appliedIndex) {
    persisted = lastIndex();
    committed = Math.max(committed, appliedIndex);
    applied = Math.max(applied, appliedIndex);
  }

  /**
   * Drops the entries up to {@code index}, keeping its term.
   *
   * @param index the new compaction point, at most the applied index
   */
  public void compact(long index) {
    if (index <= compactedIndex) {
      return;
    }
    long term = term(index);
    entries.dropFirst((int) (index - compactedIndex));
    compactedIndex = index;
    compactedTerm = term;
  }

  /**
   * Replaces the whole log by a snapshot's position: everything up to it is committed, applied
   * (by installing the snapshot) and persisted (with it).
   *
   * @param index the snapshot's index
   * @param term the snapshot's term
   */
  public void resetTo(long index, long term) {
    entries.clear();
    compactedIndex = index;
    compactedTerm = term;
    committed = index;
    applied = index;
    persisted = index;
  }
}
