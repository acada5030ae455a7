package io.dvraft.testkit.choice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** What shrinking guarantees about the sequence it returns. */
class ShrinkerTest {

  private static final Predicate<long[]> CONTAINS_3_AND_7 =
      s -> LongStream.of(s).anyMatch(v -> v == 3) && LongStream.of(s).anyMatch(v -> v == 7);

  private static final Predicate<long[]> SUM_OVER_100 = s -> LongStream.of(s).sum() > 100;

  private static long[] randomValues(long seed, int length, int bound) {
    ChoiceSource source = ChoiceSource.fromSeed(seed);
    for (int i = 0; i < length; i++) {
      source.nextInt(bound);
    }
    return source.recorded();
  }

  /**
   * A toy simulation: 500 steps, each with a 1% fault and a draw from 0..9; it fails if a 7 is
   * drawn right after a fault.
   */
  private static boolean toyRunFails(ChoiceSource source) {
    for (int step = 0; step < 500; step++) {
      boolean fault = source.chance(0.01);
      int draw = source.nextInt(10);
      if (fault && draw == 7) {
        return true;
      }
    }
    return false;
  }

  @Test
  void shrinksToExactlyTheTwoValuesThatMustBothAppear() {
    long[] failing = randomValues(5, 300, 10);
    assertThat(CONTAINS_3_AND_7.test(failing)).isTrue();

    ShrinkResult result = new Shrinker().shrink(failing, CONTAINS_3_AND_7);

    assertThat(result.choices()).containsExactlyInAnyOrder(3, 7);
  }

  @Test
  void shrinksASumOverAThresholdToExactlyOneMoreThanIt() {
    long[] failing = randomValues(9, 200, 50);

    long[] shrunk = new Shrinker().shrink(failing, SUM_OVER_100).choices();

    assertThat(LongStream.of(shrunk).sum()).isEqualTo(101);
    assertThat(shrunk.length).isLessThanOrEqualTo(4);
  }

  @Test
  void theShrunkSequenceStillFails() {
    long[] failing = randomValues(9, 200, 50);

    assertThat(SUM_OVER_100.test(new Shrinker().shrink(failing, SUM_OVER_100).choices())).isTrue();
    assertThat(CONTAINS_3_AND_7.test(new Shrinker().shrink(failing, CONTAINS_3_AND_7).choices()))
        .isTrue();
  }

  @Test
  void noSingleChoiceCanBeRemovedFromTheShrunkSequence() {
    long[] shrunk = new Shrinker().shrink(randomValues(9, 200, 50), SUM_OVER_100).choices();

    for (int i = 0; i < shrunk.length; i++) {
      long[] without = new long[shrunk.length - 1];
      System.arraycopy(shrunk, 0, without, 0, i);
      System.arraycopy(shrunk, i + 1, without, i, shrunk.length - i - 1);
      assertThat(SUM_OVER_100.test(without)).as("without choice %d", i).isFalse();
    }
  }

  @Test
  void valuesShrinkToTheSmallestThatStillFails() {
    long[] shrunk =
        new Shrinker()
            .shrink(new long[] {123_456_789}, s -> s.length > 0 && s[0] >= 1000)
            .choices();

    assertThat(shrunk).containsExactly(1000);
  }

  @Test
  void aShrunkSequenceStillDrivesAWholeRunBecauseMissingChoicesAreZero() {
    long seed =
        LongStream.range(0, 1000)
            .filter(s -> toyRunFails(ChoiceSource.fromSeed(s)))
            .findFirst()
            .orElseThrow();
    ChoiceSource original = ChoiceSource.fromSeed(seed);
    toyRunFails(original);

    ShrinkResult result =
        new Shrinker().shrink(original.recorded(), s -> toyRunFails(ChoiceSource.replay(s)));

    assertThat(result.choices()).containsExactly(1, 7);
    assertThat(toyRunFails(ChoiceSource.replay(result.choices()))).isTrue();
  }

  @Test
  void shrinkingRunsThePredicateAtMostTheAttemptBudget() {
    AtomicInteger calls = new AtomicInteger();

    ShrinkResult result =
        new Shrinker(10)
            .shrink(
                randomValues(5, 300, 10),
                s -> calls.incrementAndGet() > 0 && CONTAINS_3_AND_7.test(s));

    assertThat(calls).hasValue(10);
    assertThat(result.attempts()).isEqualTo(10);
    assertThat(result.budgetExhausted()).isTrue();
    assertThat(CONTAINS_3_AND_7.test(result.choices())).isTrue();
  }

  @Test
  void shrinkingIsDeterministic() {
    long[] failing = randomValues(9, 200, 50);

    assertThat(new Shrinker().shrink(failing, SUM_OVER_100))
        .isEqualTo(new Shrinker().shrink(failing, SUM_OVER_100));
  }

  @Test
  void theResultReportsItsStatistics() {
    ShrinkResult result = new Shrinker().shrink(randomValues(5, 300, 10), CONTAINS_3_AND_7);

    assertThat(result.originalLength()).isEqualTo(300);
    assertThat(result.finalLength()).isEqualTo(2);
    assertThat(result.attempts()).isBetween(2, Shrinker.DEFAULT_MAX_ATTEMPTS);
    assertThat(result.budgetExhausted()).isFalse();
    assertThat(result.toString()).startsWith("shrunk 300 choices to 2 in ");
  }

  @Test
  void aSequenceThatDoesNotFailIsRejectedRatherThanShrunk() {
    assertThatThrownBy(() -> new Shrinker().shrink(new long[] {1, 2}, SUM_OVER_100))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not fail");
  }

  @Test
  void thePredicateCannotCorruptTheShrinkersCopy() {
    long[] failing = {50, 60};

    long[] shrunk =
        new Shrinker()
            .shrink(
                failing,
                s -> {
                  boolean fails = SUM_OVER_100.test(s);
                  Arrays.fill(s, 0);
                  return fails;
                })
            .choices();

    assertThat(LongStream.of(shrunk).sum()).isEqualTo(101);
    assertThat(failing).containsExactly(50, 60);
  }

  /**
   * Zeroing a stretch keeps every later choice where it was, so a failure that depends on a choice
   * at a fixed position in a long run (an event at a given time) shrinks to that one choice within
   * a budget that deleting chunks, which shifts it, could never meet.
   */
  @Test
  void zeroingChunks_keepsLaterChoicesInPlace_andShrinksFastOnALongRun() {
    long[] failing = new long[10_000];
    Arrays.fill(failing, 5);
    Predicate<long[]> needsChoice5000 = s -> s.length > 5000 && s[5000] != 0;

    ShrinkResult result = new Shrinker(60).shrink(failing, needsChoice5000);

    assertThat(result.nonZeroChoices()).isEqualTo(1);
    assertThat(result.choices()[5000]).isNotZero();
  }
}
