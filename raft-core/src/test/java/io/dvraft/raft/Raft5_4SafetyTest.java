package io.dvraft.raft;

import static io.dvraft.raft.SteppedNode.entry;
import static io.dvraft.raft.SteppedNode.n;
import static org.assertj.core.api.Assertions.assertThat;

import io.dvraft.raft.message.VoteRequest;
import io.dvraft.raft.message.VoteResponse;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Raft paper, section 5.4 (safety): a voter denies its vote to a candidate whose log is less up to
 * date than its own (5.4.1: compare the last entries' terms, then the lengths), and a leader never
 * commits an entry of an earlier term by counting replicas; such entries commit only indirectly,
 * once an entry of the current term is committed (5.4.2, figure 8).
 */
class Raft5_4SafetyTest {

  private static long[] terms(String list) {
    return list.isBlank()
        ? new long[0]
        : Arrays.stream(list.trim().split(" ")).mapToLong(Long::parseLong).toArray();
  }

  @ParameterizedTest(name = "voter [{0}], candidate last entry {1}@{2} -> granted={3}")
  @CsvSource({
    "'1',   1, 2, true",
    "'1 1', 1, 2, true",
    "'1 1', 5, 2, true",
    "'2',   1, 1, false",
    "'2',   3, 1, false",
    "'1 2', 5, 1, false",
  })
  void section5_4_1_voterComparesTheTermsOfTheLastEntriesFirst(
      String voterTerms, long lastIndex, long lastTerm, boolean granted) {
    SteppedNode voter = SteppedNode.restored(1, 3, 2, terms(voterTerms));

    SteppedNode.Batch out = voter.step(2, new VoteRequest(3, lastIndex, lastTerm, false, false));

    assertThat(out.sent(VoteResponse.class, 2)).containsExactly(new VoteResponse(3, granted, false));
  }

  @ParameterizedTest(name = "voter [{0}], candidate last entry {1}@{2} -> granted={3}")
  @CsvSource({
    "'',      0, 0, true",
    "'1',     1, 1, true",
    "'1',     2, 1, true",
    "'1 1',   1, 1, false",
    "'1 2 2', 2, 2, false",
    "'1 2 2', 3, 2, true",
  })
  void section5_4_1_withEqualLastTermsTheVoterGrantsOnlyIfTheCandidatesLogIsAtLeastAsLong(
      String voterTerms, long lastIndex, long lastTerm, boolean granted) {
    SteppedNode voter = SteppedNode.restored(1, 3, 2, terms(voterTerms));

    SteppedNode.Batch out = voter.step(2, new VoteRequest(3, lastIndex, lastTerm, false, false));

    assertThat(out.sent(VoteResponse.class, 2)).containsExactly(new VoteResponse(3, granted, false));
  }

  @Test
  void section5_4_1_refusingAnOutOfDateCandidateLeavesTheVoteFreeForAnUpToDateOne() {
    SteppedNode voter = SteppedNode.restored(1, 3, 2, 1, 2);

    voter.step(2, new VoteRequest(3, 1, 1, false, false));
    SteppedNode.Batch out = voter.step(3, new VoteRequest(3, 2, 2, false, false));

    assertThat(out.sent(VoteResponse.class, 3)).containsExactly(new VoteResponse(3, true, false));
    assertThat(voter.status().votedFor()).contains(n(3));
  }

  @Test
  void section5_4_2_leaderDoesNotCommitAnEntryOfAnEarlierTermByCountingItsReplicas() {
    // Figure 8 (c) from S1's point of view: S1 leads term 4 with [1@1, 2@2] and its no-op 3@4.
    SteppedNode s1 = SteppedNode.restored(1, 5, 3, 1, 2);
    s1.electLeader();
    assertThat(s1.term()).isEqualTo(4);

    // S2 and S3 now store entry 2@2: with S1 that is a majority, but 2 is from term 2.
    s1.ack(2, 2, 3);

    assertThat(s1.status().commitIndex()).isZero();
    assertThat(s1.applied).isEmpty();
  }

  @Test
  void section5_4_2_entriesOfEarlierTermsCommitOnceAnEntryOfTheCurrentTermIsOnAMajority() {
    SteppedNode s1 = SteppedNode.restored(1, 5, 3, 1, 2);
    s1.electLeader();
    s1.ack(2, 2, 3);

    s1.ack(3, 2);
    assertThat(s1.status().commitIndex()).as("3@4 on 2 of 5").isZero();
    SteppedNode.Batch out = s1.ack(3, 3);

    assertThat(s1.status().commitIndex()).isEqualTo(3);
    assertThat(out.committed()).containsExactly(entry(1, 1), entry(2, 2), LogEntry.noop(3, 4));
  }

  @Test
  void section5_4_2_figure8_anEarlierTermEntryStoredOnAMajorityCanStillBeOverwritten() {
    // Figure 8 replayed with five real nodes. (a)-(b) are the restored states: S1 led term 2 and
    // gave 2@2 to S2; S5 led term 3 (votes of S3, S4) and appended 2@3 alone.
    HandNetwork net = new HandNetwork();
    net.add(1, SteppedNode.restored(
        SteppedNode.paperConfig(1, 5).maxEntriesPerAppend(1).build(), 3, 1, 2));
    net.add(2, SteppedNode.restored(2, 5, 2, 1, 2));
    net.add(3, SteppedNode.restored(SteppedNode.paperConfig(3, 5).build(), vote(3, 5), 1));
    net.add(4, SteppedNode.restored(SteppedNode.paperConfig(4, 5).build(), vote(3, 5), 1));
    net.add(5, SteppedNode.restored(SteppedNode.paperConfig(5, 5).build(), vote(3, 5), 1, 3));
    SteppedNode s1 = net.node(1);

    // (c) S1 is elected in term 4 by S2 and S3 and gets 2@2 onto S3, one entry at a time.
    s1.timeOut();
    net.deliverRound(1, 2, 3); // vote requests
    net.deliverRound(1, 2, 3); // votes
    assertThat(s1.role()).isEqualTo(Role.LEADER);
    assertThat(s1.term()).isEqualTo(4);
    net.deliverRound(1, 2, 3); // S2 takes 3@4; S3 lacks 2 and refuses
    net.deliverRound(1, 2, 3); // S1 backs up to 2@2 for S3
    net.deliverRound(1, 2, 3); // S3 takes 2@2
    net.deliverRound(1, 2, 3); // S1 hears that S3 has 2@2
    for (long s : new long[] {1, 2, 3}) {
      assertThat(net.node(s).persistedLog()).contains(entry(2, 2));
    }
    assertThat(s1.status().commitIndex())
        .as("2@2 is on a majority but S1 must not count replicas of a term-2 entry")
        .isZero();

    // (d) S1 and S2 crash before 3@4 reaches S3. Only S5 can win among S3, S4, S5, and it
    // replaces 2@2 by its own 2@3 on a majority.
    net.dropAll();
    net.runUntil(() -> net.node(5).role() == Role.LEADER
            && net.node(3).status().commitIndex() >= 2
            && net.node(4).status().commitIndex() >= 2, 500, 3, 4, 5);
    assertThat(net.node(3).persistedLog().get(1)).isEqualTo(entry(2, 3));
    assertThat(net.node(5).applied).startsWith(entry(1, 1), entry(2, 3));

    // S1 and S2 come back and are repaired; the term-2 entry was never applied by anyone.
    net.runUntil(() -> allApplied(net, net.node(5).status().commitIndex()), 500, 1, 2, 3, 4, 5);
    for (long s = 1; s <= 5; s++) {
      assertThat(net.node(s).applied).doesNotContain(entry(2, 2)).startsWith(entry(1, 1), entry(2, 3));
      assertThat(net.node(s).applied).isEqualTo(net.node(5).applied);
    }
  }

  private static HardState vote(long term, long candidate) {
    return new HardState(term, Optional.of(n(candidate)));
  }

  private static boolean allApplied(HandNetwork net, long index) {
    for (SteppedNode node : net.nodes.values()) {
      if (node.status().appliedIndex() < index) {
        return false;
      }
    }
    return true;
  }
}
