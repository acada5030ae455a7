package io.dvraft.testkit.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.dvraft.raft.HardState;
import io.dvraft.raft.LogEntry;
import io.dvraft.raft.NodeId;
import io.dvraft.raft.Output;
import io.dvraft.raft.RaftEvent;
import io.dvraft.raft.Role;
import io.dvraft.raft.message.AppendEntriesResponse;
import io.dvraft.raft.message.VoteResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each checker catches the breakage it is named after, and stays quiet on a correct history. */
class InvariantCheckersTest {

  private final List<Violation> violations = new ArrayList<>();
  private final ViolationSink sink = violations::add;

  private static Output events(RaftEvent... events) {
    return new Output(
        Optional.empty(),
        List.of(),
        Optional.empty(),
        List.of(),
        List.of(),
        List.of(),
        List.of(events),
        false);
  }

  private static RaftEvent leaderOf(long term) {
    return new RaftEvent.StateChanged(Role.LEADER, term, Optional.empty());
  }

  @Test
  void electionSafetyAllowsOneLeaderPerTerm() {
    ElectionSafety check = new ElectionSafety(sink);
    check.onBatch(1, new FakeNode(1), events(leaderOf(3)));
    check.onBatch(2, new FakeNode(1), events(leaderOf(3)));
    check.onBatch(3, new FakeNode(2), events(leaderOf(4)));
    assertThat(violations).isEmpty();

    check.onBatch(4, new FakeNode(3), events(leaderOf(4)));

    assertThat(violations)
        .singleElement()
        .satisfies(v -> assertThat(v.invariant()).isEqualTo("election-safety"))
        .satisfies(v -> assertThat(v.message()).contains("term 4", "n2", "n3"));
    assertThat(check.summary()).startsWith("VIOLATED");
  }

  @Test
  void oneVotePerTermRemembersVotesAcrossRestarts() {
    OneVotePerTerm check = new OneVotePerTerm(sink);
    FakeNode voter = new FakeNode(1);
    check.onMessageSent(1, voter, NodeId.of(2), new VoteResponse(5, true, false));
    check.onMessageSent(2, voter, NodeId.of(2), new VoteResponse(5, true, false));
    check.onMessageSent(3, voter, NodeId.of(3), new VoteResponse(5, true, true));
    check.onMessageSent(4, voter, NodeId.of(3), new VoteResponse(5, false, false));
    check.onCrash(5, voter);
    check.onRestart(6, voter);
    assertThat(violations).isEmpty();

    check.onMessageSent(7, voter, NodeId.of(3), new VoteResponse(5, true, false));

    assertThat(violations)
        .singleElement()
        .satisfies(v -> assertThat(v.message()).contains("n1 voted for n2 and then for n3"));
  }

  @Test
  void logMatchingComparesWholePrefixesOfEntriesWithTheSameIndexAndTerm() {
    LogMatching check = new LogMatching(sink);
    FakeNode a = new FakeNode(1).append(1, 1, 2);
    FakeNode b = new FakeNode(2).append(1, 1, 2);
    check.onPersisted(1, a, a.log);
    check.onPersisted(2, b, b.log);
    assertThat(violations).isEmpty();

    FakeNode c = new FakeNode(3).append(1);
    c.log.add(LogEntry.command(2, 1, new byte[] {42}));
    c.log.add(a.log.get(2));
    check.onPersisted(3, c, List.of(c.log.get(2)));

    assertThat(violations)
        .singleElement()
        .satisfies(v -> assertThat(v.message()).contains("index 3 term 2"));
  }

  @Test
  void stateMachineSafetyRequiresTheSameAppliedSequenceEverywhere() {
    StateMachineSafety check = new StateMachineSafety(sink);
    FakeNode a = new FakeNode(1).append(1, 1);
    FakeNode b = new FakeNode(2).append(1, 2);
    check.onApplied(1, a, a.log.get(0), a.durableChainAt(1).getAsLong());
    check.onApplied(2, b, b.log.get(0), b.durableChainAt(1).getAsLong());
    check.onApplied(3, a, a.log.get(1), a.durableChainAt(2).getAsLong());
    assertThat(violations).isEmpty();

    check.onApplied(4, b, b.log.get(1), b.durableChainAt(2).getAsLong());

    assertThat(violations)
        .singleElement()
        .satisfies(v -> assertThat(v.message()).contains("differ up to index 2"));
  }

  @Test
  void leaderCompletenessRequiresEveryLaterLeaderToHoldWhatWasCommitted() {
    LeaderCompleteness check = new LeaderCompleteness(sink);
    FakeNode leader = new FakeNode(1).append(1, 1, 1);
    leader.role = Role.LEADER;
    leader.term = 1;
    leader.commit = 3;
    check.onBatch(1, leader, events(leaderOf(1)));
    FakeNode uptodate = new FakeNode(2).append(1, 1, 1, 2);
    check.onBatch(2, uptodate, events(leaderOf(2)));
    assertThat(violations).isEmpty();

    FakeNode stale = new FakeNode(3).append(1, 1);
    check.onBatch(3, stale, events(leaderOf(3)));

    assertThat(violations)
        .singleElement()
        .satisfies(
            v ->
                assertThat(v.message())
                    .contains("n3 became leader of term 3 without" + " entry 3"));
  }

  @Test
  void committedDurabilityRequiresAcksAndVotesToBeOnDiskFirst() {
    CommittedDurability check = new CommittedDurability(sink);
    FakeNode follower = new FakeNode(2).append(1, 1);
    follower.hardState = new HardState(3, Optional.of(NodeId.of(1)));
    check.onMessageSent(1, follower, NodeId.of(1), AppendEntriesResponse.accepted(3, 2, 0));
    check.onMessageSent(2, follower, NodeId.of(1), new VoteResponse(3, true, false));
    assertThat(violations).isEmpty();

    check.onMessageSent(3, follower, NodeId.of(1), AppendEntriesResponse.accepted(3, 5, 0));
    check.onMessageSent(4, follower, NodeId.of(3), new VoteResponse(4, true, false));

    assertThat(violations).hasSize(2);
    assertThat(violations.get(0).message()).contains("acknowledged index 5", "ends at 2");
    assertThat(violations.get(1).message()).contains("granted its vote in term 4");
  }

  @Test
  void monotonicProgressForbidsGapsRepeatsAndGoingBack() {
    MonotonicProgress check = new MonotonicProgress(sink);
    FakeNode node = new FakeNode(1).append(1, 1, 1);
    node.commit = 2;
    check.onBatch(1, node, events());
    check.onApplied(1, node, node.log.get(0), 0);
    check.onApplied(2, node, node.log.get(1), 0);
    assertThat(violations).isEmpty();

    check.onApplied(3, node, node.log.get(1), 0);
    node.commit = 1;
    check.onBatch(4, node, events());

    assertThat(violations)
        .extracting(Violation::message)
        .containsExactly(
            "n1 applied index 2 right after 2", "n1's commit index went back from 2 to 1");
  }

  @Test
  void theStandardSetHasEveryInvariantOnce() {
    List<String> names = Invariants.standard().stream().map(f -> f.create(sink).name()).toList();

    assertThat(names)
        .containsExactly(
            "election-safety",
            "one-vote-per-term",
            "log-matching",
            "leader-completeness",
            "state-machine-safety",
            "committed-durability",
            "monotonic-progress",
            "linearizability");
  }
}
