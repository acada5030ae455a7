package io.dvraft.testkit;

import io.dvraft.testkit.check.InvariantFactory;
import io.dvraft.testkit.sim.NodeFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a scenario over many seeds and reports the failing ones, shrunk and saved as replay files.
 *
 * <pre>{@code
 * @Test
 * void campaign() {
 *   Campaign.of(Scenario.swarmDefaults()).seeds(300).run().assertNoViolations();
 * }
 * }</pre>
 *
 * <p>Seeds run from the scenario's seed upwards. Two system properties override the code, so a
 * test's campaign can be made longer from the command line: {@code dvraft.campaign.seeds} (how
 * many) and {@code dvraft.campaign.firstSeed}. Runs are independent and deterministic, so they run
 * on several threads and the result does not depend on how many. Immutable: each setter returns a
 * new campaign.
 */
public final class Campaign {

  /** The system property that overrides the number of seeds. */
  public static final String SEEDS_PROPERTY = "dvraft.campaign.seeds";

  /** The system property that overrides the first seed. */
  public static final String FIRST_SEED_PROPERTY = "dvraft.campaign.firstSeed";

  private final Simulation simulation;
  private final int seeds;
  private final int shrinkAttempts;
  private final int shrinkFailures;
  private final Path replayDirectory;
  private final int threads;
  private final CampaignListener listener;

  private Campaign(
      Simulation simulation,
      int seeds,
      int shrinkAttempts,
      int shrinkFailures,
      Path replayDirectory,
      int threads,
      CampaignListener listener) {
    this.simulation = simulation;
    this.seeds = seeds;
    this.shrinkAttempts = shrinkAttempts;
    this.shrinkFailures = shrinkFailures;
    this.replayDirectory = replayDirectory;
    this.threads = threads;
    this.listener = listener;
  }

  /**
   * Returns a campaign of 100 seeds of the scenario, with plain Raft nodes and the standard
   * invariants, shrinking the first failure.
   *
   * @param scenario the scenario; its seed is the first seed
   * @return the campaign
   */
  public static Campaign of(Scenario scenario) {
    return of(Simulation.of(scenario));
  }

  /**
   * Returns a campaign of 100 seeds of a simulation (with its nodes and invariants).
   *
   * @param simulation the simulation; its scenario's seed is the first seed
   * @return the campaign
   */
  public static Campaign of(Simulation simulation) {
    return new Campaign(
        simulation,
        100,
        FailureShrinker.DEFAULT_ATTEMPTS,
        1,
        defaultReplayDirectory(),
        Runtime.getRuntime().availableProcessors(),
        (d, t, r) -> {});
  }

  private static Path defaultReplayDirectory() {
    Path target = Path.of("target");
    return Files.isDirectory(target)
        ? target.resolve("dvraft-replays")
        : Path.of(System.getProperty("java.io.tmpdir"), "dvraft-replays");
  }

