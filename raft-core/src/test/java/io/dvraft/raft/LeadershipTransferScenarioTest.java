package io.dvraft.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.dvraft.raft.ScenarioCluster.Host;
import io.dvraft.raft.message.TimeoutNow;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Leadership transfer (thesis 3.10) as scenarios: the leader catches the target up, sends it
 * TimeoutNow, refuses proposals (and membership changes) meanwhile, and gives up after an election
 * timeout. Only a voter other than the leader can be a target. Safety checks run on every output.
 */
class LeadershipTransferScenarioTest {

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
  void transfer_toUpToDateFollower_targetLeadsNextTermWithoutWaitingForATimeout() {
    ScenarioCluster c = new ScenarioCluster(3, 101);
    Host old = c.awaitLeader();
    c.proposeAndCommit("a", 5);
    c.awaitConverged(ALL);
    long term = old.status().term();
    Host target = c.node(followers(c, old).get(0));

    assertThat(old.transferLeadership(target.id.value()).ok()).isTrue();
    assertThat(old.events(RaftEvent.TransferStarted.class))
        .containsExactly(new RaftEvent.TransferStarted(target.id));
    long ticksBefore = c.ticks;
    c.settle(); // messages only: no tick, so no election timeout can be involved
    assertThat(c.ticks).isEqualTo(ticksBefore);
    assertThat(target.isLeader()).isTrue();
    assertThat(target.status().term()).isEqualTo(term + 1);
    assertThat(old.role()).isEqualTo(Role.FOLLOWER);
    assertThat(old.status().leader()).contains(target.id);
    assertThat(old.events(RaftEvent.TransferAborted.class)).isEmpty();

    c.proposeAndCommit("b", 5);
    c.awaitConverged(ALL);
    assertThat(old.commands()).containsSubsequence("a0", "a4", "b0", "b4");
  }

  @Test
  void transfer_toLaggingFollower_catchesItUpBeforeSendingTimeoutNow() {
    ScenarioCluster c = new ScenarioCluster(3, 103);
    Host old = c.awaitLeader();
    Host target = c.node(followers(c, old).get(0));
    c.isolate(target.id.value());
    c.proposeAndCommit("a", 30);
    c.heal();
    assertThat(target.status().lastIndex()).isLessThan(old.status().lastIndex());

    List<String> timeoutNows = new ArrayList<>();
    c.beforeDelivery = m -> {
      if (m.message() instanceof TimeoutNow && m.to().equals(target.id)) {
        timeoutNows.add(target.status().lastIndex() + "/" + old.status().lastIndex());
        assertThat(target.status().lastIndex())
            .as("TimeoutNow only once the target holds the leader's whole log")
            .isEqualTo(old.status().lastIndex());
      }
    };
    long term = old.status().term();
    assertThat(old.transferLeadership(target.id.value()).ok()).isTrue();
    c.runUntil("target leads", 9, target::isLeader); // fewer ticks than an election timeout
    assertThat(timeoutNows).isNotEmpty();
    assertThat(target.status().term()).isEqualTo(term + 1);
    assertThat(old.events(RaftEvent.TransferAborted.class)).isEmpty();
    c.proposeAndCommit("b", 3);
    c.awaitConverged(ALL);
    assertThat(target.commands()).contains("a29", "b2");
  }

