package io.dvraft.testkit.linearizability;

import java.util.Objects;

/**
 * One client operation as a test recorded it: who called it, when it was called and when it
 * returned (in logical ticks), what it asked for and what it got back.
 *
 * <p>An operation that never returned (the client timed out, crashed or the run ended) is
 * <em>pending</em>: its {@code returnTime} is {@link #PENDING} and its output is {@code null}. A
 * pending operation may have taken effect at any moment after its call, or never; the checker tries
 * both.
 *
 * <p>Two operations overlap unless one returned strictly before the other was called: an operation
 * returning at tick {@code t} and one called at the same tick {@code t} count as concurrent. Ticks
 * are coarse, so this is the reading that never reports a violation the run did not have.
 *
 * @param clientId the client that issued the operation; only used in messages
 * @param callTime the tick at which the client called the operation
 * @param returnTime the tick at which the result reached the client, or {@link #PENDING}
 * @param input what the operation asked for, model-specific, not null
 * @param output what the operation returned, model-specific; may be null (for example when a model
 *     ignores the output of writes), and must be null for a pending operation
 * @param <I> the model's input type
 * @param <O> the model's output type
 */
public record Operation<I, O>(int clientId, long callTime, long returnTime, I input, O output) {

  /** The return time of an operation that never returned. */
  public static final long PENDING = Long.MAX_VALUE;

  /**
   * Checks the operation.
   *
   * @param clientId the client that issued the operation
   * @param callTime when it was called
   * @param returnTime when it returned, or {@link #PENDING}
   * @param input what it asked for
   * @param output what it returned, null if pending
   * @throws IllegalArgumentException if it returned before it was called, if it was called at
   *     {@link #PENDING}, or if a pending operation has an output
   */
  public Operation {
    Objects.requireNonNull(input, "input");
    if (callTime == PENDING) {
      throw new IllegalArgumentException("call time must be before PENDING");
    }
    if (returnTime < callTime) {
      throw new IllegalArgumentException(
          "operation returned at " + returnTime + " before its call at " + callTime);
    }
    if (returnTime == PENDING && output != null) {
      throw new IllegalArgumentException("a pending operation has no output, got " + output);
    }
  }

  /**
   * Returns an operation that returned to its client.
   *
   * @param clientId the client that issued it
   * @param callTime when it was called
   * @param returnTime when it returned, not before {@code callTime}
   * @param input what it asked for
   * @param output what it returned
   * @param <I> the input type
   * @param <O> the output type
   * @return the operation
   */
  public static <I, O> Operation<I, O> completed(
      int clientId, long callTime, long returnTime, I input, O output) {
    return new Operation<>(clientId, callTime, returnTime, input, output);
  }

  /**
   * Returns an operation that never returned, so may or may not have taken effect.
   *
   * @param clientId the client that issued it
   * @param callTime when it was called
   * @param input what it asked for
   * @param <I> the input type
   * @param <O> the output type
   * @return the pending operation
   */
  public static <I, O> Operation<I, O> pending(int clientId, long callTime, I input) {
    return new Operation<>(clientId, callTime, PENDING, input, null);
  }

  /**
   * Tells whether the operation never returned.
   *
   * @return true if the return time is {@link #PENDING}
   */
  public boolean isPending() {
    return returnTime == PENDING;
  }

  @Override
  public String toString() {
    if (isPending()) {
      return "client " + clientId + ": " + input + " -> ? [" + callTime + ", pending]";
    }
    String result = output == null ? "" : " -> " + output;
    return "client " + clientId + ": " + input + result + " [" + callTime + ", " + returnTime + "]";
  }
}