  /**
   * Sets how many seeds to run (the {@value #SEEDS_PROPERTY} system property wins).
   *
   * @param count the number of seeds, at least 1
   * @return the campaign
   */
  public Campaign seeds(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("seeds must be at least 1");
    }
    return new Campaign(
        simulation, count, shrinkAttempts, shrinkFailures, replayDirectory, threads, listener);
  }

  /**
   * Sets the shrinking budget: how many replays to try per failure; 0 turns shrinking off.
   *
   * @param attempts the budget
   * @return the campaign
   */
  public Campaign shrinkAttempts(int attempts) {
    return new Campaign(
        simulation, seeds, attempts, shrinkFailures, replayDirectory, threads, listener);
  }

  /**
   * Sets how many failures (the first ones by seed) are shrunk; the others get a replay file of
   * their full run.
   *
   * @param count the number of failures to shrink
   * @return the campaign
   */
  public Campaign shrinkFailures(int count) {
    return new Campaign(
        simulation, seeds, shrinkAttempts, count, replayDirectory, threads, listener);
  }

  /**
   * Sets where replay files go (default {@code target/dvraft-replays} if there is a {@code target}
   * directory, else the temporary directory).
   *
   * @param directory the directory; created if missing
   * @return the campaign
   */
  public Campaign replayDirectory(Path directory) {
    return new Campaign(
        simulation,
        seeds,
        shrinkAttempts,
        shrinkFailures,
        Objects.requireNonNull(directory, "directory"),
        threads,
        listener);
  }

  /**
   * Sets how many threads run seeds (default: one per processor).
   *
   * @param count threads, at least 1
   * @return the campaign
   */
  public Campaign threads(int count) {
    return new Campaign(
        simulation,
        seeds,
        shrinkAttempts,
        shrinkFailures,
        replayDirectory,
        Math.max(1, count),
        listener);
  }

  /**
   * Sets a progress listener.
   *
   * @param value the listener
   * @return the campaign
   */
  public Campaign listener(CampaignListener value) {
    return new Campaign(
        simulation,
        seeds,
        shrinkAttempts,
        shrinkFailures,
        replayDirectory,
        threads,
        Objects.requireNonNull(value, "listener"));
  }

  /**
   * Drives nodes from another factory.
   *
   * @param factory the factory
   * @return the campaign
   */
  public Campaign nodes(NodeFactory factory) {
    return new Campaign(
        simulation.withNodes(factory),
        seeds,
        shrinkAttempts,
        shrinkFailures,
        replayDirectory,
        threads,
        listener);
  }

  /**
   * Adds an invariant.
   *
   * @param invariant creates it for each run
   * @return the campaign
   */
  public Campaign invariant(InvariantFactory invariant) {
    return new Campaign(
        simulation.withInvariant(invariant),
        seeds,
        shrinkAttempts,
        shrinkFailures,
        replayDirectory,
        threads,
        listener);
  }

  /**
   * Runs the campaign.
   *
   * @return the result; call {@link CampaignResult#assertNoViolations()} in a test
   */
  public CampaignResult run() {
    int count = Integer.getInteger(SEEDS_PROPERTY, seeds);
    long first = Long.getLong(FIRST_SEED_PROPERTY, simulation.scenario().seed());
    long start = System.nanoTime();
    List<RunResult> runs = runAll(first, count);
    RunStats totals = RunStats.ZERO;
    int inconclusive = 0;
    List<CampaignFailure> failures = new ArrayList<>();
    for (RunResult run : runs) {
      totals = totals.plus(run.stats());
      if (run.invariants().getOrDefault("linearizability", "").startsWith("inconclusive")) {
        inconclusive++;
      }
      if (!run.passed()) {
        failures.add(report(run, failures.size() < shrinkFailures && shrinkAttempts > 0));
      }
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    return new CampaignResult(
        simulation.scenario().withSeed(first), count, failures, totals, inconclusive, elapsed);
  }

  private List<RunResult> runAll(long first, int count) {
    AtomicInteger done = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.min(threads, count),
            r -> {
              Thread t = new Thread(r, "dvraft-campaign");
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<RunResult>> futures = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        Scenario scenario = simulation.scenario().withSeed(first + i);
        futures.add(
            pool.submit(
                () -> {
                  RunResult run = simulation.withScenario(scenario).run();
                  listener.runFinished(done.incrementAndGet(), count, run);
                  return run;
                }));
      }
      List<RunResult> runs = new ArrayList<>();
      for (Future<RunResult> f : futures) {
        runs.add(f.get());
      }
      return runs;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("campaign interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a run crashed the simulator", e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private CampaignFailure report(RunResult run, boolean shrink) {
    long seed = run.scenario().seed();
    Optional<FailureShrinker.Shrunk> shrunk = Optional.empty();
    RunResult toSave = run;
    if (shrink) {
      FailureShrinker.Shrunk s = new FailureShrinker(simulation, shrinkAttempts).shrink(run);
      shrunk = Optional.of(s);
      toSave = s.shrunk();
    }
    String invariant = run.firstViolation().orElseThrow().invariant();
    String description =
        "seed "
            + seed
            + " violated "
            + invariant
            + shrunk
                .map(
                    s ->
                        ", shrunk from "
                            + s.stats().originalLength()
                            + " to "
                            + s.stats().finalLength()
                            + " choices ("
                            + s.stats().nonZeroChoices()
                            + " not zero)")
                .orElse("");
    Path file = replayDirectory.resolve("seed-" + seed + "-" + invariant + ".replay");
    try {
      Files.createDirectories(replayDirectory);
      Replay.of(toSave, description).write(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the replay file " + file, e);
    }
    return new CampaignFailure(seed, run, shrunk, Optional.of(file));
  }
}
