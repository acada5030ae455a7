package io.dvraft.bls.crypto;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.random.RandomGenerator;
import supranational.blst.P1;

/**
 * Shamir dealing: a random polynomial of degree t-1 with the group secret at 0, a secret share per
 * index, and the matching public keys. The public keys it computes go straight into the key cache,
 * since there is nothing to check about points we made ourselves.
 */
final class ShamirDealer {

  private final PublicKeyCache keys;

  ShamirDealer(PublicKeyCache keys) {
    this.keys = keys;
  }

  DealtKey deal(int threshold, List<ShareIndex> indexes, RandomGenerator random) {
    checkMembers(threshold, indexes);
    Objects.requireNonNull(random, "random");
    return dealFrom(ScalarField.randomNonZero(random), threshold, indexes, random);
  }

  DealtKey deal(
      byte[] groupSecret, int threshold, List<ShareIndex> indexes, RandomGenerator random) {
    ScalarField.checkSecret(groupSecret, "group secret");
    checkMembers(threshold, indexes);
    Objects.requireNonNull(random, "random");
    return dealFrom(ScalarField.toInteger(groupSecret), threshold, indexes, random);
  }

  private static void checkMembers(int threshold, List<ShareIndex> indexes) {
    ThresholdKey.checkThreshold(threshold, indexes.size());
    Set<ShareIndex> seen = new HashSet<>();
    for (ShareIndex index : indexes) {
      if (!seen.add(Objects.requireNonNull(index, "index"))) {
        throw new InvalidKeyMaterialException("share index " + index + " appears twice");
      }
    }
  }

  private DealtKey dealFrom(
      BigInteger secret, int threshold, List<ShareIndex> indexes, RandomGenerator random) {
    List<SecretShare> secretShares;
    do {
      secretShares = evaluate(ShamirPolynomial.random(secret, threshold, random), indexes);
    } while (secretShares == null);

    GroupPublicKey groupKey = new GroupPublicKey(publicKeyOf(ScalarField.toBytes(secret)));
    List<PublicShare> publicShares = new ArrayList<>(indexes.size());
    for (SecretShare share : secretShares) {
      publicShares.add(new PublicShare(share.index(), publicKeyOf(share.scalar())));
    }
    return new DealtKey(new ThresholdKey(threshold, groupKey, publicShares), secretShares);
  }

  /** The shares, or null if one is zero (odds about n/r) and so not a usable secret. */
  private static List<SecretShare> evaluate(ShamirPolynomial polynomial, List<ShareIndex> indexes) {
    List<SecretShare> shares = new ArrayList<>(indexes.size());
    for (ShareIndex index : indexes) {
      BigInteger value = polynomial.evaluate(index.value());
      if (value.signum() == 0) {
        return null;
      }
      byte[] scalar = ScalarField.toBytes(value);
      shares.add(new SecretShare(index, scalar));
      Arrays.fill(scalar, (byte) 0);
    }
    return shares;
  }

  /** Computes a public key from a secret and remembers it as checked: we made it ourselves. */
  private byte[] publicKeyOf(byte[] scalar) {
    P1 point = BlstPoints.publicKeyOf(scalar, "secret");
    Arrays.fill(scalar, (byte) 0);
    byte[] bytes = point.compress();
    keys.put(bytes, point.to_affine());
    return bytes;
  }
}
