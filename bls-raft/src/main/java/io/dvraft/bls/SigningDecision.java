package io.dvraft.bls;

import java.util.Objects;

/**
 * A {@link SigningPolicy}'s answer: sign, or refuse with a reason.
 *
 * @param allowed whether the node may sign
 * @param reason why not, empty when allowed
 */
public record SigningDecision(boolean allowed, String reason) {

  /** The answer that lets the node sign. */
  public static final SigningDecision ALLOW = new SigningDecision(true, "");

  /**
   * Checks that a refusal has a reason.
   *
   * @param allowed whether the node may sign
   * @param reason why not, empty when allowed
   * @throws IllegalArgumentException if a refusal has an empty reason
   */
  public SigningDecision {
    Objects.requireNonNull(reason, "reason");
    if (!allowed && reason.isEmpty()) {
      throw new IllegalArgumentException("a refusal needs a reason");
    }
  }

  /**
   * Returns a refusal.
   *
   * @param reason why the node may not sign, for events and logs
   * @return the refusal
   */
  public static SigningDecision refuse(String reason) {
    return new SigningDecision(false, reason);
  }
}
