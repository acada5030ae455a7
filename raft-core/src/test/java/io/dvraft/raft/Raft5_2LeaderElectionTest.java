package io.dvraft.raft;

import static io.dvraft.raft.SteppedNode.ELECTION_TICKS;
import static io.dvraft.raft.SteppedNode.n;
import static org.assertj.core.api.Assertions.assertThat;

import io.dvraft.raft.message.AppendEntries;
import io.dvraft.raft.message.AppendEntriesResponse;
import io.dvraft.raft.message.VoteRequest;
import io.dvraft.raft.message.VoteResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Raft paper, section 5.2 (leader election): a follower that hears nothing for an election timeout
 * becomes a candidate in the next term, votes for itself and asks the others; it wins with a
 * majority, falls back to follower when a legitimate leader appears, and retries in a new term when
 * its election times out. Each server votes at most once per term, first come first served.
 * Election timeouts are randomized so that split votes are rare.
 *
 * <p>Plain Raft settings (no pre-vote, no check-quorum); one node stepped by hand.
 */
class Raft5_2LeaderElectionTest {

  @Test
  void section5_2_followerThatHearsNothingForAnElectionTimeoutStartsAnElectionInTheNextTerm() {
    SteppedNode follower = SteppedNode.restored(1, 3, 2, 1, 2); // term 2, log [1@1, 2@2]

    follower.tick(ELECTION_TICKS - 1);
    assertThat(follower.role()).as("no timeout before electionTicks").isEqualTo(Role.FOLLOWER);
    SteppedNode.Batch out = follower.timeOut();

    assertThat(follower.role()).isEqualTo(Role.CANDIDATE);
    assertThat(follower.term()).isEqualTo(3);
    assertThat(follower.status().votedFor()).as("votes for itself").contains(n(1));
    assertThat(out.hardState()).contains(new HardState(3, Optional.of(n(1))));
    VoteRequest expected = new VoteRequest(3, 2, 2, false, false);
    assertThat(out.sent(VoteRequest.class, 2)).containsExactly(expected);
    assertThat(out.sent(VoteRequest.class, 3)).containsExactly(expected);
  }

  @Test
  void section5_2_candidatePersistsItsTermAndSelfVoteInTheBatchThatSendsItsVoteRequests() {
    SteppedNode follower = SteppedNode.create(1, 3);

    SteppedNode.Batch out = follower.timeOut();

    Output sending =
        out.outputs().stream().filter(o -> !o.messages().isEmpty()).findFirst().orElseThrow();
    assertThat(sending.hardState()).contains(new HardState(1, Optional.of(n(1))));
    assertThat(sending.mustSync()).isTrue();
  }

  @Test
  void section5_2_followerDoesNotStartAnElectionWhileItHearsFromTheLeader() {
    SteppedNode follower = SteppedNode.create(1, 3);

    for (int i = 0; i < 10 * ELECTION_TICKS; i++) {
      if (i % (ELECTION_TICKS - 1) == 0) {
        follower.step(2, AppendEntries.of(1, 0, 0, List.of(), 0, 0));
      }
      follower.tick();
    }

    assertThat(follower.role()).isEqualTo(Role.FOLLOWER);
    assertThat(follower.term()).isEqualTo(1);
    assertThat(follower.status().leader()).contains(n(2));
  }

