package io.dvraft.raft;

import static io.dvraft.raft.SteppedNode.n;
import static org.assertj.core.api.Assertions.assertThat;

import io.dvraft.raft.message.AppendEntries;
import io.dvraft.raft.message.VoteRequest;
import io.dvraft.raft.message.VoteResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Restart from persisted state ({@link RaftStateMachine#restore}): Raft's persistent state (figure
 * 2: currentTerm, votedFor, log[]) is what makes a restarted node safe. A node that restarts from
 * what its host persisted never votes twice in a term and never loses a committed entry, whatever
 * batch it crashed in, before or after persisting it.
 */
class RestartTest {

  static final int SEEDS = 50;

  @ParameterizedTest(name = "{0} nodes, " + SEEDS + " seeds")
  @ValueSource(ints = {3, 5})
  void nodesCrashingBeforeOrAfterPersistingABatchNeverVoteTwiceInATermNorLoseACommittedEntry(
      int size, TestReporter reporter) {
    Map<CrashingCluster.CrashPoint, Integer> crashes = new TreeMap<>();
    int snapshotsInstalled = 0;
    long restarts = 0;
    long committed = 0;
    for (long seed = 1; seed <= SEEDS; seed++) {
      CrashingCluster cluster = new CrashingCluster(size, seed, b -> {});
      cluster.run(600); // invariants are checked after every step
      cluster.heal(300);

      List<LogEntry> reference = List.copyOf(cluster.appliedAt().values());
      for (CrashingCluster.Host h : cluster.hosts.values()) {
        assertThat(h.app)
            .as("seed %d: %s re-applied the same sequence after its restarts", seed, h.id)
            .isEqualTo(reference);
      }
      assertThat(reference.size()).as("seed %d made progress", seed).isGreaterThan(20);
      cluster.crashes.forEach((k, v) -> crashes.merge(k, v, Integer::sum));
      snapshotsInstalled += cluster.snapshotsInstalled;
      restarts += cluster.restarts;
      committed += reference.size();
    }
    reporter.publishEntry("crashes", crashes.toString());
    reporter.publishEntry("restarts", Long.toString(restarts));
    reporter.publishEntry("snapshotsInstalled", Integer.toString(snapshotsInstalled));
    reporter.publishEntry("entriesCommitted", Long.toString(committed));
    // The campaign exercised what it claims to.
    assertThat(crashes.keySet()).containsExactlyInAnyOrder(CrashingCluster.CrashPoint.values());
    assertThat(restarts).isGreaterThan(SEEDS);
    assertThat(snapshotsInstalled).isPositive();
    assertThat(committed).isGreaterThan(SEEDS * 50L);
  }

  @Test
  void restartedNodeKeepsItsTermAndVoteAndRefusesAnotherCandidateInThatTerm() {
    SteppedNode voter = SteppedNode.create(1, 3);
    voter.step(2, new VoteRequest(1, 0, 0, false, false));

    RaftStateMachine restarted =
        RaftStateMachine.restore(voter.raft.config(), voter.storage.toPersisted());
    restarted.step(n(3), new VoteRequest(1, 0, 0, false, false));
    restarted.step(n(2), new VoteRequest(1, 0, 0, false, false));

    assertThat(restarted.status().role()).isEqualTo(Role.FOLLOWER);
    assertThat(restarted.status().term()).isEqualTo(1);
    assertThat(restarted.status().votedFor()).contains(n(2));
    assertThat(restarted.poll().messages())
        .containsExactly(
            new Envelope(n(3), new VoteResponse(1, false, false)),
            new Envelope(n(2), new VoteResponse(1, true, false)));
  }

  @Test
  void restartedNodeWhoseApplicationStateWasLostReappliesCommittedEntriesInOrder() {
    SteppedNode follower = SteppedNode.create(1, 3);
    follower.step(2, AppendEntries.of(1, 0, 0, SteppedNode.entries(1, 1, 1, 1), 3, 0));
    assertThat(follower.applied).hasSize(3);

    // The application kept nothing: the host restarts it with applied index 0.
    PersistedState stored = follower.storage.toPersisted();
    RaftStateMachine restarted =
        RaftStateMachine.restore(
            follower.raft.config(),
            new PersistedState(stored.hardState(), stored.snapshot(), stored.entries(), 0));

    // The persisted commit index says what is committed: no leader is needed to reapply it.
    assertThat(stored.hardState().commit()).isEqualTo(3);
    assertThat(restarted.status().commitIndex()).isEqualTo(3);
    assertThat(restarted.poll().committed()).isEqualTo(follower.applied);
  }

  @Test
  void restartedNodeWithoutACommitIndexLearnsTheCommitFromTheLeader() {
    SteppedNode follower = SteppedNode.create(1, 3);
    follower.step(2, AppendEntries.of(1, 0, 0, SteppedNode.entries(1, 1, 1, 1), 3, 0));

    // A host that does not keep the commit index (or lost it) restarts from 0.
    PersistedState stored = follower.storage.toPersisted();
    HardState noCommit = new HardState(stored.hardState().term(), stored.hardState().votedFor());
    RaftStateMachine restarted =
        RaftStateMachine.restore(
            follower.raft.config(),
            new PersistedState(noCommit, stored.snapshot(), stored.entries(), 0));
    assertThat(restarted.status().commitIndex()).isZero();

    restarted.step(n(2), AppendEntries.of(1, 3, 1, List.of(), 3, 0));
    assertThat(restarted.poll().committed()).isEqualTo(follower.applied);
  }

  @Test
  void restartedNodeDoesNotHandBackEntriesItsApplicationAlreadyApplied() {
    SteppedNode follower = SteppedNode.create(1, 3);
    follower.step(2, AppendEntries.of(1, 0, 0, SteppedNode.entries(1, 1, 1, 1), 2, 0));

    RaftStateMachine restarted =
        RaftStateMachine.restore(follower.raft.config(), follower.storage.toPersisted());
    assertThat(restarted.status().appliedIndex()).isEqualTo(2);

    restarted.step(n(2), AppendEntries.of(1, 3, 1, List.of(), 3, 0));
    assertThat(restarted.poll().committed()).containsExactly(SteppedNode.entry(3, 1));
  }

  @Test
  void restoreRejectsAPersistedTermBelowItsLastEntrysTerm() {
    PersistedState inconsistent =
        new PersistedState(
            new HardState(1, Optional.empty()), Optional.empty(), SteppedNode.entries(1, 2), 0);

    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(
            () -> RaftStateMachine.restore(SteppedNode.paperConfig(1, 3).build(), inconsistent));
  }
}