  @Test
  void transfer_toNonMemberLearnerOrSelf_refusedWithInvalidTarget() {
    ScenarioCluster c = new ScenarioCluster(3, 107);
    Host leader = c.awaitLeader();
    c.addNode(4, leader.status().membership());
    assertThat(leader.changeMembership(ALL, List.of(4L)).ok()).isTrue();
    c.runUntil("4 is a learner", 50,
        () -> leader.status().membership().learners().contains(NodeId.of(4)));
    Host follower = c.node(followers(c, leader).get(0));

    assertThat(leader.transferLeadership(4).reason()).contains(RefusalReason.INVALID_TARGET);
    assertThat(leader.transferLeadership(99).reason()).contains(RefusalReason.INVALID_TARGET);
    assertThat(leader.transferLeadership(leader.id.value()).reason())
        .contains(RefusalReason.INVALID_TARGET);
    assertThat(follower.transferLeadership(leader.id.value()).reason())
        .contains(RefusalReason.NOT_LEADER);
    assertThat(leader.events(RaftEvent.TransferStarted.class)).isEmpty();
    assertThat(leader.events(RaftEvent.RequestRefused.class))
        .filteredOn(r -> r.reason() == RefusalReason.INVALID_TARGET).hasSize(3);

    // Nothing was started: the leader keeps leading and accepting proposals.
    long term = leader.status().term();
    c.proposeAndCommit("a", 3);
    c.run(30);
    assertThat(c.leader()).isSameAs(leader);
    assertThat(leader.status().term()).isEqualTo(term);
  }

  @Test
  void transfer_abortsAfterAnElectionTimeout_whenTheTargetIsDown() {
    ScenarioCluster c = new ScenarioCluster(5, 109);
    Host leader = c.awaitLeader();
    c.proposeAndCommit("a", 3);
    List<Long> fs = followers(c, leader);
    Host target = c.node(fs.get(0));
    target.crash();
    long term = leader.status().term();

    assertThat(leader.transferLeadership(target.id.value()).ok()).isTrue();
    long started = c.ticks;
    c.runUntil("transfer aborted", 30,
        () -> !leader.events(RaftEvent.TransferAborted.class).isEmpty());
    assertThat(c.ticks - started).as("not before an election timeout")
        .isGreaterThanOrEqualTo(leader.config.electionTicks());
    assertThat(leader.events(RaftEvent.TransferAborted.class))
        .containsExactly(new RaftEvent.TransferAborted(target.id));
    assertThat(leader.isLeader()).isTrue();
    assertThat(leader.status().term()).isEqualTo(term);
    c.proposeAndCommit("b", 3);

    // A new transfer replaces one in progress, reporting the first as aborted.
    assertThat(leader.transferLeadership(target.id.value()).ok()).isTrue();
    Host other = c.node(fs.get(1));
    assertThat(leader.transferLeadership(other.id.value()).ok()).isTrue();
    assertThat(leader.events(RaftEvent.TransferAborted.class)).hasSize(2);
    c.runUntil("second target leads", 9, other::isLeader);
    target.restart();
    c.awaitConverged(fs);
  }

  @Test
  void transfer_refusesProposalsAndMembershipChangesWhileInProgress() {
    ScenarioCluster c = new ScenarioCluster(3, 113);
    Host old = c.awaitLeader();
    Host target = c.node(followers(c, old).get(0));
    c.isolate(target.id.value());
    c.proposeAndCommit("a", 20);
    c.heal();

    assertThat(old.transferLeadership(target.id.value()).ok()).isTrue();
    ProposalResult refused = old.propose("during");
    assertThat(refused).isInstanceOf(ProposalResult.Refused.class);
    assertThat(((ProposalResult.Refused) refused).reason())
        .isEqualTo(RefusalReason.TRANSFER_IN_PROGRESS);
    assertThat(old.changeMembership(List.of(1L, 2L), List.of()).reason())
        .contains(RefusalReason.TRANSFER_IN_PROGRESS);
    assertThat(old.events(RaftEvent.RequestRefused.class))
        .contains(new RaftEvent.RequestRefused("propose", RefusalReason.TRANSFER_IN_PROGRESS));

    c.runUntil("target leads", 9, target::isLeader);
    c.settle();
    ProposalResult after = old.propose("after");
    assertThat(after).isEqualTo(
        new ProposalResult.Refused(RefusalReason.NOT_LEADER, java.util.Optional.of(target.id)));
    c.proposeAndCommit("b", 2);
    c.awaitConverged(ALL);
    assertThat(target.commands()).doesNotContain("during", "after");
  }
}
