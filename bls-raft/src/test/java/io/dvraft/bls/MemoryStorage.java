package io.dvraft.bls;

import io.dvraft.raft.HardState;
import io.dvraft.raft.LogEntry;
import io.dvraft.raft.Output;
import io.dvraft.raft.PersistedState;
import io.dvraft.raft.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What a test host persists for one node: the Raft state and the signing journal. */
final class MemoryStorage {

  HardState hardState = HardState.INITIAL;
  Snapshot snapshot;
  final List<LogEntry> entries = new ArrayList<>();
  final List<JournalRecord> journal = new ArrayList<>();
  long applied;

  /** Persists step 1 of a Raft batch. */
  void persist(Output out) {
    out.hardState().ifPresent(hs -> hardState = hs);
    out.snapshotToInstall()
        .ifPresent(
            s -> {
              snapshot = s;
              entries.clear();
            });
    for (LogEntry e : out.entriesToPersist()) {
      long first = entries.isEmpty() ? e.index() : entries.get(0).index();
      int pos = (int) (e.index() - first);
      if (pos < entries.size()) {
        entries.subList(pos, entries.size()).clear();
      }
      entries.add(e);
    }
  }

  /** Persists step 1 of a BLS-Raft batch: the Raft state and the journal, together. */
  void persist(BlsOutput out) {
    persist(out.raft());
    journal.addAll(out.journalToPersist());
  }

  void compactTo(long snapshotIndex) {
    entries.removeIf(e -> e.index() <= snapshotIndex);
  }

  PersistedState toPersisted() {
    long base = snapshot == null ? 0 : snapshot.metadata().index();
    List<LogEntry> after = new ArrayList<>();
    for (LogEntry e : entries) {
      if (e.index() > base) {
        after.add(e);
      }
    }
    long appliedIndex = Math.min(applied, base + after.size());
    return new PersistedState(
        hardState, Optional.ofNullable(snapshot), after, Math.max(appliedIndex, base));
  }
}
