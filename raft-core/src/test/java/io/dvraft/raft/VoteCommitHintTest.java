package io.dvraft.raft;

import static io.dvraft.raft.SteppedNode.n;
import static org.assertj.core.api.Assertions.assertThat;

import io.dvraft.raft.codec.RaftCodec;
import io.dvraft.raft.message.VoteRequest;
import io.dvraft.raft.message.VoteResponse;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A vote refusal carries the voter's commit index and its term (raft-core bug 5, found by the
 * simulator): a candidate stuck in a joint configuration that needs the vote of a node that already
 * knows the final configuration committed learns that commit from the refusal, moves to the final
 * configuration, and can be elected there.
 */
class VoteCommitHintTest {

  private static final Membership OLD = Membership.ofVoters(n(1), n(2), n(3));
  private static final Membership JOINT = OLD.enterJoint(List.of(n(1), n(2)), List.of(n(3)));
  private static final Membership FINAL = JOINT.leaveJoint();

  private static List<LogEntry> log() {
    return List.of(
        LogEntry.noop(1, 1),
        new LogEntry(2, 1, EntryType.MEMBERSHIP, RaftCodec.encodeMembership(JOINT)),
        new LogEntry(3, 2, EntryType.MEMBERSHIP, RaftCodec.encodeMembership(FINAL)));
  }

  /** Node 1 restarted knowing entry 2 committed (it is joint), not entry 3. */
  private static SteppedNode jointCandidate() {
    RaftConfig config = SteppedNode.paperConfig(1, 3).build();
    PersistedState persisted =
        new PersistedState(new HardState(2, Optional.empty(), 2), Optional.empty(), log(), 0);
    SteppedNode node = SteppedNode.restore(config, persisted);
    assertThat(node.status().membership()).isEqualTo(JOINT);
    return node;
  }

  @Test
  void aRefusal_carriesTheVotersCommitIndexAndItsTerm() {
    SteppedNode voter = SteppedNode.create(3, 3);
    voter.step(2, io.dvraft.raft.message.AppendEntries.of(1, 0, 0, SteppedNode.entries(1, 1, 1), 2, 0));

    // A candidate whose log is behind is refused, and told what is committed.
    SteppedNode.Batch out = voter.step(1, new VoteRequest(2, 1, 1, false, false));

    assertThat(out.to(1)).containsExactly(new VoteResponse(2, false, false, 2, 1));
  }

  @Test
  void aCandidateStuckInTheJointConfiguration_learnsTheCommitFromARefusal_andMovesOn() {
    SteppedNode candidate = jointCandidate();
    candidate.timeOut(); // campaigns under JOINT: it needs node 3's vote

    candidate.step(3, new VoteResponse(candidate.term(), false, false, 3, 2));

    assertThat(candidate.status().commitIndex()).isEqualTo(3);
    assertThat(candidate.status().membership()).isEqualTo(FINAL);
    assertThat(candidate.role()).isEqualTo(Role.FOLLOWER);

    // Under the final configuration, node 2's vote is enough.
    candidate.timeOut();
    candidate.step(2, new VoteResponse(candidate.term(), true, true));
    candidate.step(2, new VoteResponse(candidate.term(), true, false));
    assertThat(candidate.role()).isEqualTo(Role.LEADER);
  }

  @Test
  void aHintForAnEntryThisLogDoesNotHold_isIgnored() {
    SteppedNode candidate = jointCandidate();
    candidate.timeOut();

    // Index 3 with another term: not the same entry, so nothing is learned.
    candidate.step(3, new VoteResponse(candidate.term(), false, false, 3, 1));
    // Index 5: beyond this log.
    candidate.step(3, new VoteResponse(candidate.term(), false, false, 5, 2));

    assertThat(candidate.status().commitIndex()).isEqualTo(2);
    assertThat(candidate.status().membership()).isEqualTo(JOINT);
  }
}
