package io.dvraft.testkit.choice;

/**
 * The SplitMix64 generator: 64 bits of state, fully specified, so a seed yields the same stream on
 * every JDK (which {@code java.util.Random}'s derived methods do not promise across versions).
 */
final class SplitMix64 {

  private long state;

  SplitMix64(long seed) {
    this.state = seed;
  }

  long nextLong() {
    state += 0x9E3779B97F4A7C15L;
    long z = state;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /**
   * Returns a uniform value in {@code [0, bound)}, rejecting the biased top of the 63-bit range.
   */
  long nextLong(long bound) {
    while (true) {
      long bits = nextLong() >>> 1;
      long value = bits % bound;
      if (bits - value + (bound - 1) >= 0) {
        return value;
      }
    }
  }
}
