package io.dvraft.raft;

import static io.dvraft.raft.SteppedNode.entries;
import static io.dvraft.raft.SteppedNode.entry;
import static org.assertj.core.api.Assertions.assertThat;

import io.dvraft.raft.message.AppendEntries;
import io.dvraft.raft.message.AppendEntriesResponse;
import io.dvraft.raft.message.VoteResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Raft paper, section 5.3 (log replication): the leader appends commands to its log and sends them
 * with the index and term of the entry before them and its commit index; an entry is committed
 * once stored on a majority, which commits every entry before it; followers check the previous
 * entry, delete conflicting entries, append the leader's, and commit up to the leader's commit
 * index within what the message confirmed. The leader repairs inconsistent followers (figure 7).
 *
 * <p>Plain Raft settings (no pre-vote, no check-quorum); nodes stepped by hand.
 */
class Raft5_3LogReplicationTest {

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void section5_3_newLeaderAppendsANoOpOfItsTermAndSendsItAfterItsLastEntry() {
    SteppedNode leader = SteppedNode.restored(1, 3, 1, 1, 1); // term 1, log [1@1, 2@1]

    SteppedNode.Batch out = leader.electLeader();

    assertThat(leader.term()).isEqualTo(2);
    assertThat(out.entriesToPersist()).containsExactly(LogEntry.noop(3, 2));
    assertThat(leader.status().lastIndex()).isEqualTo(3);
    assertThat(leader.status().lastTerm()).isEqualTo(2);
    for (long follower : new long[] {2, 3}) {
      assertThat(out.sent(AppendEntries.class, follower))
          .singleElement()
          .isEqualTo(AppendEntries.of(2, 2, 1, List.of(LogEntry.noop(3, 2)), 0, 0));
    }
  }

  @Test
  void section5_3_leaderPersistsEntriesNoLaterThanTheBatchThatSendsThem() {
    SteppedNode leader = SteppedNode.create(1, 3);
    List<Output> outputs = new ArrayList<>(leader.electLeader().outputs());
    outputs.addAll(leader.ack(1, 2, 3).outputs());
    outputs.addAll(leader.propose("x").outputs());
    outputs.addAll(leader.propose("y").outputs());

    long persisted = 0;
    for (Output o : outputs) {
      for (LogEntry e : o.entriesToPersist()) {
        persisted = Math.max(persisted, e.index());
      }
      if (!o.entriesToPersist().isEmpty()) {
        assertThat(o.mustSync()).isTrue();
      }
      for (Envelope env : o.messages()) {
        if (env.message() instanceof AppendEntries a) {
          assertThat(a.lastIndex()).isLessThanOrEqualTo(persisted);
        }
      }
    }
    assertThat(persisted).isEqualTo(3);
  }

  @Test
  void section5_3_leaderCommitsItsNoOpOnceAMajorityStoresIt() {
    SteppedNode leader = SteppedNode.create(1, 3);
    leader.electLeader();
    assertThat(leader.status().commitIndex()).isZero();

    SteppedNode.Batch out = leader.ack(1, 2);

    assertThat(leader.status().commitIndex()).isEqualTo(1);
    assertThat(out.committed()).containsExactly(LogEntry.noop(1, 1));
  }

  @Test
  void section5_3_leaderSendsANewEntryWithThePreviousEntrysIndexAndTermAndItsCommitIndex() {
    SteppedNode leader = SteppedNode.create(1, 3);
    leader.electLeader();
    leader.ack(1, 2, 3);

    SteppedNode.Batch out = leader.propose("x");

    LogEntry x = LogEntry.command(2, 1, bytes("x"));
    assertThat(out.entriesToPersist()).containsExactly(x);
    for (long follower : new long[] {2, 3}) {
      assertThat(out.sent(AppendEntries.class, follower))
          .containsExactly(AppendEntries.of(1, 1, 1, List.of(x), 1, 0));
    }
  }

  @Test
  void section5_3_leaderCommitsAnEntryOnceAMajorityHasStoredIt() {
    SteppedNode leader = SteppedNode.create(1, 5);
    leader.electLeader();
    leader.ack(1, 2, 3, 4, 5);
    leader.propose("x");

    SteppedNode.Batch one = leader.ack(2, 2);
    assertThat(leader.status().commitIndex()).as("2 of 5").isEqualTo(1);
    assertThat(one.committed()).isEmpty();

    SteppedNode.Batch two = leader.ack(2, 3);
    assertThat(leader.status().commitIndex()).as("3 of 5").isEqualTo(2);
    assertThat(two.committed()).containsExactly(LogEntry.command(2, 1, bytes("x")));
  }

