package io.dvraft.raft.internal;

/**
 * A tiny seeded pseudo-random generator (Steele, Lea and Flood's SplitMix64). raft-core draws its
 * election timeouts from it instead of the JDK's generators so that a seed gives the same
 * sequence on every JDK, which is what makes runs replayable.
 */
public final class SplitMix64 {

  private long state;

  /**
   * Creates a generator.
   *
   * @param seed the seed
   */
  public SplitMix64(long seed) {
    this.state = seed;
  }

  /**
   * Returns the next 64 pseudo-random bits.
   *
   * @return a pseudo-random long
   */
  public long nextLong() {
    long z = (state += 0x9E3779B97F4A7C15L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /**
   * Returns a pseudo-random int in [0, bound).
   *
   * @param bound the exclusive upper bound, at least 1
   * @return the value
   */
  public int nextInt(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive: " + bound);
    }
    return (int) Long.remainderUnsigned(nextLong(), bound);
  }
}
