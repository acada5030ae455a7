package io.dvraft.bls.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class ScalarFieldTest {

  private static final BigInteger R = ScalarField.R;

  @Test
  void lagrangeCoefficientsAtZeroForOneTwoThree() {
    // For x = 1, 2, 3: lambda = 3, -3, 1.
    BigInteger[] lambdas = ScalarField.lagrangeCoefficients(new long[] {1, 2, 3}, BigInteger.ZERO);

    assertThat(lambdas).containsExactly(
        BigInteger.valueOf(3), R.subtract(BigInteger.valueOf(3)), BigInteger.ONE);
  }

  @Test
  void lagrangeInterpolationRecoversThePolynomialAtAnyPoint() {
    ShamirPolynomial f = ShamirPolynomial.random(BigInteger.valueOf(1234), 3, Fixtures.random(4));
    long[] xs = {7, 42, 1001};
    for (BigInteger at : new BigInteger[] {BigInteger.ZERO, BigInteger.valueOf(5)}) {
      BigInteger[] lambdas = ScalarField.lagrangeCoefficients(xs, at);
      BigInteger sum = BigInteger.ZERO;
      for (int i = 0; i < xs.length; i++) {
        sum = sum.add(lambdas[i].multiply(f.evaluate(xs[i]))).mod(R);
      }
      assertThat(sum).isEqualTo(f.evaluate(at.longValueExact()));
    }
    assertThat(f.evaluate(0)).isEqualTo(BigInteger.valueOf(1234));
  }

  @Test
  void repeatedXCoordinatesAreRejected() {
    long[] xs = {4, 9, 4};
    assertThatThrownBy(() -> ScalarField.lagrangeCoefficients(xs, BigInteger.ZERO))
        .hasMessageContaining("share index 4 appears twice");
  }

  @Test
  void scalarsEncodeAs32BigEndianBytes() {
    assertThat(ScalarField.toBytes(BigInteger.ONE)).hasSize(32).endsWith((byte) 1);
    BigInteger top = R.subtract(BigInteger.ONE);
    assertThat(ScalarField.toInteger(ScalarField.toBytes(top))).isEqualTo(top);
  }

  @Test
  void randomScalarsAreInRangeAndNotZero() {
    DeterministicRandom random = Fixtures.random(8);
    for (int i = 0; i < 200; i++) {
      BigInteger value = ScalarField.randomNonZero(random);
      assertThat(value).isPositive().isLessThan(R);
    }
  }
}
