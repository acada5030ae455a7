package io.dvraft.testkit.choice;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The only source of randomness in a simulation: every random decision is a choice that is
 * recorded, so the whole run is determined by the sequence of recorded choices.
 *
 * <p>A source either generates choices from a seed ({@link #fromSeed}) or replays a recorded
 * sequence ({@link #replay}). Either way, each choice is recorded as the value chosen (a draw from
 * {@code nextInt(10)} that returned 7 records 7), so a recorded sequence is readable and shrinking
 * a number shrinks the decision it stands for.
 *
 * <p>Replay accepts any {@code long[]}, which is what makes shrinking possible: a recorded number
 * is reduced into the range asked for (as an unsigned remainder), and a choice past the end of the
 * sequence is 0, the simplest value (0, false, the first element). A shortened or simplified
 * sequence therefore still drives a complete run, just a simpler one. Callers should arrange their
 * choices so that 0 means "nothing unusual" (no fault, shortest delay).
 *
 * <p>Not thread-safe: a simulation runs on one thread.
 */
public final class ChoiceSource {

  /** The 53 bits of a double's significand: the resolution of {@link #nextDouble()}. */
  private static final long DOUBLE_UNITS = 1L << 53;

  private final SplitMix64 generator;
  private final long[] replayed;
  private int position;
  private long[] recorded = new long[64];
  private int recordedCount;

  private ChoiceSource(SplitMix64 generator, long[] replayed) {
    this.generator = generator;
    this.replayed = replayed;
  }

  /**
   * Returns a source that generates choices from a seed and records them.
   *
   * @param seed the seed; equal seeds give equal choices on every JDK
   * @return a generating source
   */
  public static ChoiceSource fromSeed(long seed) {
    return new ChoiceSource(new SplitMix64(seed), null);
  }

  /**
   * Returns a source that replays a recorded choice sequence, and records it again as consumed.
   *
   * @param choices any sequence; values are reduced into range and missing ones are 0
   * @return a replaying source
   */
  public static ChoiceSource replay(long[] choices) {
    return new ChoiceSource(null, choices.clone());
  }

  /**
   * Returns a uniform choice in {@code [0, bound)}.
   *
   * @param bound the exclusive upper bound, at least 1
   * @return the choice
   * @throws IllegalArgumentException if {@code bound} is below 1
   */
  public int nextInt(int bound) {
    return (int) nextLong(bound);
  }

  /**
   * Returns a uniform choice in {@code [origin, bound)}; replaying 0 gives {@code origin}.
   *
   * @param origin the inclusive lower bound
   * @param bound the exclusive upper bound, above {@code origin}
   * @return the choice
   * @throws IllegalArgumentException if {@code bound <= origin}
   */
  public int nextInt(int origin, int bound) {
    if (bound <= origin) {
      throw new IllegalArgumentException("empty range [" + origin + ", " + bound + ")");
    }
    return (int) (origin + nextLong((long) bound - origin));
  }

  /**
   * Returns a uniform choice in {@code [0, bound)}.
   *
   * @param bound the exclusive upper bound, at least 1
   * @return the choice
   * @throws IllegalArgumentException if {@code bound} is below 1
   */
  public long nextLong(long bound) {
    if (bound < 1) {
      throw new IllegalArgumentException("bound must be at least 1: " + bound);
    }
    long value =
        generator != null
            ? generator.nextLong(bound)
            : Long.remainderUnsigned(nextReplayed(), bound);
    return record(value);
  }

  /**
   * Returns true with the given probability. The choice is recorded as 1 (true) or 0 (false).
   *
   * <p>A probability of 0 or 1 still consumes a choice, so that changing a scenario's probabilities
   * does not shift every later choice of a recorded sequence; such a choice replays as the fixed
   * answer whatever was recorded.
   *
   * @param probability the chance of true, in {@code [0, 1]}
   * @return the choice
   * @throws IllegalArgumentException if {@code probability} is outside {@code [0, 1]} or NaN
   */
  public boolean chance(double probability) {
    if (!(probability >= 0 && probability <= 1)) {
      throw new IllegalArgumentException("probability must be in [0, 1]: " + probability);
    }
    boolean value;
    if (generator != null) {
      value = generator.nextLong(DOUBLE_UNITS) < (long) Math.ceil(probability * DOUBLE_UNITS);
    } else {
      value = nextReplayed() != 0;
    }
    if (probability == 0) {
      value = false;
    } else if (probability == 1) {
      value = true;
    }
    record(value ? 1 : 0);
    return value;
  }

  /**
   * Returns true or false with equal probability.
   *
   * @return the choice
   */
  public boolean nextBoolean() {
    return chance(0.5);
  }

  /**
   * Returns a uniform choice in {@code [0, 1)}, in steps of 2<sup>-53</sup>. It is recorded as the
   * integer number of steps, so replaying 0 gives 0.0.
   *
   * @return the choice
   */
  public double nextDouble() {
    return nextLong(DOUBLE_UNITS) * 0x1.0p-53;
  }

  /**
   * Returns one element of a list, chosen uniformly; replaying 0 gives the first.
   *
   * @param options the elements to choose from, not empty
   * @param <T> the element type
   * @return the chosen element
   * @throws IllegalArgumentException if {@code options} is empty
   */
  public <T> T pick(List<T> options) {
    Objects.requireNonNull(options, "options");
    if (options.isEmpty()) {
      throw new IllegalArgumentException("cannot pick from an empty list");
    }
    return options.get(nextInt(options.size()));
  }

  /**
   * Returns how many choices have been made so far.
   *
   * @return the count
   */
  public int choicesMade() {
    return recordedCount;
  }

  /**
   * Tells whether this source replays a sequence rather than generating from a seed.
   *
   * @return true for a replaying source
   */
  public boolean isReplaying() {
    return generator == null;
  }

  /**
   * Returns the choices made so far, as the values chosen. Replaying this sequence makes the same
   * choices again; for a replaying source it is the replayed sequence as it was consumed (reduced
   * into range, cut to the choices used, and padded with the zeros read past its end).
   *
   * @return a copy of the recorded sequence
   */
  public long[] recorded() {
    return Arrays.copyOf(recorded, recordedCount);
  }

  private long nextReplayed() {
    return position < replayed.length ? replayed[position++] : 0;
  }

  private long record(long value) {
    if (recordedCount == recorded.length) {
      recorded = Arrays.copyOf(recorded, recorded.length * 2);
    }
    recorded[recordedCount++] = value;
    return value;
  }
}
