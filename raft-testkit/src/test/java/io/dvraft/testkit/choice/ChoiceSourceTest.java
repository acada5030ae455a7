package io.dvraft.testkit.choice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How choices are generated, recorded and replayed. */
class ChoiceSourceTest {

  /** The first ten {@code nextInt(100)} of seed 42; a change here breaks every saved seed. */
  private static final long[] PINNED_SEED_42 = {6, 45, 29, 82, 25, 31, 62, 54, 2, 87};

  /** Draws one of everything, so replay can be compared value by value. */
  private static List<Object> drawMixed(ChoiceSource source) {
    List<Object> values = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      values.add(source.nextInt(10));
      values.add(source.nextInt(-5, 5));
      values.add(source.nextLong(1_000_000_000_000L));
      values.add(source.chance(0.3));
      values.add(source.nextBoolean());
      values.add(source.nextDouble());
      values.add(source.pick(List.of("a", "b", "c")));
    }
    return values;
  }

  @Test
  void theGeneratorIsSplitMix64AsPublished() {
    SplitMix64 generator = new SplitMix64(0);

    assertThat(generator.nextLong()).isEqualTo(0xE220A8397B1DCDAFL);
    assertThat(generator.nextLong()).isEqualTo(0x6E789E6AA1B965F4L);
    assertThat(generator.nextLong()).isEqualTo(0x06C45D188009454FL);
  }

  @Test
  void aSeedGivesTheSameChoicesOnEveryRunAndEveryJdk() {
    ChoiceSource source = ChoiceSource.fromSeed(42);
    long[] firstTen = new long[10];
    for (int i = 0; i < firstTen.length; i++) {
      firstTen[i] = source.nextInt(100);
    }

    assertThat(firstTen).containsExactly(PINNED_SEED_42);
  }

  @Test
  void differentSeedsGiveDifferentChoices() {
    assertThat(drawMixed(ChoiceSource.fromSeed(1)))
        .isNotEqualTo(drawMixed(ChoiceSource.fromSeed(2)));
  }

  @Test
  void replayingTheRecordedSequenceReproducesEveryChoice() {
    ChoiceSource generating = ChoiceSource.fromSeed(7);
    List<Object> generated = drawMixed(generating);

    ChoiceSource replaying = ChoiceSource.replay(generating.recorded());

    assertThat(drawMixed(replaying)).isEqualTo(generated);
    assertThat(replaying.recorded()).containsExactly(generating.recorded());
  }

  @Test
  void eachChoiceIsRecordedAsTheValueChosen() {
    ChoiceSource source = ChoiceSource.fromSeed(3);
    int a = source.nextInt(10);
    boolean b = source.chance(0.5);
    int c = source.nextInt(5, 8);
    String d = source.pick(List.of("x", "y", "z"));

    assertThat(source.recorded())
        .containsExactly(a, b ? 1 : 0, c - 5, List.of("x", "y", "z").indexOf(d));
  }

  @Test
  void pastTheEndOfTheSequenceEveryChoiceIsTheSimplestValue() {
    ChoiceSource source = ChoiceSource.replay(new long[0]);

    assertThat(source.nextInt(10)).isZero();
    assertThat(source.nextInt(3, 9)).isEqualTo(3);
    assertThat(source.nextLong(99)).isZero();
    assertThat(source.chance(0.9)).isFalse();
    assertThat(source.nextBoolean()).isFalse();
    assertThat(source.nextDouble()).isZero();
    assertThat(source.pick(List.of("first", "second"))).isEqualTo("first");
  }

  @Test
  void anyLongIsReducedIntoTheRangeAsked() {
    ChoiceSource source =
        ChoiceSource.replay(new long[] {-1, Long.MAX_VALUE, Long.MIN_VALUE, 23, 5});

    assertThat(source.nextInt(10)).isBetween(0, 9);
    assertThat(source.nextLong(7)).isBetween(0L, 6L);
    assertThat(source.nextDouble()).isBetween(0.0, 1.0).isNotEqualTo(1.0);
    assertThat(source.nextInt(10)).isEqualTo(3);
    assertThat(source.chance(0.5)).isTrue();
  }

  @Test
  void aCertainOrImpossibleChanceStillConsumesOneChoiceAndIgnoresItsValue() {
    ChoiceSource source = ChoiceSource.replay(new long[] {0, 1, 9});

    assertThat(source.chance(1.0)).isTrue();
    assertThat(source.chance(0.0)).isFalse();
    assertThat(source.nextInt(10)).isEqualTo(9);
    assertThat(source.recorded()).containsExactly(1, 0, 9);
  }

  @Test
  void replayRecordsTheSequenceAsConsumedReducedAndPadded() {
    ChoiceSource source = ChoiceSource.replay(new long[] {12, 4, 99});

    source.nextInt(10);
    source.nextInt(10);
    source.nextInt(10);
    source.nextInt(10);

    assertThat(source.recorded()).containsExactly(2, 4, 9, 0);
    assertThat(source.choicesMade()).isEqualTo(4);
  }

  @Test
  void aReplayedSequenceIsCopiedSoLaterChangesToTheArrayDoNotLeakIn() {
    long[] choices = {5};
    ChoiceSource source = ChoiceSource.replay(choices);
    choices[0] = 6;

    assertThat(source.nextInt(10)).isEqualTo(5);
  }

  @Test
  void aChanceComesTrueAboutAsOftenAsItsProbability() {
    ChoiceSource source = ChoiceSource.fromSeed(11);
    int hits = 0;
    for (int i = 0; i < 10_000; i++) {
      hits += source.chance(0.3) ? 1 : 0;
    }

    assertThat(hits).isBetween(2_800, 3_200);
  }

  @Test
  void emptyRangesAndBadProbabilitiesAreRejected() {
    ChoiceSource source = ChoiceSource.fromSeed(0);

    assertThatThrownBy(() -> source.nextInt(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> source.nextInt(4, 4)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> source.chance(1.5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> source.chance(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> source.pick(List.of())).isInstanceOf(IllegalArgumentException.class);
  }
}
