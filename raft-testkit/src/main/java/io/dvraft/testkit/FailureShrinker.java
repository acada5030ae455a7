package io.dvraft.testkit;

import io.dvraft.testkit.check.Violation;
import io.dvraft.testkit.choice.ShrinkResult;
import io.dvraft.testkit.choice.Shrinker;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Shrinks a failing run, keeping only candidates whose replay still violates the same invariant as
 * the original's first violation. First it bisects the fault phase down to the shortest that still
 * fails with the same choices (the shrunk run's scenario may therefore be shorter than the
 * original's); then it tries each set-up choice at zero (in swarm mode that switches a whole kind
 * of fault off); then it delta-debugs the whole choice sequence with the {@link Shrinker}. Since a
 * zero choice means "nothing unusual" everywhere in the simulator, what survives is what the
 * failure needs.
 */
public final class FailureShrinker {

  /**
   * How many choices at the start of a run set it up rather than happen during it (the swarm's
   * fault mix, the timing salt): they are tried at zero first, which switches a whole kind of fault
   * off in one replay.
   */
  static final int SETUP_CHOICES = 24;

  /** The attempt budget of {@link #FailureShrinker(Simulation)}. */
  public static final int DEFAULT_ATTEMPTS = 400;

  private final Simulation simulation;
  private final int attempts;

  /**
   * Creates a shrinker with the {@linkplain #DEFAULT_ATTEMPTS default budget}.
   *
   * @param simulation the simulation the failure came from (nodes and invariants)
   */
  public FailureShrinker(Simulation simulation) {
    this(simulation, DEFAULT_ATTEMPTS);
  }

  /**
   * Creates a shrinker.
   *
   * @param simulation the simulation the failure came from (nodes and invariants)
   * @param attempts the most replays to try
   */
  public FailureShrinker(Simulation simulation, int attempts) {
    this.simulation = Objects.requireNonNull(simulation, "simulation");
    this.attempts = attempts;
  }

  /**
   * The outcome of shrinking.
   *
   * @param original the failing run
   * @param shrunk the replay of the smallest failing choice sequence found (its scenario may have a
   *     shorter fault phase than the original's)
   * @param stats what the shrinker did
   */
  public record Shrunk(RunResult original, RunResult shrunk, ShrinkResult stats) {}

  /**
   * Shrinks a failing run.
   *
   * @param failing a run with at least one violation
   * @return the shrunk run
   * @throws IllegalArgumentException if the run did not fail
   */
  public Shrunk shrink(RunResult failing) {
    Violation target =
        failing
            .firstViolation()
            .orElseThrow(() -> new IllegalArgumentException("the run did not fail"));
    long[] start = failing.choices();
    Scenario scenario = failing.scenario();
    int spent = 0;
    // 1. The shortest fault phase that still fails, replaying the same choices.
    int lo = 0;
    int hi = scenario.durationTicks();
    RunResult shortest = failing;
    while (lo < hi && spent < attempts / 8) {
      int mid = (lo + hi) >>> 1;
      spent++;
      RunResult run = simulation.withScenario(scenario.withDuration(mid)).replay(start);
      if (sameFailure(run.firstViolation(), target)) {
        hi = mid;
        shortest = run;
      } else {
        lo = mid + 1;
      }
    }
    scenario = shortest.scenario();
    start = shortest.choices();
    Simulation sim = simulation.withScenario(scenario);
    Predicate<long[]> stillFails =
        candidate -> sameFailure(sim.replay(candidate).firstViolation(), target);
    // 2. Set-up choices at zero: whole kinds of fault switched off.
    for (int i = 0; i < Math.min(SETUP_CHOICES, start.length) && spent < attempts / 4; i++) {
      if (start[i] != 0) {
        long[] candidate = start.clone();
        candidate[i] = 0;
        spent++;
        if (stillFails.test(candidate)) {
          start = candidate;
        }
      }
    }
    // 3. Delta debugging of the whole sequence.
    ShrinkResult generic = new Shrinker(Math.max(1, attempts - spent)).shrink(start, stillFails);
    ShrinkResult result =
        new ShrinkResult(
            generic.choices(),
            generic.attempts() + spent,
            failing.choices().length,
            generic.budgetExhausted());
    RunResult shrunk = sim.replay(result.choices());
    return new Shrunk(failing, shrunk, result);
  }

  private static boolean sameFailure(Optional<Violation> seen, Violation target) {
    return seen.isPresent() && seen.get().invariant().equals(target.invariant());
  }
}
