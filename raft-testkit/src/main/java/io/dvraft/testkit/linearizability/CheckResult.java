package io.dvraft.testkit.linearizability;

import java.util.List;
import java.util.Objects;

/**
 * What the linearizability checker concluded about a history.
 *
 * <p>For a history that is not linearizable, {@code longestPrefix} and {@code unplaced} come from
 * the first independent part (see {@link Model#partition}) that failed: the longest sequence of
 * operations the search could linearize, and the operations that could have come next but none of
 * which is legal after that prefix, although one of them had already returned. {@code explanation}
 * says the same in words, for a failing test's message. For a linearizable history both lists are
 * empty.
 *
 * @param verdict the conclusion
 * @param longestPrefix the deepest linearization the search reached in the failing part, in order
 * @param unplaced the operations none of which could be linearized after {@code longestPrefix}
 * @param work the search steps spent, over all parts
 * @param explanation a human-readable account of the verdict
 * @param <I> the model's input type
 * @param <O> the model's output type
 */
public record CheckResult<I, O>(
    Verdict verdict,
    List<Operation<I, O>> longestPrefix,
    List<Operation<I, O>> unplaced,
    long work,
    String explanation) {

  /** The three possible conclusions. */
  public enum Verdict {
    /** Some real-time-respecting order of the operations is a legal sequential run. */
    LINEARIZABLE,
    /** No such order exists. */
    NOT_LINEARIZABLE,
    /** The search ran out of budget before it could decide. */
    UNKNOWN
  }

  /**
   * Checks and copies the result's parts.
   *
   * @param verdict the conclusion
   * @param longestPrefix the deepest linearization reached in the failing part
   * @param unplaced the operations that could not be linearized after it
   * @param work the search steps spent
   * @param explanation a human-readable account of the verdict
   * @throws NullPointerException if any part is null
   */
  public CheckResult {
    Objects.requireNonNull(verdict, "verdict");
    longestPrefix = List.copyOf(longestPrefix);
    unplaced = List.copyOf(unplaced);
    Objects.requireNonNull(explanation, "explanation");
  }

  /**
   * Tells whether the history was proven linearizable.
   *
   * @return true only for {@link Verdict#LINEARIZABLE}
   */
  public boolean isLinearizable() {
    return verdict == Verdict.LINEARIZABLE;
  }

  @Override
  public String toString() {
    return explanation;
  }
}
