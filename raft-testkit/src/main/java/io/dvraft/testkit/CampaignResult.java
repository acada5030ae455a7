package io.dvraft.testkit;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The outcome of a campaign: how many seeds ran, which failed, and totals.
 *
 * @param scenario the scenario (its seed is the first seed)
 * @param seeds how many seeds ran
 * @param failures the failing seeds, in seed order
 * @param totals the runs' statistics added up
 * @param inconclusive how many runs' linearizability checks ran out of budget
 * @param elapsed the wall-clock time the campaign took
 */
public record CampaignResult(
    Scenario scenario,
    int seeds,
    List<CampaignFailure> failures,
    RunStats totals,
    int inconclusive,
    Duration elapsed) {

  /**
   * Checks that nothing is null and freezes the list.
   *
   * @param scenario the scenario (its seed is the first seed)
   * @param seeds how many seeds ran
   * @param failures the failing seeds, in seed order
   * @param totals the runs' statistics added up
   * @param inconclusive how many runs' linearizability checks ran out of budget
   * @param elapsed the wall-clock time the campaign took
   */
  public CampaignResult {
    Objects.requireNonNull(scenario, "scenario");
    failures = List.copyOf(failures);
    Objects.requireNonNull(totals, "totals");
    Objects.requireNonNull(elapsed, "elapsed");
  }

  /**
   * Says whether every seed passed.
   *
   * @return true if there is no failure
   */
  public boolean passed() {
    return failures.isEmpty();
  }

  /**
   * Counts failures per invariant.
   *
   * @return invariant name to number of failing seeds, sorted by name
   */
  public Map<String, Integer> failuresByInvariant() {
    Map<String, Integer> out = new TreeMap<>();
    for (CampaignFailure f : failures) {
      out.merge(f.violation().invariant(), 1, Integer::sum);
    }
    return out;
  }

  /**
   * Throws if any seed failed, with every failing seed, its violation, and its replay file and
   * command in the message.
   *
   * @return this result, to chain
   * @throws AssertionError if a seed failed
   */
  public CampaignResult assertNoViolations() {
    if (failures.isEmpty()) {
      return this;
    }
    StringBuilder text = new StringBuilder();
    text.append("dvraft campaign: ")
        .append(failures.size())
        .append(" of ")
        .append(seeds)
        .append(" seeds violated invariants ")
        .append(failuresByInvariant());
    for (CampaignFailure f : failures) {
      text.append("\n  ").append(f.describe());
    }
    throw new AssertionError(text.toString());
  }
}
