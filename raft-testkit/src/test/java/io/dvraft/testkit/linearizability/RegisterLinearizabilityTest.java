package io.dvraft.testkit.linearizability;

import static io.dvraft.testkit.linearizability.RegisterHistories.check;
import static io.dvraft.testkit.linearizability.RegisterHistories.pendingRead;
import static io.dvraft.testkit.linearizability.RegisterHistories.pendingWrite;
import static io.dvraft.testkit.linearizability.RegisterHistories.r;
import static io.dvraft.testkit.linearizability.RegisterHistories.w;
import static org.assertj.core.api.Assertions.assertThat;

import io.dvraft.testkit.linearizability.CheckResult.Verdict;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules of linearizability, on a single register that starts at 0. */
class RegisterLinearizabilityTest {

  @Test
  void anEmptyHistoryIsLinearizable() {
    assertThat(check().verdict()).isEqualTo(Verdict.LINEARIZABLE);
  }

  @Test
  void aSequentialHistoryThatFollowsTheModelIsLinearizable() {
    assertThat(check(r(1, 0, 1, 0), w(1, 2, 3, 5), r(2, 4, 5, 5), w(2, 6, 7, 6), r(1, 8, 9, 6)))
        .satisfies(result -> assertThat(result.isLinearizable()).isTrue());
  }

