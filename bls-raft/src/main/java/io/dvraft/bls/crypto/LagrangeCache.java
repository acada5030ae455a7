package io.dvraft.bls.crypto;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Lagrange coefficients at 0 for recombination, kept per set of share indexes. A cluster
 * recombines with the same few signer sets over and over (the leader and the first followers to
 * answer), and computing the coefficients (modular inverses of 255-bit numbers) costs about as much
 * as a tenth of a pairing. Least recently used out first; thread-safe.
 */
final class LagrangeCache {

  /** Signer sets kept: every t-subset of a 7-member key is 35 sets at most. */
  static final int CAPACITY = 256;

  /** The x coordinates in the order given: the coefficients follow that order. */
  private record Key(long[] xs) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && Arrays.equals(xs, k.xs);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(xs);
    }

    @Override
    public String toString() {
      return Arrays.toString(xs);
    }
  }

  private final Map<Key, BigInteger[]> cache =
      new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, BigInteger[]> eldest) {
          return size() > CAPACITY;
        }
      };

  /**
   * Returns the coefficients lambda_i for interpolating at 0 through points at {@code xs}.
   *
   * @param xs distinct x coordinates (share indexes)
   * @return one coefficient per x, in the same order (a fresh array)
   * @throws IllegalArgumentException if two x coordinates are equal
   */
  synchronized BigInteger[] atZero(long[] xs) {
    Key key = new Key(xs.clone());
    BigInteger[] lambdas = cache.get(key);
    if (lambdas == null) {
      lambdas = ScalarField.lagrangeCoefficients(key.xs(), BigInteger.ZERO);
      cache.put(key, lambdas);
    }
    return lambdas.clone();
  }
}
