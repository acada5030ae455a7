package io.dvraft.testkit.linearizability;

import java.util.List;
import java.util.Objects;

/**
 * Decides whether a recorded history is linearizable with respect to a {@link Model}.
 *
 * <p>The search is the Wing–Gong depth-first search over the time-ordered list of call and return
 * events, with Lowe's memoization of (set of linearized operations, model state) pairs: it
 * repeatedly picks an operation whose call precedes every outstanding return, applies it to the
 * model, and backtracks when it meets the return of an operation it has not placed. Pending
 * operations have no return event, so they may be placed anywhere after their call, or left out.
 *
 * <p>The problem is NP-complete, so the search is bounded: each step (visiting one event) costs one
 * unit of a budget, and a search that exhausts it answers {@link CheckResult.Verdict#UNKNOWN}
 * instead of running on. Memory grows with the steps spent too (the memo holds one set of placed
 * operations per step that placed one), so the budget bounds both. Results never depend on hash
 * iteration order.
 */
public final class LinearizabilityChecker {

  /**
   * The budget {@link #check(Model, List)} uses: about a second of search at most. Histories of a
   * few hundred operations per part with a handful of concurrent clients need thousands of steps.
   */
  public static final long DEFAULT_BUDGET = 1_000_000L;

  private LinearizabilityChecker() {}

  /**
   * Checks a history with the {@linkplain #DEFAULT_BUDGET default budget}.
   *
   * @param model the sequential specification
   * @param history the recorded operations, in any order
   * @param <S> the model's state type
   * @param <I> the input type
   * @param <O> the output type
   * @return the verdict, with an explanation when it is not linearizable
   */
  public static <S, I, O> CheckResult<I, O> check(
      Model<S, I, O> model, List<Operation<I, O>> history) {
    return check(model, history, DEFAULT_BUDGET);
  }

  /**
   * Checks a history, spending at most {@code budget} search steps over all its parts.
   *
   * <p>The parts from {@link Model#partition} are checked in order; the first that is not
   * linearizable decides the verdict, and running out of budget stops the check with {@link
   * CheckResult.Verdict#UNKNOWN}.
   *
   * @param model the sequential specification
   * @param history the recorded operations, in any order
   * @param budget the most search steps to spend, at least 1
   * @param <S> the model's state type
   * @param <I> the input type
   * @param <O> the output type
   * @return the verdict, with an explanation when it is not linearizable or unknown
   */
  public static <S, I, O> CheckResult<I, O> check(
      Model<S, I, O> model, List<Operation<I, O>> history, long budget) {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(history, "history");
    if (budget < 1) {
      throw new IllegalArgumentException("budget must be at least 1: " + budget);
    }
    List<List<Operation<I, O>>> parts = model.partition(List.copyOf(history));
    long work = 0;
    for (int i = 0; i < parts.size(); i++) {
      List<Operation<I, O>> part = parts.get(i);
      Search.Outcome<S, I, O> outcome = new Search<>(model, part).run(budget - work);
      work += outcome.work();
      if (outcome.verdict() != CheckResult.Verdict.LINEARIZABLE) {
        String where =
            parts.size() == 1
                ? ""
                : " (in part "
                    + (i + 1)
                    + " of "
                    + parts.size()
                    + ", "
                    + part.size()
                    + " operations)";
        return new CheckResult<>(
            outcome.verdict(),
            outcome.prefix(),
            outcome.unplaced(),
            work,
            explain(outcome, where, budget));
      }
    }
    return new CheckResult<>(
        CheckResult.Verdict.LINEARIZABLE,
        List.of(),
        List.of(),
        work,
        "linearizable: " + history.size() + " operations in " + parts.size() + " part(s)");
  }

  private static <S, I, O> String explain(
      Search.Outcome<S, I, O> outcome, String where, long budget) {
    StringBuilder text = new StringBuilder();
    if (outcome.verdict() == CheckResult.Verdict.UNKNOWN) {
      text.append("unknown: the search used up its budget of ")
          .append(budget)
          .append(" steps")
          .append(where);
      if (outcome.prefix().isEmpty() && outcome.unplaced().isEmpty()) {
        return text.toString();
      }
      text.append("; deepest dead end so far:");
    } else {
      text.append("not linearizable").append(where).append(':');
    }
    text.append("\n  longest linearizable prefix (")
        .append(outcome.prefix().size())
        .append(" ops):");
    appendAll(text, outcome.prefix());
    text.append("\n  state after it: ").append(outcome.stateAfterPrefix());
    text.append("\n  none of these can be linearized next, yet the first has returned:");
    appendAll(text, outcome.unplaced());
    return text.toString();
  }

  private static void appendAll(StringBuilder text, List<? extends Operation<?, ?>> ops) {
    if (ops.isEmpty()) {
      text.append(" (none)");
    }
    for (Operation<?, ?> op : ops) {
      text.append("\n    ").append(op);
    }
  }
}
