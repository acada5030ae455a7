package io.dvraft.raft;

import static io.dvraft.raft.SteppedNode.n;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dvraft.raft.message.AppendEntries;
import io.dvraft.raft.message.InstallSnapshot;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The commit index in the hard state (architecture decision 6): a restart hint that never points
 * past the host's durable log, whatever order the host writes a batch in, and that costs no fsync.
 */
class HardStateCommitTest {

  @Test
  void batchReportsNoCommitIndexCoveringItsOwnEntries() {
    SteppedNode follower = SteppedNode.create(1, 3);

    SteppedNode.Batch batch =
        follower.step(2, AppendEntries.of(1, 0, 0, SteppedNode.entries(1, 1, 1, 1), 3, 0));

    Output first = batch.outputs().get(0);
    assertThat(first.entriesToPersist()).hasSize(3);
    assertThat(first.hardState().orElseThrow().commit())
        .as("entries 1..3 may be torn off while this hard state is written")
        .isZero();
    assertThat(first.committed()).hasSize(3);
  }

  @Test
  void nextBatchReportsTheCommitIndex_withoutAskingForAnFsync() {
    SteppedNode follower = SteppedNode.create(1, 3);

    SteppedNode.Batch batch =
        follower.step(2, AppendEntries.of(1, 0, 0, SteppedNode.entries(1, 1, 1, 1), 3, 0));

    assertThat(batch.outputs()).hasSize(2);
    Output second = batch.outputs().get(1);
    assertThat(second.hardState().orElseThrow())
        .isEqualTo(new HardState(1, Optional.empty(), 3));
    assertThat(second.mustSync()).isFalse();
    assertThat(second.entriesToPersist()).isEmpty();
  }

  @Test
  void termChange_stillAsksForAnFsync() {
    SteppedNode follower = SteppedNode.create(1, 3);

    Output out = follower.step(2, AppendEntries.of(4, 0, 0, List.of(), 0, 0)).outputs().get(0);

    assertThat(out.hardState().orElseThrow().term()).isEqualTo(4);
    assertThat(out.mustSync()).isTrue();
  }

  @Test
  void truncation_neverLowersTheReportedCommitIndex() {
    SteppedNode follower = SteppedNode.create(1, 3);
    follower.step(2, AppendEntries.of(1, 0, 0, SteppedNode.entries(1, 1, 1, 1, 1), 2, 0));
    assertThat(follower.storage.hardState.commit()).isEqualTo(2);

    // A new leader of term 2 overwrites the uncommitted entries 3 and 4.
    follower.step(3, AppendEntries.of(2, 2, 1, SteppedNode.entries(3, 2), 2, 0));

    assertThat(follower.storage.hardState.commit()).isEqualTo(2);
    assertThat(follower.persistedLog()).extracting(LogEntry::term).containsExactly(1L, 1L, 2L);
  }

  @Test
  void snapshotInstallBatch_keepsTheOldCommitIndex_untilTheSnapshotIsDurable() {
    SteppedNode follower = SteppedNode.create(1, 3);
    follower.step(2, AppendEntries.of(1, 0, 0, SteppedNode.entries(1, 1, 1), 2, 0));
    assertThat(follower.storage.hardState.commit()).isEqualTo(2);

    SnapshotMetadata meta = new SnapshotMetadata(10, 1, SteppedNode.cluster(3));
    SteppedNode.Batch batch =
        follower.step(2, new InstallSnapshot(1, meta, 0, new byte[] {7}, true));

    Output install = batch.outputs().get(0);
    assertThat(install.snapshotToInstall()).isPresent();
    assertThat(install.hardState().map(HardState::commit).orElse(2L))
        .as("the old log may still be all that is on disk")
        .isEqualTo(2);
    assertThat(follower.storage.hardState.commit()).isEqualTo(10);
  }

  @Test
  void restore_rejectsACommitIndexBeyondThePersistedLog() {
    HardState hs = new HardState(1, Optional.empty(), 4);

    assertThatThrownBy(
            () -> new PersistedState(hs, Optional.empty(), SteppedNode.entries(1, 1, 1, 1), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("commit index 4 is beyond the persisted log [0, 3]");
  }

  @Test
  void restore_startsFromThePersistedCommitIndex_andReappliesWhatTheHostHadNotApplied() {
    SteppedNode follower = SteppedNode.create(1, 3);
    follower.step(2, AppendEntries.of(1, 0, 0, SteppedNode.entries(1, 1, 1, 1, 1), 3, 0));
    PersistedState stored = follower.storage.toPersisted();
    assertThat(stored.hardState().commit()).isEqualTo(3);

    RaftStateMachine restarted =
        RaftStateMachine.restore(
            follower.raft.config(),
            new PersistedState(stored.hardState(), stored.snapshot(), stored.entries(), 1));

    assertThat(restarted.status().commitIndex()).isEqualTo(3);
    assertThat(restarted.poll().committed()).extracting(LogEntry::index).containsExactly(2L, 3L);
  }

  @Test
  void hardStateWithoutCommit_meansNothingKnownCommitted() {
    assertThat(new HardState(3, Optional.of(n(2))).commit()).isZero();
    assertThat(HardState.INITIAL.commit()).isZero();
    assertThatThrownBy(() -> new HardState(1, Optional.empty(), -1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
