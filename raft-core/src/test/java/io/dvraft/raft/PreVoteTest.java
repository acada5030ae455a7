package io.dvraft.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.dvraft.raft.message.VoteRequest;
import io.dvraft.raft.message.VoteResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pre-vote (Raft thesis 9.6): before it disturbs anyone, a node that timed out asks whether it could
 * win an election; only if a majority says yes does it increase its term and run the real
 * election. A node cut off by a partition therefore keeps its term, and rejoining does not depose
 * a healthy leader.
 */
class PreVoteTest {

  private static SteppedNode preVoting(long id, int size) {
    return SteppedNode.create(id, size, b -> b.preVote(true));
  }

  @Test
  void thesis9_6_nodeThatTimesOutAsksForPreVotesWithoutIncreasingItsTerm() {
    SteppedNode node = preVoting(1, 3);

    SteppedNode.Batch out = node.timeOut();

    assertThat(node.role()).isEqualTo(Role.PRE_CANDIDATE);
    assertThat(node.term()).isZero();
    assertThat(node.status().votedFor()).isEmpty();
    assertThat(out.hardState()).as("nothing to persist").isEmpty();
    assertThat(out.sent(VoteRequest.class, 2)).containsExactly(new VoteRequest(1, 0, 0, true, false));
    assertThat(out.sent(VoteRequest.class, 3)).containsExactly(new VoteRequest(1, 0, 0, true, false));
  }

  @Test
  void thesis9_6_preCandidateRunsTheRealElectionOnceAMajorityWouldVoteForIt() {
    SteppedNode node = preVoting(1, 3);
    node.timeOut();

    SteppedNode.Batch out = node.step(2, new VoteResponse(1, true, true));

    assertThat(node.role()).isEqualTo(Role.CANDIDATE);
    assertThat(node.term()).isEqualTo(1);
    assertThat(out.sent(VoteRequest.class, 2)).containsExactly(new VoteRequest(1, 0, 0, false, false));
  }

  @Test
  void thesis9_6_grantingAPreVoteChangesNeitherTheVotersTermNorItsVote() {
    SteppedNode voter = preVoting(1, 3);

    SteppedNode.Batch out = voter.step(2, new VoteRequest(1, 0, 0, true, false));

    assertThat(out.sent(VoteResponse.class, 2)).containsExactly(new VoteResponse(1, true, true));
    assertThat(voter.term()).isZero();
    assertThat(voter.status().votedFor()).isEmpty();
    assertThat(out.hardState()).isEmpty();
  }

  @Test
  void thesis9_6_preVoteIsRefusedToACandidateWhoseLogIsLessUpToDate() {
    SteppedNode voter = SteppedNode.restored(
        SteppedNode.paperConfig(1, 3).preVote(true).build(), 2, 1, 2);

    SteppedNode.Batch out = voter.step(2, new VoteRequest(3, 5, 1, true, false));

    assertThat(out.sent(VoteResponse.class, 2))
        .singleElement()
        .satisfies(r -> assertThat(r.granted()).isFalse());
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void thesis9_6_partitionedNodeThatRejoinsDoesNotDisruptTheLeader(long seed) {
    TestCluster cluster = new TestCluster(3, seed); // pre-vote and check-quorum on (defaults)
    TestCluster.Node leader = cluster.electLeader(200);
    long term = leader.raft.status().term();
    TestCluster.Node cutOff = someFollower(cluster, leader);

    cluster.isolated.add(cutOff.id);
    runTicks(cluster, 10 * SteppedNode.ELECTION_TICKS);
    assertThat(cutOff.raft.status().term()).as("no term inflation while cut off").isEqualTo(term);

    cluster.isolated.clear();
    runTicks(cluster, 10 * SteppedNode.ELECTION_TICKS);

    assertThat(cluster.leader()).isSameAs(leader);
    for (TestCluster.Node node : cluster.nodes.values()) {
      assertThat(node.raft.status().term()).isEqualTo(term);
      assertThat(node.raft.status().leader()).contains(leader.id);
    }
  }

  @Test
  void thesis9_6_withoutPreVoteTheSameRejoinForcesANewElection() {
    // The contrast that motivates pre-vote: the cut-off node's term runs ahead, and its answers to
    // the leader's heartbeats then make the leader step down.
    TestCluster cluster = new TestCluster(3, 1, b -> b.preVote(false));
    TestCluster.Node leader = cluster.electLeader(200);
    long term = leader.raft.status().term();
    TestCluster.Node cutOff = someFollower(cluster, leader);

    cluster.isolated.add(cutOff.id);
    runTicks(cluster, 10 * SteppedNode.ELECTION_TICKS);
    assertThat(cutOff.raft.status().term()).isGreaterThan(term);

    cluster.isolated.clear();
    runTicks(cluster, 10 * SteppedNode.ELECTION_TICKS);
    assertThat(cluster.leader().raft.status().term()).isGreaterThan(term);
  }

  static TestCluster.Node someFollower(TestCluster cluster, TestCluster.Node leader) {
    return cluster.nodes.values().stream().filter(n -> n != leader).findFirst().orElseThrow();
  }

  static void runTicks(TestCluster cluster, int ticks) {
    for (int i = 0; i < ticks; i++) {
      cluster.tickAll();
      cluster.deliverRound();
    }
  }
}
