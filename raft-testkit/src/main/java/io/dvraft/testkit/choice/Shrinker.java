package io.dvraft.testkit.choice;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Minimizes a failing choice sequence while keeping it failing.
 *
 * <p>Every accepted change makes the sequence shorter, or keeps its length and makes it
 * lexicographically smaller (as unsigned numbers), so shrinking always terminates and prefers what
 * {@link ChoiceSource} treats as simpler. The passes, repeated until a whole round changes nothing:
 *
 * <ol>
 *   <li>zero chunks of choices, halving the chunk size from half the sequence down to one: since
 *       {@link ChoiceSource} reads 0 as "nothing unusual", this removes faults and events over a
 *       stretch of the run without moving the choices after it, which would give them other
 *       meanings (deleting a chunk of a long run usually does, and can make it noisier);
 *   <li>delete chunks of choices, the same way (delta debugging; deleting the tail is just the last
 *       chunk);
 *   <li>for each choice, try 0, then binary-search the smallest value that still fails (which
 *       assumes, as is usual, that smaller values are not less likely to fail).
 * </ol>
 *
 * <p>The predicate is run at most {@code maxAttempts} times. Shrinking is deterministic for a
 * deterministic predicate.
 */
public final class Shrinker {

  /** The attempt budget of {@link #Shrinker()}. */
  public static final int DEFAULT_MAX_ATTEMPTS = 10_000;

  private final int maxAttempts;

  /** Creates a shrinker with the {@linkplain #DEFAULT_MAX_ATTEMPTS default budget}. */
  public Shrinker() {
    this(DEFAULT_MAX_ATTEMPTS);
  }

  /**
   * Creates a shrinker that runs the predicate at most {@code maxAttempts} times.
   *
   * @param maxAttempts the budget, at least 1 (the initial check)
   * @throws IllegalArgumentException if {@code maxAttempts} is below 1
   */
  public Shrinker(int maxAttempts) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
    }
    this.maxAttempts = maxAttempts;
  }

  /**
   * Shrinks a failing sequence.
   *
   * <p>The predicate is first run on {@code failing} itself, so that a flaky or mistaken failure is
   * reported rather than "shrunk".
   *
   * @param failing a sequence on which {@code stillFails} is true
   * @param stillFails true if running with the given sequence still fails; it must not keep or
   *     modify the array it is given
   * @return the smallest failing sequence found, with statistics
   * @throws IllegalArgumentException if {@code stillFails} is false on {@code failing}
   */
  public ShrinkResult shrink(long[] failing, Predicate<long[]> stillFails) {
    Objects.requireNonNull(failing, "failing");
    Objects.requireNonNull(stillFails, "stillFails");
    Run run = new Run(stillFails);
    long[] current = failing.clone();
    if (!run.fails(current)) {
      throw new IllegalArgumentException(
          "the sequence to shrink does not fail: " + Arrays.toString(failing));
    }
    boolean progress = true;
    while (progress && !run.exhausted()) {
      long[] before = current;
      current = zeroChunks(current, run);
      current = deleteChunks(current, run);
      current = simplifyValues(current, run);
      progress = !Arrays.equals(before, current);
    }
    return new ShrinkResult(current, run.attempts, failing.length, run.exhausted());
  }

  private static long[] zeroChunks(long[] current, Run run) {
    for (int size = Math.max(1, current.length / 2); size >= 1 && !run.exhausted(); size /= 2) {
      for (int start = 0; start < current.length && !run.exhausted(); start += size) {
        int end = Math.min(current.length, start + size);
        if (allZero(current, start, end)) {
          continue;
        }
        long[] candidate = current.clone();
        Arrays.fill(candidate, start, end, 0);
        if (run.fails(candidate)) {
          current = candidate;
        }
      }
    }
    return current;
  }

  private static boolean allZero(long[] values, int from, int to) {
    for (int i = from; i < to; i++) {
      if (values[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static long[] deleteChunks(long[] current, Run run) {
    for (int size = Math.max(1, current.length / 2); size >= 1; size /= 2) {
      int start = 0;
      while (start < current.length && !run.exhausted()) {
        int end = Math.min(current.length, start + size);
        long[] candidate = new long[current.length - (end - start)];
        System.arraycopy(current, 0, candidate, 0, start);
        System.arraycopy(current, end, candidate, start, current.length - end);
        if (run.fails(candidate)) {
          current = candidate; // the next chunk has slid into place: retry the same start
        } else {
          start += size;
        }
      }
    }
    return current;
  }

  private static long[] simplifyValues(long[] current, Run run) {
    for (int i = 0; i < current.length && !run.exhausted(); i++) {
      if (current[i] == 0) {
        continue;
      }
      long[] candidate = current.clone();
      candidate[i] = 0;
      if (run.fails(candidate)) {
        current = candidate;
        continue;
      }
      // Invariant: the value at lo passes, at hi fails. Unsigned, as ChoiceSource reads values.
      long lo = 0;
      long hi = current[i];
      while (Long.compareUnsigned(hi - lo, 1) > 0 && !run.exhausted()) {
        long mid = lo + ((hi - lo) >>> 1);
        candidate = current.clone();
        candidate[i] = mid;
        if (run.fails(candidate)) {
          hi = mid;
        } else {
          lo = mid;
        }
      }
      if (hi != current[i]) {
        current = current.clone();
        current[i] = hi;
      }
    }
    return current;
  }

  /** Counts predicate runs against the budget. */
  private final class Run {
    private final Predicate<long[]> stillFails;
    private int attempts;

    Run(Predicate<long[]> stillFails) {
      this.stillFails = stillFails;
    }

    boolean fails(long[] candidate) {
      attempts++;
      return stillFails.test(candidate.clone());
    }

    boolean exhausted() {
      return attempts >= maxAttempts;
    }
  }
}
