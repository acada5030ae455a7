package io.dvraft.testkit.choice;

import java.util.Arrays;

/**
 * The outcome of shrinking a failing choice sequence.
 *
 * @param choices the smallest failing sequence found
 * @param attempts how many times the predicate was run, including the initial check
 * @param originalLength the length of the sequence before shrinking
 * @param budgetExhausted true if shrinking stopped because it ran out of attempts, so the result
 *     may shrink further
 */
public record ShrinkResult(
    long[] choices, int attempts, int originalLength, boolean budgetExhausted) {

  /**
   * Copies the sequence so the result stays immutable.
   *
   * @param choices the smallest failing sequence found
   * @param attempts how many times the predicate was run
   * @param originalLength the length before shrinking
   * @param budgetExhausted whether the attempt budget ran out
   * @throws NullPointerException if {@code choices} is null
   */
  public ShrinkResult {
    choices = choices.clone();
  }

  /**
   * Returns a copy of the shrunk sequence.
   *
   * @return the choices
   */
  @Override
  public long[] choices() {
    return choices.clone();
  }

  /**
   * Returns the length of the shrunk sequence.
   *
   * @return the final length
   */
  public int finalLength() {
    return choices.length;
  }

  /**
   * Returns how many choices of the shrunk sequence are not zero: the decisions that make something
   * unusual happen (a fault, a delay, a client action), the measure a person reading the run cares
   * about.
   *
   * @return the count of non-zero choices
   */
  public int nonZeroChoices() {
    int count = 0;
    for (long c : choices) {
      if (c != 0) {
        count++;
      }
    }
    return count;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ShrinkResult that
        && Arrays.equals(choices, that.choices)
        && attempts == that.attempts
        && originalLength == that.originalLength
        && budgetExhausted == that.budgetExhausted;
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(choices) + Integer.hashCode(attempts) * 7 + originalLength;
  }

  @Override
  public String toString() {
    return "shrunk "
        + originalLength
        + " choices to "
        + choices.length
        + " in "
        + attempts
        + " attempts"
        + (budgetExhausted ? " (attempt budget exhausted)" : "")
        + ": "
        + Arrays.toString(choices);
  }
}
