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
import supranational.blst.P1_Affine;
import supranational.blst.P2;
import supranational.blst.P2_Affine;
import supranational.blst.SecretKey;

/**
 * Threshold BLS over BLS12-381 with Ethereum's proof-of-possession ciphersuite, through jblst.
 *
 * <p>A recombined signature is byte for byte the signature of the group secret, so any standard
 * Ethereum verifier accepts it. Public keys are decoded and subgroup-checked once and then kept in
 * a bounded cache, so verifying under a known key costs only the pairing. Thread-safe.
 */
public final class BlstThresholdScheme implements ThresholdScheme {

  /**
   * Default number of decoded public keys kept: enough for a few thousand validators of up to ten
   * members each, at about 300 bytes per key.
   */
  public static final int DEFAULT_KEY_CACHE_CAPACITY = 1 << 15;

  private final PublicKeyCache keys;

  /** Creates the scheme with a key cache of {@link #DEFAULT_KEY_CACHE_CAPACITY} entries. */
  public BlstThresholdScheme() {
    this(DEFAULT_KEY_CACHE_CAPACITY);
  }

  /**
   * Creates the scheme with a key cache of the given size. Size it to the number of group keys
   * plus public shares in use; beyond that, keys are decoded and checked again when next used.
   *
   * @param keyCacheCapacity the number of decoded public keys kept, at least 1
   * @throws IllegalArgumentException if {@code keyCacheCapacity} is below 1
   */
  public BlstThresholdScheme(int keyCacheCapacity) {
    this.keys = new PublicKeyCache(keyCacheCapacity);
  }

  @Override
  public DealtKey deal(int threshold, List<ShareIndex> indexes, RandomGenerator random) {
    checkMembers(threshold, indexes);
    Objects.requireNonNull(random, "random");
    return dealFrom(ScalarField.randomNonZero(random), threshold, indexes, random);
  }

  @Override
  public DealtKey deal(
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

  /** The shares, or null in the 2^-255-likely case that one is zero and so not a usable secret. */
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
    SecretKey key = BlstPoints.secretKey(scalar, "secret");
    Arrays.fill(scalar, (byte) 0);
    P1 point = BlstPoints.publicKeyOf(key);
    byte[] bytes = point.compress();
    keys.put(bytes, point.to_affine());
    return bytes;
  }

