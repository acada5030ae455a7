package io.dvraft.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.dvraft.raft.ScenarioCluster.Host;
import io.dvraft.raft.message.InstallSnapshot;
import io.dvraft.raft.message.InstallSnapshotResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Snapshots as scenarios (Raft section 7): compaction keeps a trailing window; a follower whose
 * next entry was compacted gets the snapshot in chunks, the transfer resumes after loss and
 * starts over after a follower crash; nodes restart from snapshot plus log. The application is a
 * hash chain, so {@link SafetyChecks} verifies that a node that installed a snapshot and then
 * applied the log holds exactly the state of the nodes that applied every entry.
 */
class SnapshotScenarioTest {

  private static final List<Long> ALL = List.of(1L, 2L, 3L);
  private static final int CHUNK = 64;
  private static final int PADDING = 1000; // 1016-byte snapshots: 16 chunks

  private static ScenarioCluster cluster(long seed) {
    ScenarioCluster c = new ScenarioCluster(3, seed,
        b -> b.snapshotTrailingEntries(5).snapshotChunkBytes(CHUNK));
    c.snapshotPadding = PADDING;
    return c;
  }

  private static Host follower(ScenarioCluster c, Host leader) {
    for (Host h : c.nodes.values()) {
      if (h != leader) {
        return h;
      }
    }
    throw new AssertionError();
  }

  @Test
  void laggingFollower_behindCompaction_catchesUpByMultiChunkSnapshot_despiteLoss_thenRestarts() {
    ScenarioCluster c = cluster(301);
    Host l = c.awaitLeader();
    Host f = follower(c, l);
    c.isolate(f.id.value());
    c.proposeAndCommit("a", 60);

    assertThat(l.takeSnapshot().ok()).isTrue();
    long snapIndex = l.appliedIndex;
    assertThat(l.events(RaftEvent.LogCompacted.class))
        .containsExactly(new RaftEvent.LogCompacted(snapIndex, snapIndex - 5 + 1));
    assertThat(l.status().firstIndex()).isEqualTo(snapIndex - 4);
    assertThat(f.status().lastIndex()).isLessThan(l.status().firstIndex() - 1);
    c.proposeAndCommit("b", 5);

    List<Long> offsetsDelivered = new ArrayList<>();
    int[] lost = new int[1];
    c.beforeDelivery = m -> {
      if (m.to().equals(f.id) && m.message() instanceof InstallSnapshot s) {
        offsetsDelivered.add(s.offset());
      }
    };
    c.lossRate = 0.3;
    c.lossApplies = m -> {
      boolean applies = m.message() instanceof InstallSnapshot
          || m.message() instanceof InstallSnapshotResponse;
      if (applies) {
        lost[0]++; // counts candidates for loss; some of them are lost
      }
      return applies;
    };
    c.heal();
    c.runUntil("f installed the snapshot", 400, () -> !f.installed.isEmpty());
    c.lossRate = 0;
    c.awaitConverged(ALL);

    assertThat(f.installed).hasSize(1);
    assertThat(f.installed.get(0).metadata().index()).isEqualTo(snapIndex);
    assertThat(f.installed.get(0).data()).hasSize(16 + PADDING);
    assertThat(f.applied.get(0).index()).as("applied the log from just after the snapshot")
        .isEqualTo(snapIndex + 1);
    assertThat(offsetsDelivered.stream().distinct().count())
        .as("every one of the 16 chunks was sent").isEqualTo(16);
    assertThat(offsetsDelivered.size()).as("with loss, some chunks were sent again")
        .isGreaterThan(16);
    assertThat(l.events(RaftEvent.SnapshotSent.class))
        .contains(new RaftEvent.SnapshotSent(f.id, snapIndex));
    assertThat(f.commands()).contains("b0", "b4").doesNotContain("a0");

    // It restarts from the installed snapshot plus the log it appended after it.
    f.crash();
    c.proposeAndCommit("c", 3);
    f.restart();
    assertThat(f.status().firstIndex()).isEqualTo(snapIndex + 1);
    c.awaitConverged(ALL);
    assertThat(f.commands()).contains("b0", "c2");
  }

