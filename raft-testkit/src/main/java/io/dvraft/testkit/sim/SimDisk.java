package io.dvraft.testkit.sim;

import io.dvraft.raft.HardState;
import io.dvraft.raft.LogEntry;
import io.dvraft.raft.Output;
import io.dvraft.raft.PersistedState;
import io.dvraft.raft.Snapshot;
import io.dvraft.testkit.check.EntryChain;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A simulated host's disk: hard state, snapshot and log, with the {@link EntryChain} of the log at
 * every index it holds. A batch is written as a sequence of records (hard state, snapshot, then
 * each entry, like a write-ahead log); a torn write keeps only a prefix of them. What is written
 * here is durable: a crash loses only the batch being written when it happens.
 */
final class SimDisk {

  private HardState hardState = HardState.INITIAL;
  private Snapshot snapshot;
  private long snapshotChain = EntryChain.START;

  /** The index of entries.get(0); entries before it are compacted or covered by the snapshot. */
  private long offset = 1;

  /** The chain at offset - 1. */
  private long baseChain = EntryChain.START;

  private final List<LogEntry> entries = new ArrayList<>();
  private long[] chains = new long[64];

  HardState hardState() {
    return hardState;
  }

  Optional<Snapshot> snapshot() {
    return Optional.ofNullable(snapshot);
  }

  long snapshotIndex() {
    return snapshot == null ? 0 : snapshot.metadata().index();
  }

  long lastIndex() {
    return Math.max(offset - 1 + entries.size(), snapshotIndex());
  }

  /** Counts the records a batch writes, for torn writes. */
  static int records(Output out) {
    return (out.hardState().isPresent() ? 1 : 0)
        + (out.snapshotToInstall().isPresent() ? 1 : 0)
        + out.entriesToPersist().size();
  }

  /**
   * Writes the first {@code keep} records of a batch.
   *
   * @return the entries written
   * @throws IllegalStateException if the batch breaks the host contract (a gap in the log, an
   *     overwrite of compacted entries)
   */
  List<LogEntry> write(Output out, int keep, SnapshotCodec codec) {
    int budget = keep;
    if (out.hardState().isPresent()) {
      if (budget-- <= 0) {
        return List.of();
      }
      hardState = out.hardState().get();
    }
    if (out.snapshotToInstall().isPresent()) {
      if (budget-- <= 0) {
        return List.of();
      }
      Snapshot s = out.snapshotToInstall().get();
      snapshot = s;
      snapshotChain = codec.chainOf(s);
      entries.clear();
      offset = s.metadata().index() + 1;
      baseChain = snapshotChain;
    }
    List<LogEntry> written = new ArrayList<>();
    for (LogEntry e : out.entriesToPersist()) {
      if (budget-- <= 0) {
        break;
      }
      append(e);
      written.add(e);
    }
    return written;
  }

  private void append(LogEntry e) {
    long last = offset - 1 + entries.size();
    if (e.index() > last + 1) {
      throw new IllegalStateException(
          "entry " + e.index() + " would leave a gap after the durable log's last index " + last);
    }
    if (e.index() < offset) {
      throw new IllegalStateException(
          "entry " + e.index() + " would overwrite the compacted log (first index " + offset + ")");
    }
    int position = (int) (e.index() - offset);
    if (position < entries.size()) {
      entries.subList(position, entries.size()).clear();
    }
    long previous = position == 0 ? baseChain : chains[position - 1];
    if (position == chains.length) {
      chains = Arrays.copyOf(chains, chains.length * 2);
    }
    chains[position] = EntryChain.extend(previous, e);
    entries.add(e);
  }

  /** Stores a snapshot the host's own application took; the log stays as it is. */
  void saveSnapshot(Snapshot s, long chain) {
    snapshot = s;
    snapshotChain = chain;
  }

  /** Drops entries up to {@code index}, as the node's LogCompacted event allows. */
  void compact(long index) {
    long upTo = Math.min(index, snapshotIndex());
    if (upTo < offset) {
      return;
    }
    OptionalLong chain = chainAt(upTo);
    int drop = (int) Math.min(entries.size(), upTo - offset + 1);
    entries.subList(0, drop).clear();
    chains = Arrays.copyOfRange(chains, drop, Math.max(chains.length, drop + 64));
    offset = upTo + 1;
    baseChain = chain.orElse(baseChain);
  }

  OptionalLong chainAt(long index) {
    if (index == 0) {
      return OptionalLong.of(EntryChain.START);
    }
    if (snapshot != null && index == snapshotIndex()) {
      return OptionalLong.of(snapshotChain);
    }
    if (index >= offset && index < offset + entries.size()) {
      return OptionalLong.of(chains[(int) (index - offset)]);
    }
    if (index == offset - 1) {
      return OptionalLong.of(baseChain);
    }
    return OptionalLong.empty();
  }

  /** The term of the entry at {@code index}, or -1 if the disk does not hold it. */
  long termAt(long index) {
    if (snapshot != null && index == snapshotIndex()) {
      return snapshot.metadata().term();
    }
    if (index >= offset && index < offset + entries.size()) {
      return entries.get((int) (index - offset)).term();
    }
    return -1;
  }

  /** What a restarting host hands to {@code restore}. */
  PersistedState toPersisted(long appliedIndex) {
    long base = snapshotIndex();
    List<LogEntry> after = new ArrayList<>();
    for (LogEntry e : entries) {
      if (e.index() > base) {
        after.add(e);
      }
    }
    if (!after.isEmpty() && after.get(0).index() != base + 1) {
      throw new IllegalStateException(
          "the durable log starts at "
              + after.get(0).index()
              + " but the snapshot ends at "
              + base);
    }
    return new PersistedState(hardState, Optional.ofNullable(snapshot), after, appliedIndex);
  }
}
