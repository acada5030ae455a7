package io.dvraft.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.dvraft.raft.ScenarioCluster.Host;
import io.dvraft.raft.message.AppendEntries;
import io.dvraft.raft.message.VoteRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Membership changes through joint consensus (thesis 4.3) as scenarios on a simulated cluster.
 *
 * <p>Rules exercised: a configuration is in force once its entry is committed (and the node learns
 * it); a change of voters goes through a joint configuration that the leader leaves on its own
 * once the joint entry commits; a change touching only learners is one step; one change at a time;
 * learners replicate but never vote or campaign; a leader removed from the final configuration
 * steps down; messages from outside every known configuration are dropped.
 *
 * <p>A node being added is started with a {@code RaftConfig} whose membership is the configuration
 * it is being added to, which does not contain it (see {@link ScenarioCluster#addNode}). Every
 * scenario runs with the safety checks of {@link SafetyChecks} on every output.
 */
class MembershipScenarioTest {

  private static List<Long> votersExcept(ScenarioCluster c, long... excluded) {
    List<Long> out = new ArrayList<>();
    for (NodeId id : c.leader().status().membership().voters()) {
      boolean skip = false;
      for (long x : excluded) {
        skip |= id.value() == x;
      }
      if (!skip) {
        out.add(id.value());
      }
    }
    return out;
  }

  private static long followerOf(ScenarioCluster c, Host leader) {
    for (NodeId id : leader.status().membership().voters()) {
      if (!id.equals(leader.id)) {
        return id.value();
      }
    }
    throw new AssertionError("no follower");
  }

  private static List<Membership> applied(Host h) {
    List<Membership> out = new ArrayList<>();
    for (RaftEvent.MembershipApplied m : h.events(RaftEvent.MembershipApplied.class)) {
      out.add(m.membership());
    }
    return out;
  }

  private static Membership of(List<Long> voters, List<Long> learners) {
    return Membership.of(ScenarioCluster.ids(voters), ScenarioCluster.ids(learners));
  }

  @Test
  void addNode_asLearnerCatchesUpWithoutVoting_thenPromotedVoterCounts() {
    ScenarioCluster c = new ScenarioCluster(3, 11);
    Host leader = c.awaitLeader();
    c.proposeAndCommit("before-", 20);
    AtomicInteger votesBy4 = new AtomicInteger();
    c.beforeDelivery = m -> {
      if (m.from().value() == 4 && m.message() instanceof VoteRequest) {
        votesBy4.incrementAndGet();
      }
    };

    Host n4 = c.addNode(4, leader.status().membership());
    int appliedBefore = applied(leader).size();
    assertThat(leader.changeMembership(List.of(1L, 2L, 3L), List.of(4L)).ok()).isTrue();
    c.runUntil("learner 4 caught up", 100, () -> n4.appliedIndex == leader.appliedIndex
        && n4.status().membership().learners().contains(NodeId.of(4)));

    // A learner-only change is a single step: no joint configuration in between.
    assertThat(applied(leader).subList(appliedBefore, applied(leader).size()))
        .containsExactly(of(List.of(1L, 2L, 3L), List.of(4L)));
    c.run(3 * 10);
    assertThat(n4.role()).isEqualTo(Role.FOLLOWER);

    // The learner does not count for commitment: with two voters down nothing commits.
    long f1 = followerOf(c, leader);
    long f2 = votersExcept(c, leader.id.value(), f1).get(0);
    c.node(f1).crash();
    c.node(f2).crash();
    ProposalResult.Accepted stuck = (ProposalResult.Accepted) leader.propose("needs-a-voter");
    c.run(8);
    assertThat(n4.status().lastIndex()).as("the learner still replicates").isEqualTo(stuck.index());
    assertThat(leader.status().commitIndex()).isLessThan(stuck.index());
    assertThat(n4.status().commitIndex()).isLessThan(stuck.index());
    c.node(f1).restart();
    c.node(f2).restart();
    Host l2 = c.awaitLeader();
    assertThat(votesBy4.get()).as("a learner never campaigns").isZero();

    // Promotion goes through the joint configuration {1,2,3,4} & {1,2,3}, left automatically.
    appliedBefore = applied(l2).size();
    assertThat(l2.changeMembership(List.of(1L, 2L, 3L, 4L), List.of()).ok()).isTrue();
    Membership target = ScenarioCluster.voters(1, 2, 3, 4);
    c.runUntil("everyone on {1,2,3,4}", 100, () ->
        c.nodes.values().stream().allMatch(h -> h.status().membership().equals(target)));
    assertThat(applied(l2).subList(appliedBefore, applied(l2).size())).containsExactly(
        new Membership(ScenarioCluster.ids(List.of(1L, 2L, 3L, 4L)), List.of(),
            ScenarioCluster.ids(List.of(1L, 2L, 3L))),
        target);

    // With four voters and the leader down, the remaining three (4 included) must all take part.
    l2.crash();
    Host l3 = c.awaitLeader();
    assertThat(l3.id).isNotEqualTo(l2.id);
    c.proposeAndCommit("after-", 10);
    List<Long> live = new ArrayList<>();
    for (Host h : c.nodes.values()) {
      if (!h.down) {
        live.add(h.id.value());
      }
    }
    c.awaitConverged(live);
    assertThat(n4.commands()).contains("before-0", "needs-a-voter", "after-9");
  }

  @Test
  void removeFollower_itIsNoLongerReplicatedToAndItsMessagesAreDropped() {
    ScenarioCluster c = new ScenarioCluster(3, 21);
    Host leader = c.awaitLeader();
    long removed = followerOf(c, leader);
    List<Long> remaining = votersExcept(c, removed);
    c.proposeAndCommit("a", 5);
    assertThat(leader.changeMembership(remaining, List.of()).ok()).isTrue();
    Membership target = of(remaining, List.of());
    c.runUntil("leader on the final config", 50,
        () -> leader.status().membership().equals(target));
    long term = leader.status().term();

    AtomicInteger appendsToRemoved = new AtomicInteger();
    c.beforeDelivery = m -> {
      if (m.to().value() == removed && m.message() instanceof AppendEntries) {
        appendsToRemoved.incrementAndGet();
      }
    };
    c.settle();
    appendsToRemoved.set(0);
    c.run(100); // long enough for the removed node to time out and campaign, repeatedly
    c.proposeAndCommit("b", 5);

    assertThat(appendsToRemoved.get()).as("no appends to a removed node").isZero();
    assertThat(c.leader()).isSameAs(leader);
    assertThat(leader.status().term()).as("the removed node never disrupted the term").isEqualTo(term);
    boolean droppedFromRemoved = false;
    for (long id : remaining) {
      for (RaftEvent.MessageDropped d : c.node(id).events(RaftEvent.MessageDropped.class)) {
        droppedFromRemoved |= d.from().value() == removed;
      }
    }
    assertThat(droppedFromRemoved).as("the removed node's campaign was dropped with an event").isTrue();
    c.awaitConverged(remaining);
    assertThat(c.node(remaining.get(0)).commands()).contains("a0", "b4");
  }

  @Test
  void removeLeader_itStepsDownAfterFinalConfigCommits_andTheRestElectANewLeaderAndKeepCommitting() {
    ScenarioCluster c = new ScenarioCluster(3, 31);
    Host old = c.awaitLeader();
    List<Long> remaining = votersExcept(c, old.id.value());
    c.proposeAndCommit("a", 5);
    assertThat(old.changeMembership(remaining, List.of()).ok()).isTrue();
    Membership target = of(remaining, List.of());

    // It keeps leading through the joint phase (it counts in the outgoing half only).
    c.deliverUntil(() -> old.status().membership().isJoint());
    assertThat(old.role()).isEqualTo(Role.LEADER);
    c.runUntil("old leader stepped down", 50, () -> old.role() != Role.LEADER);

    // It stepped down exactly when the configuration without it was committed.
    int finalApplied = -1;
    int steppedDown = -1;
    for (int i = 0; i < old.events.size(); i++) {
      RaftEvent e = old.events.get(i);
      if (e instanceof RaftEvent.MembershipApplied m && m.membership().equals(target)) {
        finalApplied = i;
      }
      if (e instanceof RaftEvent.StateChanged s && s.role() == Role.FOLLOWER && steppedDown < 0
          && finalApplied >= 0) {
        steppedDown = i;
      }
    }
    assertThat(finalApplied).isNotNegative();
    assertThat(steppedDown).isGreaterThan(finalApplied);
    int eventsAtStepDown = old.events.size();

    Host next = c.awaitLeader();
    assertThat(next.id).isNotEqualTo(old.id);
    assertThat(remaining).contains(next.id.value());
    c.proposeAndCommit("b", 10);
    c.run(100);
    c.proposeAndCommit("c", 3);

    // The removed leader never campaigns again: it is not a voter in its own configuration.
    for (RaftEvent e : old.events.subList(eventsAtStepDown, old.events.size())) {
      if (e instanceof RaftEvent.StateChanged s) {
        assertThat(s.role()).isEqualTo(Role.FOLLOWER);
      }
    }
    assertThat(old.status().membership()).isEqualTo(target);
    c.awaitConverged(remaining);
    for (long id : remaining) {
      assertThat(c.node(id).status().membership()).isEqualTo(target);
    }
  }

  @Test
  void replaceNode_whileItIsPartitioned_learnerThenSwapInOneJointChange() {
    ScenarioCluster c = new ScenarioCluster(5, 41);
    Host leader = c.awaitLeader();
    long gone = followerOf(c, leader);
    c.isolate(gone);
    c.proposeAndCommit("a", 10);

    Host n6 = c.addNode(6, leader.status().membership());
    List<Long> keep = votersExcept(c, gone);
    assertThat(leader.changeMembership(votersExcept(c), List.of(6L)).ok()).isTrue();
    c.runUntil("6 caught up as a learner", 100, () -> n6.appliedIndex == leader.appliedIndex
        && leader.status().membership().learners().contains(NodeId.of(6)));

    List<Long> target = new ArrayList<>(keep);
    target.add(6L);
    assertThat(leader.changeMembership(target, List.of()).ok()).isTrue();
    Membership finalConfig = of(target, List.of());
    c.runUntil("replacement committed", 100,
        () -> leader.status().membership().equals(finalConfig));
    c.proposeAndCommit("b", 10);
    long term = leader.status().term();

    // The partitioned node comes back: it was removed, so it can neither disrupt nor rejoin.
    c.heal();
    c.run(60);
    c.proposeAndCommit("c", 5);
    assertThat(c.leader()).isSameAs(leader);
    assertThat(leader.status().term()).isEqualTo(term);
    c.awaitConverged(target);
    assertThat(c.node(gone).commands()).doesNotContain("b0");
    for (long id : target) {
      assertThat(c.node(id).status().membership()).isEqualTo(finalConfig);
    }
  }

  @Test
  void replaceNode_directlyInOneJointChange_whileOldNodeIsPartitioned_newNodeThenCounts() {
    ScenarioCluster c = new ScenarioCluster(3, 43);
    Host leader = c.awaitLeader();
    long gone = followerOf(c, leader);
    long other = votersExcept(c, gone, leader.id.value()).get(0);
    c.isolate(gone);
    c.proposeAndCommit("a", 10);

    Host n4 = c.addNode(4, leader.status().membership());
    List<Long> target = List.of(leader.id.value(), other, 4L);
    // Joint {L, other, 4} & {L, other, gone}: both halves have a majority without gone or 4.
    assertThat(leader.changeMembership(target, List.of()).ok()).isTrue();
    Membership finalConfig = of(target, List.of());
    c.runUntil("replacement committed", 100,
        () -> leader.status().membership().equals(finalConfig));
    c.runUntil("4 caught up", 100, () -> n4.appliedIndex == leader.appliedIndex);

    // With `other` down, commitment needs the new node.
    c.node(other).crash();
    c.proposeAndCommit("b", 5);
    c.awaitConverged(List.of(leader.id.value(), 4L));
    assertThat(n4.commands()).contains("a0", "b4");
    c.node(other).restart();
    c.heal();
    c.run(50);
    c.awaitConverged(target);
  }

  @ParameterizedTest(name = "leave-joint entry reached followers before the crash: {0}")
  @ValueSource(booleans = {false, true})
  void jointConsensus_survivesLeaderCrashBetweenEnterAndLeave(boolean leaveEntryEscaped) {
    ScenarioCluster c = new ScenarioCluster(3, 51);
    Host old = c.awaitLeader();
    c.proposeAndCommit("a", 5);
    Membership start = old.status().membership();
    c.addNode(4, start);
    c.addNode(5, start);
    assertThat(old.changeMembership(List.of(1L, 2L, 3L, 4L, 5L), List.of()).ok()).isTrue();

    // Deliver one message at a time until the old leader has committed the joint entry; it has
    // then appended the leave-joint entry in the same step. Crash it right there.
    c.deliverUntil(() -> old.status().membership().isJoint());
    old.crash();
    if (!leaveEntryEscaped) {
      c.network.removeIf(m -> m.from().equals(old.id));
    }
    long joinIndex = old.status().commitIndex();
    long oldTerm = old.status().term();
    assertThat(old.status().lastIndex()).as("leave-joint appended, not committed")
        .isEqualTo(joinIndex + 1);

    Host next = c.awaitLeader();
    assertThat(next.status().term()).isGreaterThan(oldTerm);
    Membership target = ScenarioCluster.voters(1, 2, 3, 4, 5);
    c.runUntil("the new leader finished the change", 100,
        () -> next.status().membership().equals(target) && !next.status().membership().isJoint());
    LogEntry leave = null;
    for (LogEntry e : next.applied) {
      if (e.index() > joinIndex && e.type() == EntryType.MEMBERSHIP) {
        leave = e;
      }
    }
    assertThat(leave).as("a leave-joint entry was committed after the joint one").isNotNull();
    if (!leaveEntryEscaped) {
      assertThat(leave.term()).as("appended by the new leader").isEqualTo(next.status().term());
    }
    c.proposeAndCommit("b", 5);

    old.restart();
    c.runUntil("old leader rejoined", 100, () -> old.appliedIndex == next.appliedIndex);
    c.awaitConverged(List.of(1L, 2L, 3L, 4L, 5L));
    for (Host h : c.nodes.values()) {
      assertThat(h.status().membership()).isEqualTo(target);
    }
  }

  @Test
  void membershipChange_oneAtATime_refusedWhileUncommittedOrJoint() {
    ScenarioCluster c = new ScenarioCluster(3, 61);
    Host leader = c.awaitLeader();
    Host follower = c.node(followerOf(c, leader));
    c.addNode(4, leader.status().membership());

    assertThat(follower.changeMembership(List.of(1L, 2L), List.of()).reason())
        .contains(RefusalReason.NOT_LEADER);
    assertThat(leader.changeMembership(List.of(), List.of()).reason())
        .contains(RefusalReason.INVALID_MEMBERSHIP);
    assertThat(leader.changeMembership(List.of(1L, 2L), List.of(2L)).reason())
        .contains(RefusalReason.INVALID_MEMBERSHIP);
    long last = leader.status().lastIndex();
    assertThat(leader.changeMembership(List.of(1L, 2L, 3L), List.of()).ok())
        .as("no change is accepted as done").isTrue();
    assertThat(leader.status().lastIndex()).isEqualTo(last);

    assertThat(leader.changeMembership(List.of(1L, 2L, 3L, 4L), List.of()).ok()).isTrue();
    // The joint entry is not committed yet.
    assertThat(leader.changeMembership(List.of(1L, 2L, 3L), List.of(4L)).reason())
        .contains(RefusalReason.CHANGE_IN_PROGRESS);
    assertThat(leader.changeMembership(List.of(1L, 2L, 3L, 4L), List.of(5L)).reason())
        .contains(RefusalReason.CHANGE_IN_PROGRESS);

    // The joint configuration is in force; the leave-joint entry is not committed yet.
    c.deliverUntil(() -> leader.status().membership().isJoint());
    assertThat(leader.changeMembership(List.of(1L, 2L, 3L), List.of()).reason())
        .contains(RefusalReason.CHANGE_IN_PROGRESS);

    Membership target = ScenarioCluster.voters(1, 2, 3, 4);
    c.deliverUntil(() -> leader.status().membership().equals(target));
    assertThat(leader.changeMembership(List.of(1L, 2L, 3L), List.of(4L)).ok())
        .as("the next change is accepted once the previous one is complete").isTrue();
    c.runUntil("4 demoted to learner", 50, () -> c.nodes.values().stream()
        .allMatch(h -> h.status().membership().equals(of(List.of(1L, 2L, 3L), List.of(4L)))));
    long refused = leader.events(RaftEvent.RequestRefused.class).stream()
        .filter(r -> r.reason() == RefusalReason.CHANGE_IN_PROGRESS).count();
    assertThat(refused).as("each refusal reported as an event").isEqualTo(3);
    c.proposeAndCommit("x", 3);
    c.awaitConverged(List.of(1L, 2L, 3L, 4L));
  }

  @Test
  void nonMemberMessages_droppedWithEvent_whileAJoiningNodeAcceptsItsLeader() {
    ScenarioCluster c = new ScenarioCluster(3, 71);
    Host leader = c.awaitLeader();
    Host follower = c.node(followerOf(c, leader));
    long term = follower.status().term();

    // A stranger with a huge term cannot disrupt a member.
    follower.raft.step(NodeId.of(9), new VoteRequest(term + 100, 1_000, term + 100, false, true));
    follower.drain();
    assertThat(follower.status().term()).isEqualTo(term);
    assertThat(follower.events(RaftEvent.MessageDropped.class))
        .anySatisfy(d -> assertThat(d.from()).isEqualTo(NodeId.of(9)));

    // A node started to join (outside its own configuration) takes appends from whoever leads.
    Host n4 = c.addNode(4, leader.status().membership());
    assertThat(leader.changeMembership(List.of(1L, 2L, 3L), List.of(4L)).ok()).isTrue();
    c.runUntil("4 replicated", 50, () -> n4.appliedIndex == leader.appliedIndex);
    assertThat(n4.events(RaftEvent.MessageDropped.class)).isEmpty();
    assertThat(n4.status().leader()).contains(leader.id);
  }

  /**
   * A restarted node cannot tell which of its persisted membership entries were committed (the
   * commit index is not persisted, and a host may restore with appliedIndex 0 and replay). It must
   * not fall back to an older configuration whose quorums miss the current one: here {1,2,3} ->
   * {1,2,3,4,5}, entries then committed by {L,4,5}, and the other two old members restart alone.
   * Back on {1,2,3} they would elect each other and overwrite committed entries.
   */
  @Test
  void restart_withMembershipEntriesNotKnownCommitted_neverFallsBackToAnOlderQuorum() {
    ScenarioCluster c = new ScenarioCluster(3, 81);
    Host leader = c.awaitLeader();
    Membership start = leader.status().membership();
    c.addNode(4, start);
    c.addNode(5, start);
    assertThat(leader.changeMembership(List.of(1L, 2L, 3L, 4L, 5L), List.of()).ok()).isTrue();
    Membership target = ScenarioCluster.voters(1, 2, 3, 4, 5);
    c.runUntil("everyone on {1..5}", 100, () ->
        c.nodes.values().stream().allMatch(h -> h.status().membership().equals(target)));
    List<Long> oldOthers = new ArrayList<>(List.of(1L, 2L, 3L));
    oldOthers.remove(leader.id.value());
    c.awaitConverged(List.of(1L, 2L, 3L, 4L, 5L));

    // The two other original members go down; {L, 4, 5} is a quorum of five and commits more.
    for (long id : oldOthers) {
      c.node(id).crash();
    }
    c.proposeAndCommit("x", 5);
    for (Host h : c.nodes.values()) {
      h.crash();
    }
    // The two restart (volatile application: appliedIndex 0, so everything is "replayed").
    for (long id : oldOthers) {
      c.node(id).restart();
    }
    c.run(100);
    assertThat(c.leader()).as("two of five voters cannot elect a leader").isNull();

    for (Host h : c.nodes.values()) {
      if (h.down) {
        h.restart();
      }
    }
    c.awaitLeader();
    c.proposeAndCommit("y", 2);
    c.awaitConverged(List.of(1L, 2L, 3L, 4L, 5L));
    assertThat(c.node(oldOthers.get(0)).commands()).contains("x4", "y1");
  }

  /**
   * A member that missed configuration changes may not know the current leader: here 3 is cut
   * off while 4 joins, 1 leaves and leadership moves to 4. Dropping the unknown 4's appends as
   * "not a member" would strand 3 forever (it could never learn the configuration that names 4),
   * and the cluster would need 3 as soon as another voter fails. A leader's message with a term
   * at least ours comes from the legitimate leader of a configuration we have not seen yet.
   */
  @Test
  void laggingMember_acceptsALeaderFromAConfigurationItHasNotSeen() {
    ScenarioCluster c = new ScenarioCluster(3, 91);
    c.awaitLeader();
    Host one = c.node(1);
    c.runUntil("1 leads", 200, () -> {
      Host l = c.leader();
      if (l != null && l != one) {
        l.transferLeadership(1);
      }
      return one.isLeader();
    });
    c.isolate(3L);
    c.proposeAndCommit("a", 5);
    Host n4 = c.addNode(4, one.status().membership());
    assertThat(one.changeMembership(List.of(1L, 2L, 3L, 4L), List.of()).ok()).isTrue();
    c.runUntil("4 is a voter", 100, () -> one.status().membership().equals(ScenarioCluster.voters(1, 2, 3, 4)));
    c.runUntil("4 caught up", 100, () -> n4.appliedIndex == one.appliedIndex);
    assertThat(one.transferLeadership(4).ok()).isTrue();
    c.runUntil("4 leads", 20, n4::isLeader);
    assertThat(n4.changeMembership(List.of(2L, 3L, 4L), List.of()).ok()).isTrue();
    c.runUntil("1 removed", 100, () -> n4.status().membership().equals(ScenarioCluster.voters(2, 3, 4)));
    one.crash();
    c.proposeAndCommit("b", 5);

    Host three = c.node(3);
    assertThat(three.status().membership()).isEqualTo(ScenarioCluster.voters(1, 2, 3));
    c.heal();
    c.runUntil("3 follows 4", 100, () -> three.status().leader().equals(java.util.Optional.of(n4.id)));
    c.awaitConverged(List.of(2L, 3L, 4L));
    assertThat(three.status().membership()).isEqualTo(ScenarioCluster.voters(2, 3, 4));
    // 3 now counts: with 2 down, 3 and 4 commit.
    c.node(2).crash();
    c.proposeAndCommit("c", 3);
    c.awaitConverged(List.of(3L, 4L));
  }

  /**
   * Configurations take effect when known committed, so a restarted node must learn from its disk
   * which membership entries are committed (found by the randomized scenario, fixed by persisting
   * the commit index in the hard state). After {1,2,3} -> voters {3,4,5} with learners {1,2}: 3
   * leads and its last entry reaches only the learners 1 and 2; 3 stays down; 4 and 5 restart with
   * no applied index. Without the persisted commit index they restart one configuration behind,
   * on the joint {3,4,5} & {1,2,3}, where a leader needs 1's or 2's vote, which they refuse (their
   * logs are longer), and as learners they never campaign themselves: no leader ever, though a
   * majority of the committed {3,4,5} is up. With it, 4 and 5 restart on {3,4,5} and elect each
   * other.
   */
  @Test
  void restart_ofNewVotersWhileRemovedOnesHoldLongerLogs_stillElectsALeader() {
    ScenarioCluster c = new ScenarioCluster(3, 93);
    Host first = c.awaitLeader();
    c.addNode(4, first.status().membership());
    c.addNode(5, first.status().membership());
    assertThat(first.changeMembership(List.of(1L, 2L, 3L), List.of(4L, 5L)).ok()).isTrue();
    c.runUntil("4, 5 learners", 100, () -> first.status().membership().learners().size() == 2);
    c.awaitConverged(List.of(1L, 2L, 3L, 4L, 5L));
    Membership target = of(List.of(3L, 4L, 5L), List.of(1L, 2L));
    assertThat(first.changeMembership(List.of(3L, 4L, 5L), List.of(1L, 2L)).ok()).isTrue();
    c.runUntil("everyone on the final configuration", 100,
        () -> c.nodes.values().stream().allMatch(h -> h.status().membership().equals(target)));
    Host three = c.node(3);
    c.runUntil("3 leads", 200, () -> {
      Host l = c.leader();
      if (l != null && l != three) {
        l.transferLeadership(3);
      }
      return three.isLeader();
    });
    c.awaitConverged(List.of(1L, 2L, 3L, 4L, 5L));

    // 3's next entry reaches only the learners; then 3 goes down and 4 and 5 restart.
    c.dropIf = m -> m.from().equals(three.id) && (m.to().value() == 4 || m.to().value() == 5);
    assertThat(three.propose("x").isAccepted()).isTrue();
    c.settle();
    three.crash();
    c.dropIf = m -> false;
    c.node(4).crash();
    c.node(5).crash();
    c.node(4).restart();
    c.node(5).restart();

    c.runUntil("4 or 5 leads", 300, () -> c.node(4).isLeader() || c.node(5).isLeader());
  }
}