  @Test
  void followerCrash_inTheMiddleOfASnapshotInstall_restartsAndFinishes() {
    ScenarioCluster c = cluster(303);
    Host l = c.awaitLeader();
    Host f = follower(c, l);
    c.isolate(f.id.value());
    c.proposeAndCommit("a", 40);
    assertThat(l.takeSnapshot().ok()).isTrue();
    long snapIndex = l.appliedIndex;

    List<Long> offsets = new ArrayList<>();
    boolean[] crashed = new boolean[1];
    c.beforeDelivery = m -> {
      if (m.to().equals(f.id) && m.message() instanceof InstallSnapshot s && !f.down) {
        offsets.add(s.offset());
        if (offsets.size() == 6 && !crashed[0]) {
          crashed[0] = true;
          f.crash(); // this chunk and what it held so far are lost with it
        }
      }
    };
    c.heal();
    c.runUntil("f crashed mid-transfer", 100, () -> f.down);
    assertThat(f.installed).isEmpty();
    assertThat(offsets).hasSize(6).startsWith(0L).isSorted().contains(64L);
    assertThat(f.snapshot).as("nothing persisted from a partial transfer").isNull();

    c.run(5);
    offsets.clear();
    f.restart();
    c.runUntil("f installed the snapshot", 200, () -> !f.installed.isEmpty());
    assertThat(offsets).as("the transfer started over").contains(0L);
    assertThat(f.installed.get(0).metadata().index()).isEqualTo(snapIndex);
    c.proposeAndCommit("b", 3);
    c.awaitConverged(ALL);
    assertThat(f.commands()).contains("b2");
  }

  @Test
  void restart_fromSnapshotPlusLog_restoresStateAndMembershipAndKeepsCommitting() {
    ScenarioCluster c = cluster(305);
    Host l = c.awaitLeader();
    c.proposeAndCommit("a", 20);
    // A membership change before the snapshots: the joining node's own RaftConfig still names
    // {1,2,3}, so after a restart it can only know it is a voter from its snapshot.
    Host n4 = c.addNode(4, l.status().membership());
    assertThat(l.changeMembership(ALL, List.of(4L)).ok()).isTrue();
    c.runUntil("4 is a learner", 50, () -> n4.appliedIndex == l.appliedIndex);
    assertThat(l.changeMembership(List.of(1L, 2L, 3L, 4L), List.of()).ok()).isTrue();
    Membership four = ScenarioCluster.voters(1, 2, 3, 4);
    c.runUntil("4 is a voter", 50, () -> l.status().membership().equals(four));
    c.proposeAndCommit("b", 20);
    List<Long> everyone = List.of(1L, 2L, 3L, 4L);
    c.awaitConverged(everyone);
    for (Host h : c.nodes.values()) {
      assertThat(h.takeSnapshot().ok()).isTrue();
      assertThat(h.snapshot.metadata().membership()).isEqualTo(four);
    }
    long snapIndex = l.snapshot.metadata().index();
    c.proposeAndCommit("c", 10); // persisted in the log after the snapshot
    c.awaitConverged(everyone);
    long before = c.checks.highestApplied();

    for (Host h : c.nodes.values()) {
      h.crash();
    }
    for (Host h : c.nodes.values()) {
      h.restart();
      assertThat(h.status().firstIndex()).isEqualTo(snapIndex + 1);
      assertThat(h.status().lastIndex()).isGreaterThanOrEqualTo(before);
      assertThat(h.status().membership()).isEqualTo(four);
    }
    assertThat(n4.appliedIndex)
        .as("the application restarts from the snapshot, then reapplies the log up to the "
            + "persisted commit index")
        .isEqualTo(n4.hardState.commit())
        .isGreaterThan(snapIndex);

    // Node 4 counts: with one original node down the other three, 4 included, must agree.
    Host next = c.awaitLeader();
    c.node(next.id.value() == 1 ? 2 : 1).crash();
    c.proposeAndCommit("d", 5);
    List<Long> live = new ArrayList<>();
    for (Host h : c.nodes.values()) {
      if (!h.down) {
        live.add(h.id.value());
      }
    }
    assertThat(live).contains(4L);
    c.awaitConverged(live);
    assertThat(n4.commands()).contains("c9", "d4");
  }