  @Test
  void section5_2_candidateWhoseElectionTimesOutStartsANewElectionInTheNextTerm() {
    SteppedNode candidate = SteppedNode.create(1, 3);
    candidate.timeOut();
    assertThat(candidate.term()).isEqualTo(1);

    SteppedNode.Batch out = candidate.timeOut();

    assertThat(candidate.role()).isEqualTo(Role.CANDIDATE);
    assertThat(candidate.term()).isEqualTo(2);
    assertThat(out.hardState()).contains(new HardState(2, Optional.of(n(1))));
    assertThat(out.sent(VoteRequest.class, 2)).containsExactly(new VoteRequest(2, 0, 0, false, false));
    assertThat(out.sent(VoteRequest.class, 3)).containsExactly(new VoteRequest(2, 0, 0, false, false));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = Role.class, names = {"FOLLOWER", "CANDIDATE"})
  void section5_2_electionTimeoutIsDrawnFromElectionTicksToTwiceElectionTicksExclusive(Role role) {
    Set<Integer> timeouts = new TreeSet<>();
    for (long seed = 0; seed < 200; seed++) {
      long s = seed;
      SteppedNode node = SteppedNode.create(1, 3, b -> b.seed(s));
      if (role == Role.CANDIDATE) {
        node.timeOut();
      }
      timeouts.add(ticksUntilCampaign(node));
    }

    Set<Integer> range = new TreeSet<>();
    for (int t = ELECTION_TICKS; t < 2 * ELECTION_TICKS; t++) {
      range.add(t);
    }
    assertThat(timeouts).as("every value of [10, 20), and nothing else").isEqualTo(range);
  }

  @Test
  void section5_2_electionTimeoutsOfDifferentNodesRarelyExpireOnTheSameTick() {
    // Five nodes with distinct seeds, 1000 times: how often does the first timeout tie? With
    // independent uniform draws from 10 values the chance is about 0.233 (and a tie does not even
    // mean a split vote); identical or correlated draws would tie every time.
    int rounds = 1000;
    int ties = 0;
    for (int round = 0; round < rounds; round++) {
      List<Integer> timeouts = new ArrayList<>();
      for (long id = 1; id <= 5; id++) {
        long seed = round * 5L + id;
        timeouts.add(ticksUntilCampaign(SteppedNode.create(id, 5, b -> b.seed(seed))));
      }
      int first = timeouts.stream().min(Integer::compare).orElseThrow();
      if (timeouts.stream().filter(t -> t == first).count() > 1) {
        ties++;
      }
    }
    assertThat((double) ties / rounds).isLessThanOrEqualTo(0.3);
  }

  private static int ticksUntilCampaign(SteppedNode node) {
    long term = node.term();
    for (int t = 1; t <= 3 * ELECTION_TICKS; t++) {
      node.tick();
      if (node.term() > term) {
        return t;
      }
    }
    throw new AssertionError("no campaign");
  }

  @ParameterizedTest(name = "{0} voters, granted by [{1}], refused by [{2}] -> {3}")
  @CsvSource({
    "1, '',    '',      LEADER",
    "3, '2',   '',      LEADER",
    "3, '',    '2',     CANDIDATE",
    "3, '',    '2 3',   FOLLOWER",
    "5, '2 3', '',      LEADER",
    "5, '2',   '4',     CANDIDATE",
    "5, '2',   '3 4 5', FOLLOWER",
    "5, '',    '2 3 4', FOLLOWER",
  })
  void section5_2_candidateBecomesLeaderExactlyWhenAMajorityGrantsItsVote(
      int size, String granted, String refused, Role expected) {
    SteppedNode candidate = SteppedNode.create(1, size);
    candidate.timeOut();
    long term = candidate.term();

    for (long voter : ids(granted)) {
      candidate.step(voter, new VoteResponse(term, true, false));
    }
    for (long voter : ids(refused)) {
      candidate.step(voter, new VoteResponse(term, false, false));
    }

    assertThat(candidate.role()).isEqualTo(expected);
    assertThat(candidate.term()).as("one round, no new term").isEqualTo(1);
    if (expected == Role.LEADER) {
      assertThat(candidate.status().leader()).contains(n(1));
    }
  }

  private static long[] ids(String list) {
    return list.isBlank()
        ? new long[0]
        : java.util.Arrays.stream(list.trim().split(" ")).mapToLong(Long::parseLong).toArray();
  }

