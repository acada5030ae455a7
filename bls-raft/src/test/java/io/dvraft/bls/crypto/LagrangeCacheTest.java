package io.dvraft.bls.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** Cached Lagrange coefficients are exactly the computed ones, in the order the indexes come. */
class LagrangeCacheTest {

  @Test
  void cachedCoefficients_equalTheComputedOnes_inTheGivenOrder() {
    LagrangeCache cache = new LagrangeCache();
    long[][] sets = {{1, 2}, {2, 1}, {1, 3, 5}, {5, 3, 1}, {2, 4}, {1, 2}, {7, 1L << 40}};
    for (int round = 0; round < 2; round++) {
      for (long[] xs : sets) {
        assertThat(cache.atZero(xs))
            .as("round %d", round)
            .containsExactly(ScalarField.lagrangeCoefficients(xs, BigInteger.ZERO));
      }
    }
  }

  @Test
  void callersGetFreshArrays() {
    LagrangeCache cache = new LagrangeCache();
    BigInteger[] first = cache.atZero(new long[] {1, 2});
    first[0] = BigInteger.TEN;

    assertThat(cache.atZero(new long[] {1, 2})[0]).isEqualTo(BigInteger.TWO);
  }

  @Test
  void beyondCapacity_oldSetsAreComputedAgain_stillRight() {
    LagrangeCache cache = new LagrangeCache();
    for (long x = 2; x <= LagrangeCache.CAPACITY + 10; x++) {
      cache.atZero(new long[] {1, x});
    }
    long[] first = {1, 2};

    assertThat(cache.atZero(first))
        .containsExactly(ScalarField.lagrangeCoefficients(first, BigInteger.ZERO));
  }

  @Test
  void equalIndexes_areRefused() {
    assertThatThrownBy(() -> new LagrangeCache().atZero(new long[] {3, 3}))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
