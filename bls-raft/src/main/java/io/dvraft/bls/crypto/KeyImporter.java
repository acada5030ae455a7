package io.dvraft.bls.crypto;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import supranational.blst.P1;
import supranational.blst.P1_Affine;

/**
 * Checks existing key material before it is used: every point valid, the public shares on one
 * polynomial of degree t-1 that passes through the group key, and a member's secret share equal
 * to the discrete log of its public share. Runs once per key, at import.
 */
final class KeyImporter {

  private final PublicKeyCache keys;

  KeyImporter(PublicKeyCache keys) {
    this.keys = keys;
  }

  ThresholdKey importKey(
      int threshold, GroupPublicKey groupKey, List<PublicShare> publicShares) {
    ThresholdKey key = new ThresholdKey(threshold, groupKey, publicShares);
    P1_Affine group = keys.get(groupKey.bytes(), "group public key");
    List<P1_Affine> points = new ArrayList<>(key.size());
    for (PublicShare share : key.publicShares()) {
      points.add(keys.get(share.publicKey(), "public share " + share.index()));
    }
    checkOnOnePolynomial(key, group, points);
    return key;
  }

  /**
   * Checks that the public shares are the values of one degree t-1 polynomial (in the exponent)
   * whose value at 0 is the group key: interpolate from the first t shares, at 0 and at every
   * other share's index. A key that fails would recombine to signatures that never verify.
   */
  private static void checkOnOnePolynomial(
      ThresholdKey key, P1_Affine group, List<P1_Affine> points) {
    int t = key.threshold();
    long[] xs = new long[t];
    for (int i = 0; i < t; i++) {
      xs[i] = key.publicShares().get(i).index().value();
    }
    List<P1_Affine> basis = points.subList(0, t);
    if (!interpolate(basis, xs, BigInteger.ZERO).is_equal(group.to_jacobian())) {
      throw new InvalidKeyMaterialException(
          "the public shares do not interpolate to the group public key");
    }
    for (int j = t; j < key.size(); j++) {
      ShareIndex index = key.publicShares().get(j).index();
      if (!interpolate(basis, xs, BigInteger.valueOf(index.value()))
          .is_equal(points.get(j).to_jacobian())) {
        throw new InvalidKeyMaterialException(
            "public share " + index + " is not on the polynomial of the first " + t
                + " public shares");
      }
    }
  }

  private static P1 interpolate(List<P1_Affine> points, long[] xs, BigInteger at) {
    BigInteger[] lambdas = ScalarField.lagrangeCoefficients(xs, at);
    P1 sum = points.get(0).to_jacobian().mult(lambdas[0]);
    for (int i = 1; i < points.size(); i++) {
      sum.add(points.get(i).to_jacobian().mult(lambdas[i]));
    }
    return sum;
  }

  SecretShare importSecretShare(ThresholdKey key, SecretShare share) {
    PublicShare publicShare = key.publicShare(share.index())
        .orElseThrow(() -> new InvalidKeyMaterialException(
            "the threshold key has no member with share index " + share.index()));
    P1_Affine expected = keys.get(publicShare.publicKey(), "public share " + share.index());
    byte[] scalar = share.scalar();
    P1 actual = BlstPoints.publicKeyOf(scalar, "secret share " + share.index());
    Arrays.fill(scalar, (byte) 0);
    if (!actual.is_equal(expected.to_jacobian())) {
      throw new InvalidKeyMaterialException(
          "secret share " + share.index() + " does not match its public share");
    }
    return share;
  }
}