  @Test
  void aReadBeforeAnyWriteMustSeeTheInitialValue() {
    assertThat(check(r(1, 0, 1, 3)).verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
    assertThat(LinearizabilityChecker.check(new RegisterModel(3), List.of(r(1, 0, 1, 3))).verdict())
        .isEqualTo(Verdict.LINEARIZABLE);
  }

  @Test
  void theOrderInWhichOpsAreGivenDoesNotMatterOnlyTheirTimes() {
    assertThat(check(r(2, 4, 5, 5), w(1, 2, 3, 5), r(1, 0, 1, 0)).isLinearizable()).isTrue();
  }

  @Test
  void aReadConcurrentWithAWriteMaySeeTheOldValue() {
    assertThat(check(w(1, 0, 10, 1), r(2, 2, 3, 0)).isLinearizable()).isTrue();
  }

  @Test
  void aReadConcurrentWithAWriteMaySeeTheNewValue() {
    assertThat(check(w(1, 0, 10, 1), r(2, 2, 3, 1)).isLinearizable()).isTrue();
  }

  @Test
  void readsDuringConcurrentWritesMaySeeThemInOneOrder() {
    assertThat(check(w(1, 0, 10, 1), w(2, 0, 10, 2), r(3, 1, 2, 1), r(3, 3, 4, 2)).isLinearizable())
        .isTrue();
  }

  @Test
  void readsDuringConcurrentWritesMaySeeThemInTheOtherOrder() {
    assertThat(check(w(1, 0, 10, 1), w(2, 0, 10, 2), r(3, 1, 2, 2), r(3, 3, 4, 1)).isLinearizable())
        .isTrue();
  }

  @Test
  void aReadAfterACompletedWriteMustNotBeStale() {
    assertThat(check(w(1, 0, 1, 1), r(2, 2, 3, 0)).verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
  }

  @Test
  void aReadMustNotSeeAValueThatWasNeverWritten() {
    assertThat(check(w(1, 0, 10, 1), r(2, 2, 3, 7)).verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
  }

  @Test
  void aReadMustNotSeeAWriteThatWasCalledAfterTheReadReturned() {
    assertThat(check(r(1, 0, 1, 1), w(2, 2, 3, 1)).verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
  }

  @Test
  void onceAReadHasSeenANewValueALaterReadMustNotSeeTheOldOne() {
    // The classic new-old inversion: the write is still in flight, but the first read fixed it.
    assertThat(check(w(1, 0, 10, 1), r(2, 1, 2, 1), r(3, 3, 4, 0)).verdict())
        .isEqualTo(Verdict.NOT_LINEARIZABLE);
  }

  @Test
  void anOverwrittenValueCannotComeBack() {
    assertThat(
            check(w(1, 0, 10, 1), w(2, 0, 10, 2), r(3, 1, 2, 1), r(3, 3, 4, 2), r(3, 5, 6, 1))
                .verdict())
        .isEqualTo(Verdict.NOT_LINEARIZABLE);
  }

  @Test
  void afterConcurrentWritesCompleteAllLaterReadsAgreeOnTheWinner() {
    assertThat(check(w(1, 0, 5, 1), w(2, 0, 5, 2), r(3, 6, 7, 1), r(4, 8, 9, 2)).verdict())
        .isEqualTo(Verdict.NOT_LINEARIZABLE);
    assertThat(check(w(1, 0, 5, 1), w(2, 0, 5, 2), r(3, 6, 7, 2), r(4, 8, 9, 2)).isLinearizable())
        .isTrue();
  }

  @Test
  void opsThatTouchAtTheSameTickCountAsConcurrent() {
    // The write returns at tick 5 and the read is called at tick 5: either order is allowed.
    assertThat(check(w(1, 0, 5, 1), r(2, 5, 6, 0)).isLinearizable()).isTrue();
    assertThat(check(w(1, 0, 5, 1), r(2, 6, 7, 0)).isLinearizable()).isFalse();
  }

  @Test
  void aPendingWriteMayBeObserved() {
    assertThat(check(pendingWrite(1, 0, 1), r(2, 5, 6, 1)).isLinearizable()).isTrue();
  }

  @Test
  void aPendingWriteMayNeverTakeEffect() {
    assertThat(check(pendingWrite(1, 0, 1), r(2, 5, 6, 0), r(2, 100, 101, 0)).isLinearizable())
        .isTrue();
  }

  @Test
  void aPendingWriteCannotTakeEffectBeforeItIsCalled() {
    assertThat(check(r(2, 0, 1, 1), pendingWrite(1, 2, 1)).verdict())
        .isEqualTo(Verdict.NOT_LINEARIZABLE);
  }

  @Test
  void aPendingWriteOnceObservedStaysObserved() {
    assertThat(check(pendingWrite(1, 0, 1), r(2, 5, 6, 1), r(2, 7, 8, 0)).verdict())
        .isEqualTo(Verdict.NOT_LINEARIZABLE);
  }

  @Test
  void aPendingWriteMayTakeEffectLongAfterLaterOpsReturned() {
    assertThat(
            check(pendingWrite(1, 0, 1), w(2, 3, 4, 2), r(2, 5, 6, 2), r(3, 50, 51, 1))
                .isLinearizable())
        .isTrue();
  }

  @Test
  void aPendingReadConstrainsNothing() {
    assertThat(check(pendingRead(1, 0), w(2, 1, 2, 4), r(2, 3, 4, 4)).isLinearizable()).isTrue();
  }

  @Test
  void aHistoryOfOnlyPendingOpsIsLinearizable() {
    assertThat(check(pendingWrite(1, 0, 1), pendingRead(2, 1)).isLinearizable()).isTrue();
  }

  @Test
  void aFailureNamesTheLongestLinearizablePrefixAndTheOpsThatCouldNotBePlaced() {
    var write = w(1, 0, 1, 1);
    var staleRead = r(2, 2, 3, 0);

    CheckResult<RegisterModel.Input, Long> result = check(write, staleRead);

    assertThat(result.longestPrefix()).containsExactly(write);
    assertThat(result.unplaced()).containsExactly(staleRead);
    assertThat(result.explanation())
        .contains("not linearizable")
        .contains("longest linearizable prefix (1 ops)")
        .contains("client 1: write(1) [0, 1]")
        .contains("state after it: 1")
        .contains("client 2: read() -> 0 [2, 3]");
  }

  @Test
  void theUnplacedOpsStartWithTheOneThatReturnedAndListEveryCandidate() {
    var w1 = w(1, 0, 1, 1);
    var badRead = r(2, 2, 5, 9);
    var concurrentRead = r(3, 3, 6, 8);

    CheckResult<RegisterModel.Input, Long> result = check(w1, concurrentRead, badRead);

    assertThat(result.longestPrefix()).containsExactly(w1);
    assertThat(result.unplaced()).containsExactly(badRead, concurrentRead);
  }

  @Test
  void aSearchThatExceedsItsBudgetAnswersUnknownWithinTheBudget() {
    // Twelve concurrent writes and a read of a value none wrote: refuting it needs every subset.
    List<Operation<RegisterModel.Input, Long>> ops = new ArrayList<>();
    for (int i = 1; i <= 12; i++) {
      ops.add(w(i, 0, 100, i));
    }
    ops.add(r(13, 200, 201, 99));

    CheckResult<RegisterModel.Input, Long> result =
        LinearizabilityChecker.check(RegisterHistories.REGISTER, ops, 500);

    assertThat(result.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(result.work()).isLessThanOrEqualTo(500);
    assertThat(result.explanation()).startsWith("unknown: the search used up its budget of 500");
    assertThat(LinearizabilityChecker.check(RegisterHistories.REGISTER, ops).verdict())
        .isEqualTo(Verdict.NOT_LINEARIZABLE);
  }

  @Test
  void theVerdictAndExplanationAreTheSameOnEveryRun() {
    List<Operation<RegisterModel.Input, Long>> history =
        List.of(w(1, 0, 10, 1), w(2, 0, 10, 2), r(3, 1, 2, 1), r(3, 3, 4, 2), r(3, 5, 6, 1));

    assertThat(LinearizabilityChecker.check(RegisterHistories.REGISTER, history))
        .isEqualTo(LinearizabilityChecker.check(RegisterHistories.REGISTER, history));
  }
}