  @Override
  public ThresholdKey importKey(
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

  @Override
  public SecretShare importSecretShare(ThresholdKey key, SecretShare share) {
    PublicShare publicShare = key.publicShare(share.index())
        .orElseThrow(() -> new InvalidKeyMaterialException(
            "the threshold key has no member with share index " + share.index()));
    P1_Affine expected = keys.get(publicShare.publicKey(), "public share " + share.index());
    byte[] scalar = share.scalar();
    SecretKey secret = BlstPoints.secretKey(scalar, "secret share " + share.index());
    Arrays.fill(scalar, (byte) 0);
    if (!BlstPoints.publicKeyOf(secret).is_equal(expected.to_jacobian())) {
      throw new InvalidKeyMaterialException(
          "secret share " + share.index() + " does not match its public share");
    }
    return share;
  }

  @Override
  public void validate(GroupPublicKey key) {
    keys.get(key.bytes(), "group public key");
  }

  @Override
  public void validate(PublicShare share) {
    keys.get(share.publicKey(), "public share " + share.index());
  }

  @Override
  public void validate(GroupSignature signature) {
    BlstPoints.signature(signature.bytes(), "group signature");
  }

  @Override
  public void validate(SignatureShare share) {
    BlstPoints.signature(share.signature(), "signature share " + share.index());
  }

  @Override
  public PreparedMessage prepare(byte[] message) {
    return new BlstPreparedMessage(Objects.requireNonNull(message, "message"));
  }

  @Override
  public SignatureShare signShare(SecretShare share, PreparedMessage message) {
    byte[] scalar = share.scalar();
    SecretKey secret = BlstPoints.secretKey(scalar, "secret share " + share.index());
    Arrays.fill(scalar, (byte) 0);
    P2 signature = BlstPreparedMessage.of(message).hash().to_jacobian().sign_with(secret);
    return new SignatureShare(share.index(), signature.compress());
  }

  @Override
  public GroupSignature combine(List<SignatureShare> shares) {
    if (shares.isEmpty()) {
      throw new IllegalArgumentException("cannot combine zero signature shares");
    }
    long[] xs = new long[shares.size()];
    Set<ShareIndex> seen = new HashSet<>();
    for (int i = 0; i < shares.size(); i++) {
      ShareIndex index = shares.get(i).index();
      if (!seen.add(index)) {
        throw new IllegalArgumentException("signature share " + index + " appears twice");
      }
      xs[i] = index.value();
    }
    BigInteger[] lambdas = ScalarField.lagrangeCoefficients(xs, BigInteger.ZERO);
    P2 sum = null;
    for (int i = 0; i < shares.size(); i++) {
      SignatureShare share = shares.get(i);
      P2 term = BlstPoints.decodeG2(share.signature(), "signature share " + share.index())
          .to_jacobian()
          .mult(lambdas[i]);
      sum = sum == null ? term : sum.add(term);
    }
    return new GroupSignature(sum.compress());
  }

  @Override
  public boolean verify(GroupPublicKey key, PreparedMessage message, GroupSignature signature) {
    P1_Affine publicKey = validKeyOrNull(key.bytes());
    P2_Affine point = validSignatureOrNull(signature.bytes());
    return publicKey != null
        && point != null
        && PairingCheck.verify(publicKey, BlstPreparedMessage.of(message).hash(), point);
  }

  @Override
  public boolean verifyShare(
      PublicShare publicShare, PreparedMessage message, SignatureShare share) {
    if (!publicShare.index().equals(share.index())) {
      throw new IllegalArgumentException(
          "public share " + publicShare.index() + " given for signature share " + share.index());
    }
    P1_Affine publicKey = validKeyOrNull(publicShare.publicKey());
    P2_Affine point = validSignatureOrNull(share.signature());
    return publicKey != null
        && point != null
        && PairingCheck.verify(publicKey, BlstPreparedMessage.of(message).hash(), point);
  }

  @Override
  public List<Boolean> batchVerify(
      GroupPublicKey key, List<PreparedMessage> messages, List<GroupSignature> signatures) {
    if (messages.size() != signatures.size()) {
      throw new IllegalArgumentException(
          messages.size() + " messages but " + signatures.size() + " signatures");
    }
    Boolean[] valid = new Boolean[messages.size()];
    Arrays.fill(valid, Boolean.FALSE);
    P1_Affine publicKey = validKeyOrNull(key.bytes());
    if (publicKey == null) {
      return List.of(valid);
    }
    List<Integer> candidates = new ArrayList<>();
    List<BlstPreparedMessage> hashes = new ArrayList<>();
    List<byte[]> encodings = new ArrayList<>();
    List<P2_Affine> points = new ArrayList<>();
    for (int i = 0; i < valid.length; i++) {
      byte[] encoding = signatures.get(i).bytes();
      P2_Affine point = validSignatureOrNull(encoding);
      if (point != null) {
        candidates.add(i);
        hashes.add(BlstPreparedMessage.of(messages.get(i)));
        encodings.add(encoding);
        points.add(point);
      }
    }
    if (candidates.size() < 2 || !allValid(key, publicKey, hashes, encodings, points)) {
      // One pairing check cannot say which signature is bad: check each on its own.
      for (int c = 0; c < candidates.size(); c++) {
        valid[candidates.get(c)] =
            PairingCheck.verify(publicKey, hashes.get(c).hash(), points.get(c));
      }
    } else {
      for (int index : candidates) {
        valid[index] = Boolean.TRUE;
      }
    }
    return List.of(valid);
  }

  /**
   * The random-linear-combination check: with one key, e(pk, sum r_i H(m_i)) == e(g1, sum r_i
   * sig_i) holds for all valid signatures, and fails except with probability 2^-128 if any is not.
   */
  private static boolean allValid(
      GroupPublicKey key,
      P1_Affine publicKey,
      List<BlstPreparedMessage> hashes,
      List<byte[]> encodings,
      List<P2_Affine> points) {
    BatchCoefficients transcript = new BatchCoefficients().absorb(key.bytes());
    for (int c = 0; c < points.size(); c++) {
      transcript.absorb(hashes.get(c).message()).absorb(encodings.get(c));
    }
    BigInteger[] r = transcript.derive(points.size());
    P2 hashSum = hashes.get(0).hash().to_jacobian().mult(r[0]);
    P2 signatureSum = points.get(0).to_jacobian().mult(r[0]);
    for (int c = 1; c < points.size(); c++) {
      hashSum.add(hashes.get(c).hash().to_jacobian().mult(r[c]));
      signatureSum.add(points.get(c).to_jacobian().mult(r[c]));
    }
    return PairingCheck.verify(publicKey, hashSum.to_affine(), signatureSum.to_affine());
  }

  private P1_Affine validKeyOrNull(byte[] bytes) {
    try {
      return keys.get(bytes, "public key");
    } catch (InvalidKeyMaterialException e) {
      return null;
    }
  }

  private static P2_Affine validSignatureOrNull(byte[] bytes) {
    try {
      return BlstPoints.signature(bytes, "signature");
    } catch (InvalidKeyMaterialException e) {
      return null;
    }
  }
}