  @Test
  void section5_3_followersLearnTheCommitIndexFromTheLeadersNextAppendEntriesAndApply() {
    HandNetwork net = new HandNetwork();
    for (long id = 1; id <= 3; id++) {
      net.add(id, SteppedNode.create(id, 3));
    }
    net.node(1).timeOut();
    net.deliverAmong(1, 2, 3);
    assertThat(net.node(1).role()).isEqualTo(Role.LEADER);

    net.node(1).propose("x");
    net.deliverAmong(1, 2, 3);
    assertThat(net.node(1).status().commitIndex()).isEqualTo(2);

    net.node(1).tick(); // the next heartbeat carries the commit index
    net.deliverAmong(1, 2, 3);
    for (long id = 1; id <= 3; id++) {
      assertThat(net.node(id).status().commitIndex()).isEqualTo(2);
      assertThat(net.node(id).applied)
          .containsExactly(LogEntry.noop(1, 1), LogEntry.command(2, 1, bytes("x")));
    }
  }

  @Test
  void section5_3_committingAnEntryCommitsEveryEntryBeforeItIncludingEarlierTerms() {
    SteppedNode leader = SteppedNode.restored(1, 3, 1, 1, 1); // term 1, log [1@1, 2@1]
    leader.electLeader(); // term 2, no-op 3@2

    SteppedNode.Batch out = leader.ack(3, 2);

    assertThat(out.committed()).containsExactly(entry(1, 1), entry(2, 1), LogEntry.noop(3, 2));
  }

  @Test
  void section5_3_leaderHandsOutEachCommittedEntryOnceAndInLogOrder() {
    SteppedNode leader = SteppedNode.create(1, 5);
    List<LogEntry> committed = new ArrayList<>(leader.electLeader().committed());
    leader.propose("a");
    leader.propose("b");
    leader.propose("c");

    // Acknowledgements arrive out of order, some twice.
    committed.addAll(leader.ack(4, 2).committed());
    committed.addAll(leader.ack(2, 3).committed());
    committed.addAll(leader.ack(4, 2).committed());
    committed.addAll(leader.ack(3, 4).committed());
    committed.addAll(leader.ack(4, 3).committed());
    committed.addAll(leader.ack(4, 4, 5).committed());

    assertThat(committed)
        .containsExactly(
            LogEntry.noop(1, 1),
            LogEntry.command(2, 1, bytes("a")),
            LogEntry.command(3, 1, bytes("b")),
            LogEntry.command(4, 1, bytes("c")));
    assertThat(leader.status().appliedIndex()).isEqualTo(4);
  }

  @Test
  void section5_3_leaderNeverOverwritesOrDeletesEntriesInItsOwnLog() {
    // Leader Append-Only (figure 3): an AppendEntries claiming the leader's own term can only come
    // from a broken peer; the leader drops it and reports it.
    SteppedNode leader = SteppedNode.restored(1, 3, 1, 1, 1);
    leader.electLeader(); // term 2, log [1@1, 2@1, 3@2]

    SteppedNode.Batch out =
        leader.step(2, AppendEntries.of(2, 1, 1, entries(2, 2, 2, 2), 0, 0));

    assertThat(leader.role()).isEqualTo(Role.LEADER);
    assertThat(leader.persistedLog())
        .containsExactly(entry(1, 1), entry(2, 1), LogEntry.noop(3, 2));
    assertThat(out.entriesToPersist()).isEmpty();
    assertThat(out.events()).anyMatch(e -> e instanceof RaftEvent.MessageDropped);
  }

  @Test
  void section5_3_followerCommitsUpToTheLeadersCommitIndex() {
    SteppedNode follower = SteppedNode.create(1, 3);

    SteppedNode.Batch out =
        follower.step(2, AppendEntries.of(1, 0, 0, entries(1, 1, 1, 1), 2, 0));

    assertThat(follower.status().commitIndex()).isEqualTo(2);
    assertThat(out.committed()).containsExactly(entry(1, 1), entry(2, 1));
    assertThat(out.sent(AppendEntriesResponse.class, 2))
        .containsExactly(AppendEntriesResponse.accepted(1, 3, 0));
  }

  @Test
  void section5_3_followerCommitsNoFurtherThanTheLastEntryTheAppendEntriesConfirmed() {
    // The follower holds [1@1, 2@1, 3@1]; entries 2 and 3 are leftovers of a term-1 leader that
    // never committed them. The term-2 leader has [1@1, 2@2, 3@2], all committed, and probes the
    // follower at index 1. The message proves that the logs agree up to index 1 only, so the
    // follower must not commit its own entries 2 and 3, even though leaderCommit is 3 and they
    // are in its log.
    SteppedNode follower = SteppedNode.restored(1, 3, 1, 1, 1, 1);

    SteppedNode.Batch probe = follower.step(2, AppendEntries.of(2, 1, 1, List.of(), 3, 0));

    assertThat(follower.status().commitIndex()).isEqualTo(1);
    assertThat(probe.committed()).containsExactly(entry(1, 1));
    assertThat(probe.sent(AppendEntriesResponse.class, 2))
        .containsExactly(AppendEntriesResponse.accepted(2, 1, 0));

    // Once the leader's entries replace the stale ones, they are the ones committed.
    SteppedNode.Batch repair =
        follower.step(2, AppendEntries.of(2, 1, 1, entries(2, 2, 2), 3, 0));
    assertThat(repair.committed()).containsExactly(entry(2, 2), entry(3, 2));
    assertThat(follower.applied).containsExactly(entry(1, 1), entry(2, 2), entry(3, 2));
  }