  @Test
  void section5_2_voterGrantsAtMostOneVotePerTermFirstComeFirstServed() {
    SteppedNode voter = SteppedNode.create(1, 3);

    SteppedNode.Batch first = voter.step(2, new VoteRequest(1, 0, 0, false, false));
    SteppedNode.Batch second = voter.step(3, new VoteRequest(1, 0, 0, false, false));
    SteppedNode.Batch retry = voter.step(2, new VoteRequest(1, 0, 0, false, false));

    assertThat(first.sent(VoteResponse.class, 2)).containsExactly(new VoteResponse(1, true, false));
    assertThat(second.sent(VoteResponse.class, 3))
        .containsExactly(new VoteResponse(1, false, false));
    assertThat(retry.sent(VoteResponse.class, 2))
        .as("a retransmitted request of the same candidate is granted again")
        .containsExactly(new VoteResponse(1, true, false));
    assertThat(voter.status().votedFor()).contains(n(2));
  }

  @Test
  void section5_2_grantedVoteLeavesInTheBatchThatPersistsItAndMustBeSynced() {
    SteppedNode voter = SteppedNode.create(1, 3);

    SteppedNode.Batch out = voter.step(2, new VoteRequest(1, 0, 0, false, false));

    assertThat(out.outputs()).singleElement().satisfies(o -> {
      assertThat(o.hardState()).contains(new HardState(1, Optional.of(n(2))));
      assertThat(o.mustSync()).isTrue();
      assertThat(o.messages()).containsExactly(new Envelope(n(2), new VoteResponse(1, true, false)));
    });
  }

  @Test
  void section5_2_candidateFallsBackToFollowerOnAppendEntriesFromALeaderOfItsTerm() {
    SteppedNode candidate = SteppedNode.create(1, 3);
    candidate.timeOut();

    SteppedNode.Batch out = candidate.step(2, AppendEntries.of(1, 0, 0, List.of(), 0, 0));

    assertThat(candidate.role()).isEqualTo(Role.FOLLOWER);
    assertThat(candidate.term()).isEqualTo(1);
    assertThat(candidate.status().leader()).contains(n(2));
    assertThat(candidate.status().votedFor()).as("its vote in the term stands").contains(n(1));
    assertThat(out.sent(AppendEntriesResponse.class, 2))
        .singleElement()
        .satisfies(r -> assertThat(r.success()).isTrue());
  }

  @Test
  void section5_2_candidateRejectsAppendEntriesOfAnOlderTermAndStaysCandidate() {
    SteppedNode candidate = SteppedNode.create(1, 3);
    candidate.timeOut();
    candidate.timeOut(); // term 2

    SteppedNode.Batch out = candidate.step(2, AppendEntries.of(1, 0, 0, List.of(), 0, 0));

    assertThat(candidate.role()).isEqualTo(Role.CANDIDATE);
    assertThat(candidate.term()).isEqualTo(2);
    assertThat(out.sent(AppendEntriesResponse.class, 2))
        .singleElement()
        .satisfies(r -> {
          assertThat(r.success()).isFalse();
          assertThat(r.term()).isEqualTo(2);
        });
  }

  @Test
  void section5_2_leaderSendsAnAppendEntriesToEveryFollowerEachHeartbeatInterval() {
    SteppedNode leader = SteppedNode.create(1, 3, b -> b.heartbeatTicks(3));
    leader.electLeader();
    leader.ack(1, 2, 3); // the no-op is committed; the followers are up to date

    for (int interval = 0; interval < 3; interval++) {
      assertThat(leader.tick(2).messages()).as("nothing between heartbeats").isEmpty();
      SteppedNode.Batch beat = leader.tick();
      for (long follower : LongStream.of(2, 3).toArray()) {
        assertThat(beat.sent(AppendEntries.class, follower))
            .singleElement()
            .satisfies(a -> {
              assertThat(a.term()).isEqualTo(1);
              assertThat(a.entries()).isEmpty();
              assertThat(a.prevLogIndex()).isEqualTo(1);
              assertThat(a.prevLogTerm()).isEqualTo(1);
              assertThat(a.leaderCommit()).isEqualTo(1);
            });
      }
    }
  }
}