  @Test
  void snapshotTaken_refusedBeyondAppliedOrNotNewer() {
    ScenarioCluster c = cluster(307);
    Host l = c.awaitLeader();
    c.proposeAndCommit("a", 10);
    assertThat(l.raft.snapshotTaken(l.appliedIndex + 1, new byte[16]).reason())
        .contains(RefusalReason.INVALID_SNAPSHOT);
    assertThat(l.takeSnapshot().ok()).isTrue();
    assertThat(l.raft.snapshotTaken(l.appliedIndex, new byte[16]).reason())
        .as("not newer than the current snapshot").contains(RefusalReason.INVALID_SNAPSHOT);
  }

  /**
   * Each chunk answer makes the leader send the chunk the follower expects, and heartbeats resend
   * it in case it was lost. A duplicate answer (to a resent chunk) must not start a second
   * chunk-answer exchange, or every heartbeat during a transfer adds one more endless exchange and
   * the traffic grows with the square of the transfer's length.
   */
  @Test
  void snapshotTransfer_withoutLoss_sendsEachChunkAboutOnce() {
    ScenarioCluster c = cluster(309);
    c.snapshotPadding = 64 * CHUNK - 16; // 64 chunks
    Host l = c.awaitLeader();
    Host f = follower(c, l);
    c.isolate(f.id.value());
    c.proposeAndCommit("a", 20);
    assertThat(l.takeSnapshot().ok()).isTrue();
    int[] chunks = new int[1];
    c.beforeDelivery = m -> {
      if (m.message() instanceof InstallSnapshot) {
        chunks[0]++;
      }
    };
    c.heal();
    long start = c.ticks;
    c.runUntil("installed", 500, () -> !f.installed.isEmpty());
    long ticks = c.ticks - start;
    // One chunk per round trip, plus at most one heartbeat resend per tick.
    assertThat(chunks[0]).as("chunks sent in " + ticks + " ticks").isLessThanOrEqualTo(64 + 2 * (int) ticks);
  }

  /**
   * A new snapshot taken while an older one is still being sent does not compact the log past the
   * older one: the follower, once it has installed it, catches up with appends instead of needing
   * the new snapshot too (with snapshots taken faster than a transfer, it never would catch up).
   */
  @Test
  void newSnapshotDuringATransfer_keepsTheLogFromTheSnapshotInFlight() {
    ScenarioCluster c = cluster(313);
    Host l = c.awaitLeader();
    Host f = follower(c, l);
    long first = startSnapshotTransfer(c, l, f);
    c.isolate(f.id.value()); // the transfer stalls part-way
    c.proposeAndCommit("b", 30);
    assertThat(f.installed).isEmpty();

    assertThat(l.takeSnapshot().ok()).isTrue();
    assertThat(l.status().firstIndex())
        .as("entries after the snapshot in flight are kept")
        .isEqualTo(first + 1);

    c.heal();
    c.awaitConverged(ALL);
    assertThat(f.installed).extracting(s -> s.metadata().index()).containsExactly(first);
    assertThat(f.commands()).contains("b0", "b29");
  }

