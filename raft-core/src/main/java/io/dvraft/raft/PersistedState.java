package io.dvraft.raft;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a host durably stored for a node, handed back to {@link RaftStateMachine#restore} after a
 * restart.
 *
 * @param hardState the last persisted term, vote and commit index
 * @param snapshot the last persisted snapshot, if any
 * @param entries the persisted log entries after the snapshot, consecutive
 * @param appliedIndex the highest index the host's application had applied (and will not be
 *     given again); 0 if unknown, in which case committed entries are replayed
 */
public record PersistedState(
    HardState hardState, Optional<Snapshot> snapshot, List<LogEntry> entries, long appliedIndex) {

  /** The state of a node that has persisted nothing yet. */
  public static final PersistedState EMPTY =
      new PersistedState(HardState.INITIAL, Optional.empty(), List.of(), 0);

  /**
   * Checks the state's shape: entries consecutive and right after the snapshot, with terms that
   * never go down (from the snapshot's term on), as in any Raft log.
   *
   * @param hardState the last persisted term, vote and commit index
   * @param snapshot the last persisted snapshot, if any
   * @param entries the persisted log entries after the snapshot, consecutive
   * @param appliedIndex the highest index the host's application had applied (and will not be given
   *     again); 0 if unknown, in which case committed entries are replayed
   * @throws IllegalArgumentException if the entries have gaps, do not follow the snapshot, or
   * have decreasing terms (for example entries kept from before an installed snapshot), or
   * the hard state's commit index or the applied index is beyond what is stored
   */
  public PersistedState {
    Objects.requireNonNull(hardState, "hardState");
    Objects.requireNonNull(snapshot, "snapshot");
    entries = List.copyOf(entries);
    long expected = snapshot.map(s -> s.metadata().index()).orElse(0L) + 1;
    long minTerm = snapshot.map(s -> s.metadata().term()).orElse(0L);
    for (LogEntry entry : entries) {
      if (entry.index() != expected) {
        throw new IllegalArgumentException(
            "persisted entries must be consecutive after the snapshot: expected index "
                + expected + ", found " + entry.index());
      }
      if (entry.term() < minTerm) {
        throw new IllegalArgumentException(
            "persisted entry " + entry.index() + " has term " + entry.term() + " below "
                + minTerm + " before it: was the log not dropped when a snapshot was installed?");
      }
      minTerm = entry.term();
      expected++;
    }
    if (hardState.commit() > expected - 1) {
      throw new IllegalArgumentException(
          "hard state's commit index " + hardState.commit() + " is beyond the persisted log [0, "
              + (expected - 1) + "]: were entries lost after the hard state was written?");
    }
    if (appliedIndex < 0 || appliedIndex > expected - 1) {
      throw new IllegalArgumentException(
          "applied index " + appliedIndex + " is outside the persisted log [0, "
              + (expected - 1) + "]");
    }
  }
}
