package io.dvraft.raft;

import static io.dvraft.raft.SteppedNode.ELECTION_TICKS;
import static io.dvraft.raft.SteppedNode.n;
import static org.assertj.core.api.Assertions.assertThat;

import io.dvraft.raft.message.AppendEntries;
import io.dvraft.raft.message.VoteRequest;
import io.dvraft.raft.message.VoteResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Leader stickiness (Raft thesis 4.2.3): a server that heard from a current leader within the
 * minimum election timeout neither updates its term nor grants its vote on a RequestVote, so a
 * server that was removed or partitioned cannot depose a healthy leader. A campaign started by a
 * leadership transfer is let through.
 */
class LeaderStickinessTest {

  @Test
  void thesis4_2_3_followerThatHeardFromTheLeaderRecentlyIgnoresAHigherTermVoteRequest() {
    SteppedNode follower = SteppedNode.create(1, 3, b -> b.checkQuorum(true));
    follower.step(2, AppendEntries.of(1, 0, 0, List.of(), 0, 0));
    follower.tick(ELECTION_TICKS - 1);

    SteppedNode.Batch out = follower.step(3, new VoteRequest(2, 0, 0, false, false));

    assertThat(out.messages()).isEmpty();
    assertThat(follower.term()).isEqualTo(1);
    assertThat(follower.status().votedFor()).isEmpty();
    assertThat(follower.status().leader()).contains(n(2));
  }

  @Test
  void thesis4_2_3_followerThatHasNotHeardFromTheLeaderForAnElectionTimeoutGrantsIt() {
    SteppedNode follower = followerWhoseLeaderWasSilentFor(ELECTION_TICKS);

    SteppedNode.Batch out = follower.step(3, new VoteRequest(2, 0, 0, false, false));

    assertThat(out.sent(VoteResponse.class, 3)).containsExactly(new VoteResponse(2, true, false));
    assertThat(follower.term()).isEqualTo(2);
  }

  /**
   * A follower of n2 in term 1 that has not heard from n2 for {@code ticks} ticks and has not
   * campaigned yet (its randomized timeout is longer): the first seed that gives one.
   */
  private static SteppedNode followerWhoseLeaderWasSilentFor(int ticks) {
    for (long seed = 0; seed < 100; seed++) {
      long s = seed;
      SteppedNode follower = SteppedNode.create(1, 3, b -> b.seed(s));
      follower.step(2, AppendEntries.of(1, 0, 0, List.of(), 0, 0));
      follower.tick(ticks);
      if (follower.role() == Role.FOLLOWER && follower.term() == 1) {
        return follower;
      }
    }
    throw new AssertionError("no seed gives a timeout above " + ticks);
  }

  @Test
  void thesis4_2_3_voteRequestOfALeadershipTransferIsNotIgnored() {
    SteppedNode follower = SteppedNode.create(1, 3, b -> b.checkQuorum(true));
    follower.step(2, AppendEntries.of(1, 0, 0, List.of(), 0, 0));

    SteppedNode.Batch out = follower.step(3, new VoteRequest(2, 0, 0, false, true));

    assertThat(out.sent(VoteResponse.class, 3)).containsExactly(new VoteResponse(2, true, false));
    assertThat(follower.term()).isEqualTo(2);
  }

  @Test
  void thesis4_2_3_liveLeaderIgnoresAHigherTermVoteRequest() {
    SteppedNode leader = SteppedNode.create(1, 3, b -> b.checkQuorum(true));
    leader.electLeader();

    SteppedNode.Batch out = leader.step(3, new VoteRequest(2, 5, 1, false, false));

    assertThat(out.sent(VoteResponse.class)).isEmpty();
    assertThat(leader.role()).isEqualTo(Role.LEADER);
    assertThat(leader.term()).isEqualTo(1);
  }

  @Test
  void stickinessNeedsCheckQuorum_withoutItARecentlyHeardFollowerStillGrantsAHigherTermVote() {
    // Without check-quorum a leader that no longer hears its quorum never steps down; if its
    // followers stayed sticky to it, no one else could ever be elected.
    SteppedNode follower = SteppedNode.create(1, 3, b -> b.checkQuorum(false));
    follower.step(2, AppendEntries.of(1, 0, 0, List.of(), 0, 0));
    follower.tick(ELECTION_TICKS - 1);

    SteppedNode.Batch out = follower.step(3, new VoteRequest(2, 0, 0, false, false));

    assertThat(out.sent(VoteResponse.class)).singleElement()
        .satisfies(r -> assertThat(r.granted()).isTrue());
    assertThat(follower.term()).isEqualTo(2);
  }
}