  /**
   * Leaves {@code f} behind the leader's compaction, takes a snapshot and runs until its transfer
   * to {@code f} is under way (a chunk past the first delivered).
   *
   * @return the snapshot's index
   */
  private static long startSnapshotTransfer(ScenarioCluster c, Host l, Host f) {
    c.isolate(f.id.value());
    c.proposeAndCommit("a", 30);
    assertThat(l.takeSnapshot().ok()).isTrue();
    boolean[] started = new boolean[1];
    c.beforeDelivery = m -> {
      if (m.to().equals(f.id) && m.message() instanceof InstallSnapshot s && s.offset() > 0) {
        started[0] = true;
      }
    };
    c.heal();
    c.runUntil("transfer under way", 100, () -> started[0]);
    return l.snapshot.metadata().index();
  }

  /** A follower that went silent mid-transfer does not hold the leader's compaction back. */
  @Test
  void newSnapshot_compactsPastASnapshotInFlightToASilentFollower() {
    ScenarioCluster c = cluster(317);
    Host l = c.awaitLeader();
    Host f = follower(c, l);
    startSnapshotTransfer(c, l, f);
    f.crash(); // silent for good
    c.proposeAndCommit("b", 30);
    for (int i = 0; i < 3 * l.raft.config().electionTicks(); i++) {
      c.tickAll();
    }

    assertThat(l.takeSnapshot().ok()).isTrue();
    assertThat(l.status().firstIndex())
        .as("compacted to the new snapshot's trailing window")
        .isEqualTo(l.appliedIndex - 5 + 1);
  }

  /**
   * A follower whose log holds a conflicting branch that reaches past the leader's snapshot gets
   * the snapshot: its whole log is replaced, the suffix too. A host must drop its whole persisted
   * log on snapshotToInstall; one that kept the entries after the snapshot's index would restore
   * a log that breaks log matching, which PersistedState refuses.
   */
  @Test
  void snapshotInstall_overAConflictingLongerSuffix_replacesTheWholeLog() {
    ScenarioCluster c = new ScenarioCluster(5, 311,
        b -> b.snapshotTrailingEntries(0).snapshotChunkBytes(CHUNK));
    Host old = c.awaitLeader();
    Host f = null;
    for (Host h : c.nodes.values()) {
      if (h != old && f == null) {
        f = h;
      }
    }
    Host stale = f;
    // Only f hears the old leader's last 60 entries, and the old leader never hears back.
    c.partition(List.of(old.id.value(), stale.id.value()));
    c.dropIf = m -> m.from().equals(stale.id) && m.to().equals(old.id);
    for (int i = 0; i < 60; i++) {
      assertThat(old.propose("stale" + i).isAccepted()).isTrue();
    }
    c.settle();
    assertThat(stale.status().lastIndex()).isEqualTo(old.status().lastIndex());
    old.crash();
    c.dropIf = m -> false;
    c.isolate(stale.id.value());

    Host next = c.awaitLeader();
    c.proposeAndCommit("new", 40);
    assertThat(next.takeSnapshot().ok()).isTrue();
    long snapIndex = next.appliedIndex;
    assertThat(stale.status().lastIndex()).as("the stale branch reaches past the snapshot")
        .isGreaterThan(snapIndex);
    List<LogEntry> staleTail = new ArrayList<>(stale.log.tailMap(snapIndex, false).values());

    c.heal();
    c.runUntil("f installed the snapshot", 200, () -> !stale.installed.isEmpty());
    assertThat(stale.installed.get(0).metadata().index()).isEqualTo(snapIndex);
    assertThat(stale.status().firstIndex()).isEqualTo(snapIndex + 1);
    assertThat(stale.log.values()).allMatch(e -> e.term() >= next.status().term());
    Snapshot installed = stale.snapshot;
    org.assertj.core.api.Assertions.assertThatThrownBy(() ->
            new PersistedState(stale.hardState, java.util.Optional.of(installed), staleTail, snapIndex))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("below");

    stale.crash();
    stale.restart();
    old.restart();
    c.proposeAndCommit("after", 3);
    c.awaitConverged(List.of(1L, 2L, 3L, 4L, 5L));
    assertThat(stale.commands()).contains("after2").doesNotContain("stale59");
    assertThat(old.commands()).doesNotContain("stale0");
  }
}
