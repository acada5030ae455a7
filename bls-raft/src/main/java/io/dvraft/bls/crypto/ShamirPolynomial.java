package io.dvraft.bls.crypto;

import java.math.BigInteger;
import java.util.random.RandomGenerator;

/**
 * A random polynomial of degree t-1 over the scalar field whose value at 0 is the group secret;
 * its value at a share index is that member's secret share.
 */
final class ShamirPolynomial {

  private final BigInteger[] coefficients;

  private ShamirPolynomial(BigInteger[] coefficients) {
    this.coefficients = coefficients;
  }

  static ShamirPolynomial random(BigInteger secret, int threshold, RandomGenerator random) {
    BigInteger[] coefficients = new BigInteger[threshold];
    coefficients[0] = secret;
    for (int i = 1; i < threshold; i++) {
      coefficients[i] = ScalarField.randomNonZero(random);
    }
    return new ShamirPolynomial(coefficients);
  }

  BigInteger evaluate(long x) {
    BigInteger point = BigInteger.valueOf(x);
    BigInteger value = BigInteger.ZERO;
    for (int i = coefficients.length - 1; i >= 0; i--) {
      value = value.multiply(point).add(coefficients[i]).mod(ScalarField.R);
    }
    return value;
  }
}
