package io.dvraft.raft.example;

import static org.assertj.core.api.Assertions.assertThat;

import io.dvraft.raft.HardState;
import io.dvraft.raft.LogEntry;
import io.dvraft.raft.Membership;
import io.dvraft.raft.NodeId;
import io.dvraft.raft.PersistedState;
import io.dvraft.raft.Snapshot;
import io.dvraft.raft.SnapshotMetadata;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example storage keeps the persistence part of the host contract across restarts. */
class FileStorageTest {

  private static final Membership MEMBERSHIP = Membership.ofVoters(NodeId.of(1));

  @TempDir Path dir;

  private static List<LogEntry> entries(long first, long... terms) {
    List<LogEntry> list = new ArrayList<>();
    for (int i = 0; i < terms.length; i++) {
      long index = first + i;
      list.add(LogEntry.command(index, terms[i], ("e" + index).getBytes(StandardCharsets.UTF_8)));
    }
    return list;
  }

  private static Snapshot snapshot(long index, long term) {
    return new Snapshot(new SnapshotMetadata(index, term, MEMBERSHIP), new byte[] {1, 2, 3});
  }

  @Test
  void reopenedStorageHoldsWhatWasPersisted() throws IOException {
    try (FileStorage s = FileStorage.open(dir)) {
      s.saveHardState(new HardState(3, Optional.of(NodeId.of(2))));
      s.append(entries(1, 1, 1, 2));
      s.sync();
    }
    try (FileStorage s = FileStorage.open(dir)) {
      PersistedState p = s.persistedState();
      assertThat(p.hardState()).isEqualTo(new HardState(3, Optional.of(NodeId.of(2))));
      assertThat(p.entries()).isEqualTo(entries(1, 1, 1, 2));
      assertThat(p.snapshot()).isEmpty();
    }
  }

  @Test
  void theCommitIndexIsKeptWithTheTermAndVote() throws IOException {
    try (FileStorage s = FileStorage.open(dir)) {
      s.saveHardState(new HardState(3, Optional.of(NodeId.of(2))));
      s.append(entries(1, 1, 1, 2));
      s.sync();
      s.saveHardState(new HardState(3, Optional.of(NodeId.of(2)), 2)); // commit only: no fsync
    }
    try (FileStorage s = FileStorage.open(dir)) {
      assertThat(s.persistedState().hardState())
          .isEqualTo(new HardState(3, Optional.of(NodeId.of(2)), 2));
    }
  }

  @Test
  void entriesStartingAtOrBelowTheLastStoredIndexReplaceTheStoredSuffix() throws IOException {
    try (FileStorage s = FileStorage.open(dir)) {
      s.append(entries(1, 1, 1, 1));
      s.append(entries(2, 2));
      s.sync();
    }
    try (FileStorage s = FileStorage.open(dir)) {
      assertThat(s.persistedState().entries()).isEqualTo(entries(1, 1, 2));
    }
  }

  @Test
  void aRecordCutShortByACrashIsDroppedOnLoad() throws IOException {
    try (FileStorage s = FileStorage.open(dir)) {
      s.append(entries(1, 1, 1));
      s.sync();
    }
    Files.write(dir.resolve("log"), new byte[] {0, 0, 0, 40, 1, 2, 3}, StandardOpenOption.APPEND);
    try (FileStorage s = FileStorage.open(dir)) {
      assertThat(s.persistedState().entries()).isEqualTo(entries(1, 1, 1));
      s.append(entries(3, 1));
      s.sync();
    }
    try (FileStorage s = FileStorage.open(dir)) {
      assertThat(s.persistedState().entries()).isEqualTo(entries(1, 1, 1, 1));
    }
  }

  @Test
  void aSnapshotFromTheLeaderReplacesTheWholeLog() throws IOException {
    try (FileStorage s = FileStorage.open(dir)) {
      s.append(entries(1, 1, 1, 1));
      s.installSnapshot(snapshot(10, 3));
      s.append(entries(11, 3));
      s.sync();
    }
    try (FileStorage s = FileStorage.open(dir)) {
      PersistedState p = s.persistedState();
      assertThat(p.snapshot()).contains(snapshot(10, 3));
      assertThat(p.entries()).isEqualTo(entries(11, 3));
      assertThat(p.appliedIndex()).isEqualTo(10);
    }
  }

  @Test
  void aCrashBetweenStoringALeadersSnapshotAndDiscardingTheLogDiscardsItOnLoad() throws IOException {
    try (FileStorage s = FileStorage.open(dir)) {
      s.append(entries(1, 1, 1, 1));
      s.sync();
      s.saveSnapshot(snapshot(2, 2)); // the crash comes before the log is replaced
    }
    try (FileStorage s = FileStorage.open(dir)) {
      assertThat(s.persistedState().entries()).isEmpty();
      assertThat(s.firstIndex()).isEqualTo(3);
    }
  }

  @Test
  void ownSnapshotKeepsTheLogUntilCompactedAndRestartKeepsEntriesAfterIt() throws IOException {
    try (FileStorage s = FileStorage.open(dir)) {
      s.append(entries(1, 1, 1, 1, 1, 1, 1));
      s.sync();
      s.saveSnapshot(snapshot(4, 1));
      s.compactTo(2); // LogCompacted(snapshotIndex 4, firstIndex 3): trailing entries kept
    }
    try (FileStorage s = FileStorage.open(dir)) {
      assertThat(s.firstIndex()).isEqualTo(3);
      assertThat(s.persistedState().snapshot()).contains(snapshot(4, 1));
      assertThat(s.persistedState().entries()).isEqualTo(entries(5, 1, 1));
    }
  }
}
