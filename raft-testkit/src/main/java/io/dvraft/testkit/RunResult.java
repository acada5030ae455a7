package io.dvraft.testkit;

import io.dvraft.testkit.check.Violation;
import io.dvraft.testkit.sim.Timeline;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one simulation run.
 *
 * @param scenario the scenario run (with its seed)
 * @param faults the fault rates in force (drawn from the seed in swarm mode)
 * @param violations what broke, in the order detected; a run stops at its first violation
 * @param stats what the run did
 * @param traceHash the SHA-256 of the run's event trace, in hex; equal for equal runs
 * @param choices the choice sequence the run consumed; replaying it reproduces the run
 * @param invariants each invariant's one-line summary, by name, in checking order, then {@code
 *     liveness}
 * @param timeline the run's timeline, for reports
 * @param nodes the node factory's {@linkplain io.dvraft.testkit.sim.NodeFactory#properties()
 *     properties} (empty for plain Raft), which a replay needs to run the same nodes
 */
public record RunResult(
    Scenario scenario,
    FaultRates faults,
    List<Violation> violations,
    RunStats stats,
    String traceHash,
    long[] choices,
    Map<String, String> invariants,
    Timeline timeline,
    Map<String, String> nodes) {

  /**
   * Checks that nothing is null and freezes the collections.
   *
   * @param scenario the scenario run (with its seed)
   * @param faults the fault rates in force (drawn from the seed in swarm mode)
   * @param violations what broke, in the order detected; a run stops at its first violation
   * @param stats what the run did
   * @param traceHash the SHA-256 of the run's event trace, in hex; equal for equal runs
   * @param choices the choice sequence the run consumed; replaying it reproduces the run
   * @param invariants each invariant's one-line summary, by name, in checking order, then {@code
   *     liveness}
   * @param timeline the run's timeline, for reports
   * @param nodes the node factory's properties (empty for plain Raft)
   */
  public RunResult {
    Objects.requireNonNull(scenario, "scenario");
    Objects.requireNonNull(faults, "faults");
    violations = List.copyOf(violations);
    Objects.requireNonNull(stats, "stats");
    Objects.requireNonNull(traceHash, "traceHash");
    choices = choices.clone();
    invariants = Collections.unmodifiableMap(new LinkedHashMap<>(invariants));
    Objects.requireNonNull(timeline, "timeline");
    nodes = Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
  }

  /**
   * Returns a copy of the consumed choice sequence.
   *
   * @return the choices
   */
  @Override
  public long[] choices() {
    return choices.clone();
  }

  /**
   * Says whether every invariant held.
   *
   * @return true if there is no violation
   */
  public boolean passed() {
    return violations.isEmpty();
  }

  /**
   * Returns the first violation, the one shrinking preserves.
   *
   * @return the first violation, if any
   */
  public Optional<Violation> firstViolation() {
    return violations.isEmpty() ? Optional.empty() : Optional.of(violations.get(0));
  }
}
