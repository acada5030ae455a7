package io.dvraft.testkit.check;

import io.dvraft.testkit.linearizability.CheckResult;
import io.dvraft.testkit.linearizability.KeyValueModel;
import io.dvraft.testkit.linearizability.LinearizabilityChecker;
import io.dvraft.testkit.linearizability.Operation;
import java.util.List;

/**
 * The client history is linearizable: the puts, appends and ReadIndex reads the workload recorded
 * (call and return ticks, values read) fit some sequential order of a key-value store that respects
 * real time. Checked once, at the end of the run, with a work budget: a history too hard to decide
 * within it is reported as inconclusive, not as a violation.
 */
public final class ReadLinearizability extends AbstractInvariant {

  /** The name violations carry. */
  public static final String NAME = "linearizability";

  /** The search budget used by {@link #ReadLinearizability(ViolationSink)}. */
  public static final long DEFAULT_BUDGET = 200_000;

  private final long budget;
  private String summary = "not run";

  /**
   * Creates the checker with the {@linkplain #DEFAULT_BUDGET default budget}.
   *
   * @param sink where to report
   */
  public ReadLinearizability(ViolationSink sink) {
    this(sink, DEFAULT_BUDGET);
  }

  /**
   * Creates the checker.
   *
   * @param sink where to report
   * @param budget the most search steps to spend
   */
  public ReadLinearizability(ViolationSink sink, long budget) {
    super(NAME, sink);
    this.budget = budget;
  }

  @Override
  public void onRunEnd(ClusterView cluster) {
    List<Operation<KeyValueModel.Input, String>> history = cluster.history();
    CheckResult<KeyValueModel.Input, String> result =
        LinearizabilityChecker.check(new KeyValueModel(), history, budget);
    switch (result.verdict()) {
      case LINEARIZABLE -> summary = "ok (" + history.size() + " operations)";
      case UNKNOWN ->
          summary = "inconclusive (" + history.size() + " operations, budget " + budget + " spent)";
      case NOT_LINEARIZABLE -> {
        summary = "VIOLATED";
        violated(cluster.tick(), result.explanation());
      }
    }
  }

  @Override
  public String summary() {
    return summary;
  }
}
