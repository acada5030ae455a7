package io.dvraft.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.dvraft.raft.ScenarioCluster.Host;
import io.dvraft.raft.message.ReadIndexRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Linearizable reads (thesis 6.4) as scenarios. ReadIndex: a read is answered with the commit
 * index it arrived at once a quorum acknowledged a heartbeat round started after it; a leader
 * parks reads until it has committed an entry of its term; followers forward reads. Lease reads
 * are answered locally while a quorum acknowledged within the lease. Above all a deposed leader
 * never answers. {@link SafetyChecks} checks every answered read against the highest commit index
 * anywhere when it was issued.
 */
class ReadScenarioTest {

  private static final List<Long> ALL = List.of(1L, 2L, 3L);

  private static List<Long> followers(ScenarioCluster c, Host leader) {
    List<Long> out = new ArrayList<>();
    for (Host h : c.nodes.values()) {
      if (h != leader && leader.status().membership().isVoter(h.id)) {
        out.add(h.id.value());
      }
    }
    return out;
  }

  @Test
  void readIndex_onLeader_answeredOnlyOnceAQuorumAcksARoundStartedAfterTheRead() {
    ScenarioCluster c = new ScenarioCluster(3, 201);
    Host l = c.awaitLeader();
    c.proposeAndCommit("a", 3);
    c.settle();

    // Acks of an append sent before the read arrive after it: they must not confirm it.
    l.propose("w");
    c.deliverOne();
    c.deliverOne();
    assertThat(c.network).hasSize(2).allMatch(m -> m.to().equals(l.id));
    long commitAtRead = l.status().commitIndex();
    assertThat(l.read(7).ok()).isTrue();
    assertThat(l.reads).isEmpty();
    c.deliverOne();
    c.deliverOne();
    assertThat(l.status().commitIndex()).as("the old acks committed w").isGreaterThan(commitAtRead);
    assertThat(l.reads).as("old-round acks do not confirm the read").isEmpty();

    c.settle();
    assertThat(l.reads).containsExactly(new ReadState(7, commitAtRead));
  }

  @Test
  void readIndex_onNewLeader_parkedUntilItCommitsAnEntryOfItsTerm() {
    ScenarioCluster c = new ScenarioCluster(3, 203);
    Host old = c.awaitLeader();
    c.proposeAndCommit("a", 3);
    c.settle();
    // The old leader commits w and crashes before any follower hears that w is committed.
    old.propose("w");
    c.deliverUntil(() -> old.appliedIndex == old.status().lastIndex());
    old.crash();
    long committedW = old.status().commitIndex();
    for (long id : followers(c, old)) {
      assertThat(c.node(id).status().commitIndex()).isLessThan(committedW);
    }

    Host next = null;
    for (int i = 0; i < 100 && next == null; i++) {
      c.tickAll();
      c.deliverUntil(() -> c.leader() != null);
      next = c.leader();
    }
    assertThat(next).isNotNull();
    assertThat(next.status().commitIndex()).as("new leader's commit index is behind")
        .isLessThan(committedW);
    assertThat(next.read(9).ok()).isTrue();
    c.settle();
    c.run(2);
    assertThat(next.reads).hasSize(1);
    assertThat(next.reads.get(0).index()).isGreaterThanOrEqualTo(committedW);
  }

  @Test
  void readIndex_onFollower_forwardedToLeaderAndAnsweredToTheFollower() {
    ScenarioCluster c = new ScenarioCluster(3, 205);
    assertThat(c.node(1).read(1).reason()).as("no leader known yet")
        .contains(RefusalReason.NO_LEADER);

    Host l = c.awaitLeader();
    c.proposeAndCommit("a", 4);
    Host f = c.node(followers(c, l).get(0));
    assertThat(f.read(5).ok()).isTrue();
    assertThat(c.network).anyMatch(m -> m.from().equals(f.id) && m.to().equals(l.id)
        && m.message() instanceof ReadIndexRequest r && r.readId() == 5);
    c.settle();
    assertThat(f.reads).containsExactly(new ReadState(5, l.status().commitIndex()));
    assertThat(l.reads).isEmpty();
    c.awaitConverged(ALL);
    assertThat(f.appliedIndex).isGreaterThanOrEqualTo(f.reads.get(0).index());
  }

