package io.dvraft.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A run is a function of its scenario and its choices: same seed, same trace, byte for byte. */
class DeterminismTest {

  private static final Scenario SCENARIO = Scenario.swarmDefaults().withDuration(600);

  @Test
  void theSameSeedGivesTheSameTraceHash() {
    RunResult first = Simulation.of(SCENARIO.withSeed(42)).run();
    RunResult second = Simulation.of(SCENARIO.withSeed(42)).run();

    assertThat(second.traceHash()).isEqualTo(first.traceHash()).hasSize(64);
    assertThat(second.stats()).isEqualTo(first.stats());
    assertThat(second.choices()).isEqualTo(first.choices());
  }

  @Test
  void differentSeedsGiveDifferentRuns() {
    RunResult a = Simulation.of(SCENARIO.withSeed(1)).run();
    RunResult b = Simulation.of(SCENARIO.withSeed(2)).run();

    assertThat(a.traceHash()).isNotEqualTo(b.traceHash());
  }

  @Test
  void replayingTheRecordedChoicesReproducesTheRun() {
    RunResult original = Simulation.of(SCENARIO.withSeed(7)).run();

    RunResult replayed = Simulation.of(SCENARIO.withSeed(7)).replay(original.choices());

    assertThat(replayed.traceHash()).isEqualTo(original.traceHash());
    assertThat(replayed.stats()).isEqualTo(original.stats());
  }

  @Test
  void theReplaySeedDoesNotMatterOnlyTheChoicesDo() {
    RunResult original = Simulation.of(SCENARIO.withSeed(7)).run();

    RunResult replayed = Simulation.of(SCENARIO.withSeed(999)).replay(original.choices());

    assertThat(replayed.stats()).isEqualTo(original.stats());
  }

  @Test
  void swarmRunsDrawTheirOwnFaultMixFromTheirSeed() {
    long distinct =
        java.util.stream.LongStream.rangeClosed(1, 20)
            .mapToObj(
                seed -> Simulation.of(SCENARIO.withDuration(10).withSeed(seed)).run().faults())
            .distinct()
            .count();

    assertThat(distinct).isGreaterThan(15);
  }
}
