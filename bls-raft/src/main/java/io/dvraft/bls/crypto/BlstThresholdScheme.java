package io.dvraft.bls.crypto;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.random.RandomGenerator;
import supranational.blst.P1_Affine;
import supranational.blst.P2;
import supranational.blst.P2_Affine;

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
  private final ShamirDealer dealer;
  private final KeyImporter importer;
  private final BatchVerifier batch;
  private final LagrangeCache lagrange = new LagrangeCache();

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
    this.dealer = new ShamirDealer(keys);
    this.importer = new KeyImporter(keys);
    this.batch = new BatchVerifier(keys);
  }

  @Override
  public DealtKey deal(int threshold, List<ShareIndex> indexes, RandomGenerator random) {
    return dealer.deal(threshold, indexes, random);
  }

  @Override
  public DealtKey deal(
      byte[] groupSecret, int threshold, List<ShareIndex> indexes, RandomGenerator random) {
    return dealer.deal(groupSecret, threshold, indexes, random);
  }

  @Override
  public ThresholdKey importKey(
      int threshold, GroupPublicKey groupKey, List<PublicShare> publicShares) {
    return importer.importKey(threshold, groupKey, publicShares);
  }

  @Override
  public SecretShare importSecretShare(ThresholdKey key, SecretShare share) {
    return importer.importSecretShare(key, share);
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
    P2 signature = BlstPoints.sign(
        BlstPreparedMessage.of(message).hash(), scalar, "secret share " + share.index());
    Arrays.fill(scalar, (byte) 0);
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
    BigInteger[] lambdas = lagrange.atZero(xs);
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
      List<GroupPublicKey> groupKeys,
      List<PreparedMessage> messages,
      List<GroupSignature> signatures) {
    return batch.verify(groupKeys, messages, signatures);
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
