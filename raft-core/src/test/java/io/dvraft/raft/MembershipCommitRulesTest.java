package io.dvraft.raft;

import static io.dvraft.raft.SteppedNode.n;
import static org.assertj.core.api.Assertions.assertThat;

import io.dvraft.raft.message.AppendEntriesResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How a membership change interacts with commitment and with the leader's own removal (thesis
 * 4.3 and 4.2.2), stepped by hand on one leader.
 */
class MembershipCommitRulesTest {

  /** Leader n1 of voters {1,2,3} with learner 4; its no-op (index 1) committed. */
  private static SteppedNode leaderWithLearner4() {
    RaftConfig config = SteppedNode.paperConfig(1, 3)
        .build().toBuilder().build();
    Membership start = Membership.of(List.of(n(1), n(2), n(3)), List.of(n(4)));
    SteppedNode leader = SteppedNode.create(RaftConfig.builder(n(1), start)
        .preVote(false).checkQuorum(false).electionTicks(config.electionTicks()).build());
    leader.electLeader();
    leader.ack(1, 2, 3, 4);
    assertThat(leader.status().commitIndex()).isEqualTo(1);
    return leader;
  }

  @Test
  void thesis4_3_whenTheNewConfigurationTakesOverItsQuorumCommitsWhatItAlreadyHolds() {
    SteppedNode leader = leaderWithLearner4();
    // Replace 2 and 3 by 4: joint ({1,4} | {1,2,3}) at index 2.
    assertThat(leader.raft.changeMembership(List.of(n(1), n(4)), List.of()).ok()).isTrue();
    leader.drain();
    leader.ack(2, 2, 3, 4); // the joint entry commits; the leader appends leave-joint at 3
    assertThat(leader.status().lastIndex()).isEqualTo(3);
    leader.propose("x"); // index 4
    leader.ack(4, 4); // {1,4} hold 4, but the old half {1,2,3} does not: not committed yet
    assertThat(leader.status().commitIndex()).isEqualTo(2);

    leader.ack(3, 2); // leave-joint reaches a majority of both halves and commits

    // {1,4} alone now decides, and both hold index 4: it must commit without waiting for
    // another acknowledgement (none may ever come from idle followers).
    assertThat(leader.status().membership()).isEqualTo(Membership.ofVoters(n(1), n(4)));
    assertThat(leader.status().commitIndex()).isEqualTo(4);
  }

  @Test
  void thesis4_2_2_aRemovedLeaderHandsOverBeforeSteppingDown() {
    SteppedNode leader = leaderWithLearner4();
    // Demote the leader: voters {2,3,4}, learner 1.
    assertThat(leader.raft.changeMembership(List.of(n(2), n(3), n(4)), List.of(n(1))).ok())
        .isTrue();
    leader.drain();
    leader.ack(2, 2, 3, 4); // joint commits, leave-joint appended at 3
    leader.ack(3, 2, 3);    // leave-joint commits: the leader is no longer a voter

    // The others learn that the final configuration committed only from this leader: had it
    // stepped down now, they would stay joint and still need its vote.
    assertThat(leader.role()).isEqualTo(Role.LEADER);
    assertThat(leader.raft.propose("late".getBytes()).isAccepted()).isFalse();

    // Its next heartbeat round carries commit index 3; answers to it confirm the hand-over.
    SteppedNode.Batch heartbeat = leader.tick();
    long round = heartbeat.outputs().stream()
        .flatMap(o -> o.messages().stream())
        .map(e -> e.message())
        .filter(m -> m instanceof io.dvraft.raft.message.AppendEntries)
        .mapToLong(m -> ((io.dvraft.raft.message.AppendEntries) m).round())
        .max().orElseThrow();
    long term = leader.term();
    leader.step(2, AppendEntriesResponse.accepted(term, 3, round));
    assertThat(leader.role()).as("one confirmation is not a quorum of {2,3,4}")
        .isEqualTo(Role.LEADER);
    leader.step(3, AppendEntriesResponse.accepted(term, 3, round));
    assertThat(leader.role()).isEqualTo(Role.FOLLOWER);
  }

  @Test
  void thesis4_2_2_answersToMessagesSentBeforeTheCommitDoNotCountAsHandOver() {
    SteppedNode leader = leaderWithLearner4();
    leader.raft.changeMembership(List.of(n(2), n(3), n(4)), List.of(n(1)));
    leader.drain();
    leader.ack(2, 2, 3, 4);
    leader.ack(3, 2, 3); // round 0 answers: they prove nothing about commit index 3
    List<Role> roles = new ArrayList<>();
    long term = leader.term();
    leader.step(2, AppendEntriesResponse.accepted(term, 3, 0));
    leader.step(4, AppendEntriesResponse.accepted(term, 3, 0));
    roles.add(leader.role());
    assertThat(roles).containsOnly(Role.LEADER);
  }
}