  @ParameterizedTest(name = "checkQuorum={0}")
  @ValueSource(booleans = {true, false})
  void readIndex_onDeposedLeader_neverAnswered_droppedWhenItStepsDown(boolean checkQuorum) {
    ScenarioCluster c = new ScenarioCluster(5, 207, b -> b.checkQuorum(checkQuorum));
    Host old = c.awaitLeader();
    c.proposeAndCommit("a", 3);
    long buddy = followers(c, old).get(0);
    c.partition(List.of(old.id.value(), buddy)); // {old, buddy} | the other three
    // Read at once: the old leader cannot know yet that it has lost its quorum.
    assertThat(old.read(41).ok()).isTrue();
    int issued = 1;
    Host next = null;
    for (int i = 0; i < 100 && next == null; i++) {
      c.run(1);
      for (Host h : c.nodes.values()) {
        if (h.isLeader() && h != old) {
          next = h;
        }
      }
    }
    assertThat(next).isNotNull();
    Host newLeader = next;
    c.runUntil("new leader committed an entry of its term", 50,
        () -> newLeader.status().commitIndex() == newLeader.status().lastIndex());
    assertThat(newLeader.propose("w").isAccepted()).isTrue();
    c.runUntil("w committed", 50, () -> newLeader.commands().contains("w"));

    if (old.isLeader()) {
      // It still believes it leads: a read now must not miss w (SafetyChecks) and so never come.
      assertThat(old.read(42).ok()).isTrue();
      issued++;
    }
    if (checkQuorum) {
      c.runUntil("old leader stepped down", 30, () -> !old.isLeader());
    } else {
      assertThat(issued).as("without check-quorum it keeps believing").isEqualTo(2);
      c.run(60);
      assertThat(old.isLeader()).isTrue();
      assertThat(old.reads).isEmpty();
      c.heal();
      c.runUntil("old leader stepped down", 30, () -> !old.isLeader());
    }
    assertThat(old.reads).isEmpty();
    assertThat(old.events(RaftEvent.ReadsDropped.class))
        .containsExactly(new RaftEvent.ReadsDropped(issued));
    c.heal();
    c.run(30);
    assertThat(old.reads).as("never, not even after healing").isEmpty();
    c.awaitConverged(List.of(1L, 2L, 3L, 4L, 5L));
  }

  @Test
  void leaseRead_answeredLocallyWithoutARoundTrip() {
    ScenarioCluster c = new ScenarioCluster(3, 209, b -> b.readMode(ReadMode.LEASE));
    Host l = c.awaitLeader();
    c.proposeAndCommit("a", 2);
    c.run(2);
    c.settle();
    long sent = c.sent;
    assertThat(l.read(3).ok()).isTrue();
    assertThat(l.reads).containsExactly(new ReadState(3, l.status().commitIndex()));
    assertThat(c.sent).as("no message needed").isEqualTo(sent);
  }

