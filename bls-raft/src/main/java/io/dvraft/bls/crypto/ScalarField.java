package io.dvraft.bls.crypto;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Arithmetic modulo r, the order of the BLS12-381 groups, where Shamir shares and Lagrange
 * coefficients live. BigInteger keeps it obviously correct; it runs only a handful of times per
 * recombination, next to curve operations a thousand times slower.
 */
final class ScalarField {

  /** The BLS12-381 subgroup order r. */
  static final BigInteger R =
      new BigInteger("73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001", 16);

  /** Bytes of a big-endian scalar. */
  static final int SCALAR_LENGTH = 32;

  // 64 random bytes reduced mod r: the bias is about 2^-257, far below any attack.
  private static final int RANDOM_BYTES = 64;

  private ScalarField() {}

  /**
   * Checks that {@code scalar} is a canonical, non-zero secret: 32 big-endian bytes in [1, r).
   * jblst accepts zero and values at or above r, so this check is ours.
   */
  static void checkSecret(byte[] scalar, String what) {
    if (scalar == null) {
      throw new InvalidKeyMaterialException(what + " is missing");
    }
    if (scalar.length != SCALAR_LENGTH) {
      throw new InvalidKeyMaterialException(
          what + " must be " + SCALAR_LENGTH + " bytes, got " + scalar.length);
    }
    BigInteger value = new BigInteger(1, scalar);
    if (value.signum() == 0) {
      throw new InvalidKeyMaterialException(what + " is zero");
    }
    if (value.compareTo(R) >= 0) {
      throw new InvalidKeyMaterialException(what + " is not below the group order r");
    }
  }

  static BigInteger toInteger(byte[] scalar) {
    return new BigInteger(1, scalar);
  }

  /** Encodes a value in [0, r) as 32 big-endian bytes. */
  static byte[] toBytes(BigInteger value) {
    byte[] raw = value.toByteArray();
    byte[] out = new byte[SCALAR_LENGTH];
    int skip = Math.max(0, raw.length - SCALAR_LENGTH);
    System.arraycopy(raw, skip, out, SCALAR_LENGTH - (raw.length - skip), raw.length - skip);
    Arrays.fill(raw, (byte) 0);
    return out;
  }

  /** A uniformly random non-zero element. */
  static BigInteger randomNonZero(RandomGenerator random) {
    byte[] bytes = new byte[RANDOM_BYTES];
    try {
      while (true) {
        random.nextBytes(bytes);
        BigInteger value = new BigInteger(1, bytes).mod(R);
        if (value.signum() != 0) {
          return value;
        }
      }
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /**
   * Lagrange coefficients for interpolating, at {@code at}, the polynomial through points with
   * x coordinates {@code xs}: lambda_i = prod_{j != i} (at - x_j) / (x_i - x_j) mod r.
   *
   * @throws IllegalArgumentException if two x coordinates are equal
   */
  static BigInteger[] lagrangeCoefficients(long[] xs, BigInteger at) {
    BigInteger[] x = new BigInteger[xs.length];
    for (int i = 0; i < xs.length; i++) {
      x[i] = BigInteger.valueOf(xs[i]);
    }
    BigInteger[] lambdas = new BigInteger[xs.length];
    for (int i = 0; i < xs.length; i++) {
      BigInteger numerator = BigInteger.ONE;
      BigInteger denominator = BigInteger.ONE;
      for (int j = 0; j < xs.length; j++) {
        if (j == i) {
          continue;
        }
        if (xs[i] == xs[j]) {
          throw new IllegalArgumentException("share index " + xs[i] + " appears twice");
        }
        numerator = numerator.multiply(at.subtract(x[j])).mod(R);
        denominator = denominator.multiply(x[i].subtract(x[j])).mod(R);
      }
      lambdas[i] = numerator.multiply(denominator.modInverse(R)).mod(R);
    }
    return lambdas;
  }
}
