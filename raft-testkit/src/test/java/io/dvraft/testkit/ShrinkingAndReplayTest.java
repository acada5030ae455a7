package io.dvraft.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dvraft.raft.NodeId;
import io.dvraft.raft.Output;
import io.dvraft.raft.RaftEvent;
import io.dvraft.raft.Role;
import io.dvraft.testkit.check.AbstractInvariant;
import io.dvraft.testkit.check.NodeView;
import io.dvraft.testkit.check.ViolationSink;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failing run shrinks to a smaller choice sequence that fails the same way, is saved as a replay
 * file, and replays exactly. The failure here is designed: a property that does not hold for Raft
 * under faults, "leadership never moves".
 */
class ShrinkingAndReplayTest {

  /** Fails as soon as a second node becomes leader. */
  static final class LeadershipNeverMoves extends AbstractInvariant {
    private NodeId first;

    LeadershipNeverMoves(ViolationSink sink) {
      super("leadership-never-moves", sink);
    }

    @Override
    public void onBatch(long tick, NodeView node, Output batch) {
      for (RaftEvent e : batch.events()) {
        if (e instanceof RaftEvent.StateChanged s && s.role() == Role.LEADER) {
          if (first == null) {
            first = node.id();
          } else if (!first.equals(node.id())) {
            violated(tick, node.id() + " took over from " + first);
          }
        }
      }
    }
  }

  private static final Scenario SCENARIO =
      new Scenario(
          3,
          400,
          300,
          250,
          new FaultRates(1, 3, 0.05, 0.02, true, 0.01, 0.01, 0.01, 0.01, 0.5, 5, 40, 30),
          false,
          WorkloadRates.DEFAULT.withoutOperator(),
          ClusterSettings.DEFAULT,
          5);

  private static final Simulation SIMULATION =
      Simulation.of(SCENARIO).withInvariant(LeadershipNeverMoves::new);

  private static long nonZero(long[] choices) {
    return Arrays.stream(choices).filter(c -> c != 0).count();
  }

  @Test
  void shrinkingKeepsTheFailureAndMakesTheRunSmaller() {
    RunResult failing = SIMULATION.run();
    assertThat(failing.firstViolation())
        .hasValueSatisfying(v -> assertThat(v.invariant()).isEqualTo("leadership-never-moves"));

    FailureShrinker.Shrunk shrunk = new FailureShrinker(SIMULATION, 300).shrink(failing);

    assertThat(shrunk.shrunk().firstViolation())
        .hasValueSatisfying(v -> assertThat(v.invariant()).isEqualTo("leadership-never-moves"));
    assertThat(shrunk.shrunk().scenario().durationTicks())
        .isLessThanOrEqualTo(SCENARIO.durationTicks());
    // What a person reads is the non-zero choices (each makes something unusual happen): shrinking
    // zeroes first, so that measure falls by far more than the length does.
    assertThat(shrunk.stats().finalLength()).isLessThan(failing.choices().length);
    assertThat(nonZero(shrunk.shrunk().choices())).isLessThan(nonZero(failing.choices()) / 20);
    assertThat(faults(shrunk.shrunk())).isLessThan(faults(failing));
  }

  /** Fails when a leader is elected after tick 1300: a failure late in a long run. */
  static final class LateElection extends AbstractInvariant {
    LateElection(ViolationSink sink) {
      super("late-election", sink);
    }

    @Override
    public void onBatch(long tick, NodeView node, Output batch) {
      for (RaftEvent e : batch.events()) {
        if (tick > 1300 && e instanceof RaftEvent.StateChanged s && s.role() == Role.LEADER) {
          violated(tick, node.id() + " elected at tick " + tick);
        }
      }
    }
  }

  /**
   * Deleting choices from a long run shifts every later choice onto another decision, which used to
   * leave shrunk runs of late failures about as busy as the original (2,816 non-zero choices became
   * 1,127, and 14 faults 141). Zeroing stretches of choices first keeps the rest of the run in
   * place and cuts the non-zero choices by an order of magnitude at least (measured here: to
   * between 18 and 179, depending on the raft-core version). Fault counts usually drop too, but
   * not always: the deletions that follow can still shift a choice onto a fault.
   */
  @Test
  void shrinkingALateFailure_cutsTheNonZeroChoicesByAnOrderOfMagnitude() {
    Simulation sim = Simulation.of(Scenario.swarmDefaults().withSeed(6))
        .withInvariant(LateElection::new);
    RunResult failing = sim.run();
    assertThat(failing.firstViolation())
        .hasValueSatisfying(v -> assertThat(v.invariant()).isEqualTo("late-election"));

    FailureShrinker.Shrunk shrunk = new FailureShrinker(sim, 400).shrink(failing);

    assertThat(shrunk.shrunk().firstViolation())
        .hasValueSatisfying(v -> assertThat(v.invariant()).isEqualTo("late-election"));
    assertThat(shrunk.stats().nonZeroChoices()).isLessThan((int) nonZero(failing.choices()) / 10);
  }

  private static long faults(RunResult run) {
    return run.stats().crashes() + run.stats().partitions() + run.stats().pauses()
        + run.stats().clogs();
  }

  @Test
  void aReplayFileReRunsTheShrunkRunExactly(@TempDir Path dir) throws Exception {
    FailureShrinker.Shrunk shrunk = new FailureShrinker(SIMULATION, 100).shrink(SIMULATION.run());
    Path file = dir.resolve("failure.replay");

    Replay.of(shrunk.shrunk(), "designed failure").write(file);
    Replay read = Replay.read(file);
    RunResult again = read.run(SIMULATION);

    assertThat(read.scenario()).isEqualTo(shrunk.shrunk().scenario());
    assertThat(read.invariant()).hasValue("leadership-never-moves");
    assertThat(again.traceHash())
        .isEqualTo(shrunk.shrunk().traceHash())
        .isEqualTo(read.traceHash().orElseThrow());
    assertThat(again.firstViolation()).isEqualTo(shrunk.shrunk().firstViolation());
  }

  @Test
  void aFailingCampaignNamesTheSeedAndTheReplayFileInItsAssertion(@TempDir Path dir) {
    CampaignResult result =
        Campaign.of(SIMULATION).seeds(3).shrinkAttempts(20).replayDirectory(dir).run();

    assertThat(result.failures()).isNotEmpty();
    CampaignFailure failure = result.failures().get(0);
    assertThat(failure.replayFile()).hasValueSatisfying(p -> assertThat(p).exists());
    assertThatThrownBy(result::assertNoViolations)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("seed " + failure.seed())
        .hasMessageContaining("leadership-never-moves")
        .hasMessageContaining(failure.replayFile().orElseThrow().toString())
        .hasMessageContaining("java -jar raft-testkit/target/dvraft-sim.jar --replay ");
  }
}
