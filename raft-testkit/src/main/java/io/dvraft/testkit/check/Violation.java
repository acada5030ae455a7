package io.dvraft.testkit.check;

import java.util.Objects;

/**
 * A broken invariant: which one, when, and what was seen.
 *
 * @param invariant the invariant's {@linkplain Invariant#name() name}, for example {@code
 *     election-safety}; shrinking keeps a run failing on the same name
 * @param tick the logical tick at which it was detected
 * @param message what was seen, for a person
 */
public record Violation(String invariant, long tick, String message) {

  /**
   * Checks that nothing is null.
   *
   * @param invariant the invariant's {@linkplain Invariant#name() name}, for example {@code
   *     election-safety}; shrinking keeps a run failing on the same name
   * @param tick the logical tick at which it was detected
   * @param message what was seen, for a person
   */
  public Violation {
    Objects.requireNonNull(invariant, "invariant");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return invariant + " at tick " + tick + ": " + message;
  }
}