  @ParameterizedTest(name = "prev {0}@{1}: accepted={2}, hint {3}@{4}")
  @CsvSource({
    "0, 0, true,  0, 0",
    "1, 1, true,  0, 0",
    "2, 2, true,  0, 0",
    "1, 2, false, 1, 1",
    "2, 1, false, 1, 1",
    "3, 2, false, 2, 2",
    "3, 3, false, 2, 2",
  })
  void section5_3_followerAcceptsAppendEntriesOnlyIfItHoldsTheEntryAtPrevIndexWithPrevTerm(
      long prevIndex, long prevTerm, boolean accepted, long hintIndex, long hintTerm) {
    SteppedNode follower = SteppedNode.restored(1, 3, 2, 1, 2); // term 2, log [1@1, 2@2]

    SteppedNode.Batch out =
        follower.step(2, AppendEntries.of(3, prevIndex, prevTerm, List.of(), 0, 0));

    AppendEntriesResponse expected =
        accepted
            ? AppendEntriesResponse.accepted(3, prevIndex, 0)
            : AppendEntriesResponse.rejected(3, prevIndex, hintIndex, hintTerm, 0);
    assertThat(out.sent(AppendEntriesResponse.class, 2)).containsExactly(expected);
    assertThat(follower.persistedLog()).containsExactly(entry(1, 1), entry(2, 2));
  }

  @ParameterizedTest(name = "prev {0}@{1} + entries with terms [{2}] -> log [{3}]")
  @CsvSource({
    "2, 2, '3',   '1 2 3',  3",
    "1, 1, '3 3', '1 3 3',  2",
    "0, 0, '1',   '1 2',    0",
    "0, 0, '3',   '3',      1",
    "1, 1, '2',   '1 2',    0",
  })
  void section5_3_followerDeletesConflictingEntriesAndAppendsTheLeadersButKeepsMatchingOnes(
      long prevIndex, long prevTerm, String newTerms, String expectedTerms, long firstPersisted) {
    SteppedNode follower = SteppedNode.restored(1, 3, 2, 1, 2); // term 2, log [1@1, 2@2]

    SteppedNode.Batch out =
        follower.step(
            2, AppendEntries.of(3, prevIndex, prevTerm, entries(prevIndex + 1, terms(newTerms)), 0, 0));

    assertThat(out.sent(AppendEntriesResponse.class, 2))
        .singleElement()
        .satisfies(r -> assertThat(r.success()).isTrue());
    assertThat(follower.persistedLog()).isEqualTo(entries(1, terms(expectedTerms)));
    if (firstPersisted == 0) {
      assertThat(out.entriesToPersist()).as("nothing new, nothing truncated").isEmpty();
    } else {
      assertThat(out.entriesToPersist().get(0).index())
          .as("the host truncates its log from the first entry to persist")
          .isEqualTo(firstPersisted);
    }
  }

  private static long[] terms(String list) {
    return Arrays.stream(list.trim().split(" ")).mapToLong(Long::parseLong).toArray();
  }

  @ParameterizedTest(name = "figure 7 ({0})")
  @CsvSource({
    "a, '1 1 1 4 4 5 5 6 6',         6",
    "b, '1 1 1 4',                   4",
    "c, '1 1 1 4 4 5 5 6 6 6 6',     6",
    "d, '1 1 1 4 4 5 5 6 6 6 7 7',   7",
    "e, '1 1 1 4 4 4 4',             4",
    "f, '1 1 1 2 2 2 3 3 3 3 3',     3",
  })
  void section5_3_figure7_leaderBringsAFollowersLogInLineWithItsOwn(
      String follower, String followerTerms, long followerTerm) {
    // The term-8 leader's log of figure 7; it wins with n3's vote, then repairs n2.
    SteppedNode leader = SteppedNode.restored(1, 3, 7, terms("1 1 1 4 4 5 5 6 6 6"));
    SteppedNode other = SteppedNode.restored(2, 3, followerTerm, terms(followerTerms));
    HandNetwork net = new HandNetwork().add(1, leader).add(2, other);
    leader.timeOut();
    net.dropAll(); // n2 is not asked for its vote
    leader.step(3, new VoteResponse(8, true, false));
    assertThat(leader.role()).isEqualTo(Role.LEADER);
    assertThat(leader.term()).isEqualTo(8);

    net.deliverAmong(1, 2);
    leader.tick(); // a heartbeat tells the follower the new commit index
    net.deliverAmong(1, 2);

    List<LogEntry> expected = new ArrayList<>(entries(1, terms("1 1 1 4 4 5 5 6 6 6")));
    expected.add(LogEntry.noop(11, 8));
    assertThat(leader.persistedLog()).isEqualTo(expected);
    assertThat(other.persistedLog()).isEqualTo(expected);
    assertThat(leader.status().commitIndex()).isEqualTo(11);
    assertThat(other.status().commitIndex()).isEqualTo(11);
    assertThat(other.applied).isEqualTo(expected);
    assertThat(other.status().term()).isEqualTo(8);
  }
}
