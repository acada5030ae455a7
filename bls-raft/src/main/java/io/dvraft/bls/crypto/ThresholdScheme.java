package io.dvraft.bls.crypto;

import java.util.Collections;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A t-of-n threshold signature scheme over byte-based value types.
 *
 * <p>It is scheme-agnostic on purpose: {@link BlstThresholdScheme} is the real BLS12-381 one, and a
 * fast, clearly insecure scheme for large simulations can implement the same interface, so the
 * BLS-Raft decorator runs unchanged on either.
 *
 * <p>Errors: methods that take key material throw {@link InvalidKeyMaterialException} with a reason
 * when it is malformed or inconsistent. Verification methods never throw for a bad signature or
 * key; they return {@code false}. Implementations are thread-safe.
 *
 * <p>Cost model, and the intended use: {@link #combine} does not check the shares it is given.
 * Recombine optimistically, verify the group signature once, and only if that fails call {@link
 * #verifyShare} on each share to find the culprit.
 */
public interface ThresholdScheme {

  /**
   * Deals a fresh random group secret into shares.
   *
   * <p>Randomness comes only from {@code random}, so the same generator state deals the same key;
   * tests use a seeded generator such as {@link DeterministicRandom}. Production keys must come
   * from a {@link java.security.SecureRandom}.
   *
   * @param threshold t, between 1 and the number of indexes
   * @param indexes the members' share indexes, distinct; the result keeps this order
   * @param random the source of all randomness
   * @return the validated public key and every member's secret share
   * @throws InvalidKeyMaterialException if t or the indexes are invalid
   */
  DealtKey deal(int threshold, List<ShareIndex> indexes, RandomGenerator random);

  /**
   * Splits an existing group secret into shares (for example, an existing validator key that a
   * group is taking over). The group public key is the secret's public key.
   *
   * @param groupSecret the secret, 32 big-endian bytes in [1, r); not retained
   * @param threshold t, between 1 and the number of indexes
   * @param indexes the members' share indexes, distinct; the result keeps this order
   * @param random the source of the polynomial's other coefficients (see {@link #deal(int, List,
   *     RandomGenerator)})
   * @return the validated public key and every member's secret share
   * @throws InvalidKeyMaterialException if the secret, t or the indexes are invalid
   */
  DealtKey deal(
      byte[] groupSecret, int threshold, List<ShareIndex> indexes, RandomGenerator random);

  /**
   * Builds a threshold key from existing public material, checking all of it: every point is a
   * valid key (canonical, in the subgroup, not infinity), and the public shares lie on one
   * polynomial of degree t-1 whose value at 0 is the group key. A key that passes can sign and
   * verify; one that does not is refused here, not later.
   *
   * @param threshold t, between 1 and the number of public shares
   * @param groupKey the group public key
   * @param publicShares one public share per member, distinct indexes
   * @return the checked key
   * @throws InvalidKeyMaterialException naming what is wrong
   */
  ThresholdKey importKey(int threshold, GroupPublicKey groupKey, List<PublicShare> publicShares);

  /**
   * Checks that an existing secret share belongs to a threshold key: the key has a public share
   * with the same index, and it is the secret's public key.
   *
   * @param key the threshold key, from {@link #importKey} or {@link #deal}
   * @param share the member's secret share
   * @return {@code share}, for chaining
   * @throws InvalidKeyMaterialException if the key has no such index or the share does not match
   */
  SecretShare importSecretShare(ThresholdKey key, SecretShare share);

  /**
   * Checks a group public key: canonical encoding, in the prime-order subgroup, not infinity.
   *
   * @param key the key
   * @throws InvalidKeyMaterialException naming what is wrong
   */
  void validate(GroupPublicKey key);

  /**
   * Checks a public share: canonical encoding, in the prime-order subgroup, not infinity.
   *
   * @param share the public share
   * @throws InvalidKeyMaterialException naming what is wrong and the share's index
   */
  void validate(PublicShare share);

  /**
   * Checks the encoding of a group signature: canonical, in the subgroup, not infinity. It does
   * not say the signature is valid for any message; {@link #verify} does.
   *
   * @param signature the signature
   * @throws InvalidKeyMaterialException naming what is wrong
   */
  void validate(GroupSignature signature);

  /**
   * Checks the encoding of a signature share: canonical, in the subgroup, not infinity.
   *
   * @param share the share
   * @throws InvalidKeyMaterialException naming what is wrong and the share's index
   */
  void validate(SignatureShare share);

  /**
   * Precomputes what signing and verifying {@code message} need; reuse the result for every
   * operation on the same message.
   *
   * @param message the message (for Ethereum, a 32-byte signing root); copied
   * @return the prepared message
   */
  PreparedMessage prepare(byte[] message);

  /**
   * Signs a prepared message with a secret share.
   *
   * @param share the signer's secret share
   * @param message the message, prepared by this scheme
   * @return the signature share, tagged with the share's index
   */
  SignatureShare signShare(SecretShare share, PreparedMessage message);

  /**
   * Signs a message with a secret share.
   *
   * @param share the signer's secret share
   * @param message the message bytes
   * @return the signature share, tagged with the share's index
   */
  default SignatureShare signShare(SecretShare share, byte[] message) {
    return signShare(share, prepare(message));
  }

  /**
   * Recombines signature shares into a group signature by Lagrange interpolation at 0 over
   * exactly the given shares. Pass t shares of the same message: with t valid shares the result
   * is the group secret's signature; fewer give a signature that does not verify; more work but
   * cost more. The shares are not checked (see the class comment).
   *
   * @param shares at least one share, distinct indexes
   * @return the group signature
   * @throws InvalidKeyMaterialException if a share is not a point encoding (the message names its
   *     index, so the caller can blame the member)
   * @throws IllegalArgumentException if {@code shares} is empty or has a repeated index
   */
  GroupSignature combine(List<SignatureShare> shares);

  /**
   * Verifies a group signature.
   *
   * @param key the group public key
   * @param message the message, preferably prepared by this scheme
   * @param signature the signature
   * @return whether the signature is valid; {@code false} also for invalid encodings
   */
  boolean verify(GroupPublicKey key, PreparedMessage message, GroupSignature signature);

  /**
   * Verifies a group signature on a message given as bytes.
   *
   * @param key the group public key
   * @param message the message bytes
   * @param signature the signature
   * @return whether the signature is valid; {@code false} also for invalid encodings
   */
  default boolean verify(GroupPublicKey key, byte[] message, GroupSignature signature) {
    return verify(key, prepare(message), signature);
  }

  /**
   * Verifies one member's signature share.
   *
   * @param publicShare the member's public share
   * @param message the message, preferably prepared by this scheme
   * @param share the signature share
   * @return whether the share is valid; {@code false} also for invalid encodings
   * @throws IllegalArgumentException if the two indexes differ (a caller bug, not a bad share)
   */
  boolean verifyShare(PublicShare publicShare, PreparedMessage message, SignatureShare share);

  /**
   * Verifies one member's signature share on a message given as bytes.
   *
   * @param publicShare the member's public share
   * @param message the message bytes
   * @param share the signature share
   * @return whether the share is valid; {@code false} also for invalid encodings
   * @throws IllegalArgumentException if the two indexes differ (a caller bug, not a bad share)
   */
  default boolean verifyShare(PublicShare publicShare, byte[] message, SignatureShare share) {
    return verifyShare(publicShare, prepare(message), share);
  }

  /**
   * Verifies several group signatures, possibly under different group keys, with one
   * random-linear-combination pairing check: when they are all valid it costs about one
   * verification per distinct key plus a small amount per signature. If the check fails, each
   * signature is verified on its own, so the answer is always exact per position.
   *
   * <p>The combination's coefficients are derived from the inputs, so the same batch gives the
   * same answer on every node and in every replay.
   *
   * @param groupKeys the group public key of each signature
   * @param messages the messages, preferably prepared by this scheme
   * @param signatures the signatures, {@code signatures.get(i)} by {@code groupKeys.get(i)} on
   *     {@code messages.get(i)}
   * @return for each position, whether that signature is valid; {@code false} also for invalid
   *     keys or encodings
   * @throws IllegalArgumentException if the lists differ in size
   */
  List<Boolean> batchVerify(
      List<GroupPublicKey> groupKeys,
      List<PreparedMessage> messages,
      List<GroupSignature> signatures);

  /**
   * Verifies several group signatures under the same group key (a validator's duties that became
   * ready together): one pairing check for the batch when all are valid.
   *
   * @param groupKey the group public key shared by all the signatures
   * @param messages the messages, preferably prepared by this scheme
   * @param signatures the signatures, {@code signatures.get(i)} for {@code messages.get(i)}
   * @return for each position, whether that signature is valid
   * @throws IllegalArgumentException if the two lists differ in size
   */
  default List<Boolean> batchVerify(
      GroupPublicKey groupKey, List<PreparedMessage> messages, List<GroupSignature> signatures) {
    return batchVerify(Collections.nCopies(messages.size(), groupKey), messages, signatures);
  }
}