  @Test
  void leaseRead_notAnsweredOnceTheLeaseExpired_andNeverStale() {
    ScenarioCluster c = new ScenarioCluster(5, 211, b -> b.readMode(ReadMode.LEASE));
    Host old = c.awaitLeader();
    c.proposeAndCommit("a", 2);
    c.run(2);
    c.isolate(old.id.value());
    int leaseTicks = old.config.leaseTicks();

    // Read at the old leader every tick while the others elect a leader and write.
    int issued = 0;
    int answeredLocally = 0;
    long lastLocalAnswerTick = -1;
    long firstNewLeaderTick = -1;
    // Keep watching after the old leader steps down: the new leader may come later.
    for (int t = 0; t < 40; t++) {
      if (old.isLeader()) {
        int before = old.reads.size();
        old.read(1000 + t);
        issued++;
        if (old.reads.size() > before) {
          answeredLocally++;
          lastLocalAnswerTick = c.ticks;
        }
      }
      c.run(1);
      Host other = c.leader();
      if (other != null && other != old && firstNewLeaderTick < 0) {
        firstNewLeaderTick = c.ticks;
      }
      if (other != null && other != old) {
        other.propose("w" + t);
      }
    }
    assertThat(old.isLeader()).as("check-quorum deposes it").isFalse();
    assertThat(answeredLocally).as("answered while the lease held").isPositive()
        .isLessThanOrEqualTo(leaseTicks);
    assertThat(old.reads).hasSize(answeredLocally);
    int dropped = old.events(RaftEvent.ReadsDropped.class).stream().mapToInt(d -> d.count()).sum();
    assertThat(dropped).as("the rest waited for a quorum, then were dropped")
        .isEqualTo(issued - answeredLocally);
    assertThat(firstNewLeaderTick).as("no new leader before the lease ran out")
        .isGreaterThan(lastLocalAnswerTick);
    c.heal();
    c.awaitConverged(List.of(1L, 2L, 3L, 4L, 5L));
  }

  @Test
  void leaseRead_notServedLocallyDuringLeadershipTransfer() {
    ScenarioCluster c = new ScenarioCluster(3, 213, b -> b.readMode(ReadMode.LEASE));
    Host l = c.awaitLeader();
    c.run(2);
    c.settle();
    Host target = c.node(followers(c, l).get(0));
    target.crash(); // keeps the transfer pending
    assertThat(l.transferLeadership(target.id.value()).ok()).isTrue();
    assertThat(l.read(1).ok()).isTrue();
    assertThat(l.reads).as("the target may campaign past stickiness: no lease").isEmpty();
    c.settle();
    assertThat(l.reads).as("confirmed by a quorum round instead").hasSize(1);
  }

  /**
   * The lease rests on every member of the acknowledging quorum refusing votes for an election
   * timeout after hearing from the leader. A member that restarts has forgotten it heard from
   * one; if it granted votes at once, another node could be elected and commit while the old
   * leader still serves lease reads. Here C and D are cut off from the leader L; L holds its lease
   * with A and B; then L is isolated, A restarts and C's pre-vote reaches A.
   */
  @Test
  void leaseRead_neverStale_whenAMemberOfTheLeaseQuorumRestarts() {
    ScenarioCluster c = new ScenarioCluster(5, 215, b -> b.readMode(ReadMode.LEASE));
    Host l = c.awaitLeader();
    c.proposeAndCommit("a", 2);
    c.awaitConverged(List.of(1L, 2L, 3L, 4L, 5L));
    List<Long> fs = followers(c, l);
    Host a = c.node(fs.get(0));
    Host cc = c.node(fs.get(2));
    c.cut(l.id.value(), fs.get(2));
    c.cut(l.id.value(), fs.get(3));
    c.holdIf = m -> m.from().equals(cc.id) && m.to().equals(a.id)
        && m.message() instanceof io.dvraft.raft.message.VoteRequest v && v.preVote();
    c.runUntil("C asks A for a pre-vote", 60, () -> !c.held.isEmpty());
    assertThat(l.isLeader()).isTrue();

    c.isolate(l.id.value());
    a.crash();
    a.restart();
    c.holdIf = m -> false;
    c.release();
    c.deliverUntil(() -> cc.isLeader());
    assertThat(cc.isLeader()).as("the restarted member still honours L's lease").isFalse();
    // Still inside L's lease (no tick since it was isolated): answered locally, and not stale.
    assertThat(l.read(1).ok()).isTrue();
    assertThat(l.reads).hasSize(1);
    c.run(40);
    c.heal();
    c.awaitConverged(List.of(1L, 2L, 3L, 4L, 5L));
  }
}
