package io.dvraft.bls.crypto;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import supranational.blst.P1;
import supranational.blst.P1_Affine;
import supranational.blst.P2;
import supranational.blst.P2_Affine;

/**
 * Plain (non-threshold) Ethereum BLS on byte arrays, with the semantics of the Ethereum consensus
 * specification and its conformance tests: secret keys are 32 big-endian bytes in [1, r), public
 * keys 48-byte compressed G1 points, signatures 96-byte compressed G2 points.
 *
 * <p>Verification returns {@code false}, never throws, for invalid keys or signatures: a public key
 * must pass KeyValidate (canonical, in the subgroup, not infinity) and a signature must be a
 * canonical point of G2's subgroup. Methods that produce bytes throw {@link
 * InvalidKeyMaterialException} for invalid input.
 */
public final class Bls {

  /** The ciphersuite's hash-to-curve domain separation tag. */
  public static final String DST = BlstPoints.DST;

  private Bls() {}

  /**
   * Computes the public key of a secret key (SkToPk).
   *
   * @param secretKey 32 big-endian bytes in [1, r)
   * @return the 48-byte compressed public key
   * @throws InvalidKeyMaterialException if the secret key is out of range or the wrong length
   */
  public static byte[] publicKey(byte[] secretKey) {
    return BlstPoints.publicKeyOf(secretKey, "secret key").compress();
  }

  /**
   * Signs a message.
   *
   * @param secretKey 32 big-endian bytes in [1, r)
   * @param message the message
   * @return the 96-byte compressed signature
   * @throws InvalidKeyMaterialException if the secret key is out of range or the wrong length
   */
  public static byte[] sign(byte[] secretKey, byte[] message) {
    return BlstPoints.sign(BlstPoints.hashToG2(message), secretKey, "secret key").compress();
  }

  /**
   * Verifies a signature.
   *
   * @param publicKey the signer's 48-byte public key
   * @param message the message
   * @param signature the 96-byte signature
   * @return whether the signature is valid; {@code false} for invalid keys or encodings
   */
  public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
    try {
      return PairingCheck.verify(
          BlstPoints.publicKey(publicKey, "public key"),
          BlstPoints.hashToG2(message),
          BlstPoints.signature(signature, "signature"));
    } catch (InvalidKeyMaterialException e) {
      return false;
    }
  }

  /**
   * Adds signatures into one aggregate signature. The point at infinity is a valid input (it adds
   * nothing), as in the Ethereum specification.
   *
   * @param signatures at least one 96-byte signature
   * @return the 96-byte aggregate
   * @throws InvalidKeyMaterialException if the list is empty or a signature is not a canonical
   *     point of G2's subgroup (the message says which)
   */
  public static byte[] aggregate(List<byte[]> signatures) {
    if (signatures.isEmpty()) {
      throw new InvalidKeyMaterialException("cannot aggregate zero signatures");
    }
    P2 sum = new P2(BlstPoints.signatureAllowingInfinity(signatures.get(0), "signature 0"));
    for (int i = 1; i < signatures.size(); i++) {
      sum.add(BlstPoints.signatureAllowingInfinity(signatures.get(i), "signature " + i));
    }
    return sum.compress();
  }

  /**
   * Verifies an aggregate signature over (public key, message) pairs; under the
   * proof-of-possession ciphersuite the messages need not be distinct.
   *
   * @param publicKeys the signers' public keys
   * @param messages the messages, {@code messages.get(i)} signed by {@code publicKeys.get(i)}
   * @param signature the aggregate signature
   * @return whether it is valid; {@code false} for empty or mismatched lists and invalid encodings
   */
  public static boolean aggregateVerify(
      List<byte[]> publicKeys, List<byte[]> messages, byte[] signature) {
    if (publicKeys.isEmpty() || publicKeys.size() != messages.size()) {
      return false;
    }
    try {
      List<P1_Affine> g1s = new ArrayList<>();
      List<P2_Affine> g2s = new ArrayList<>();
      for (int i = 0; i < publicKeys.size(); i++) {
        g1s.add(BlstPoints.publicKey(publicKeys.get(i), "public key " + i));
        g2s.add(BlstPoints.hashToG2(Objects.requireNonNull(messages.get(i), "message")));
      }
      g1s.add(PairingCheck.NEG_G1);
      g2s.add(BlstPoints.signature(signature, "signature"));
      return PairingCheck.productIsOne(g1s, g2s);
    } catch (InvalidKeyMaterialException e) {
      return false;
    }
  }

  /**
   * Verifies an aggregate signature of several signers on one message.
   *
   * @param publicKeys the signers' public keys, at least one
   * @param message the message they all signed
   * @param signature the aggregate signature
   * @return whether it is valid; {@code false} for an empty key list and invalid encodings
   */
  public static boolean fastAggregateVerify(
      List<byte[]> publicKeys, byte[] message, byte[] signature) {
    if (publicKeys.isEmpty()) {
      return false;
    }
    try {
      P1 sum = BlstPoints.publicKey(publicKeys.get(0), "public key 0").to_jacobian();
      for (int i = 1; i < publicKeys.size(); i++) {
        sum.add(BlstPoints.publicKey(publicKeys.get(i), "public key " + i));
      }
      return PairingCheck.verify(
          sum.to_affine(), BlstPoints.hashToG2(message), BlstPoints.signature(signature, "sig"));
    } catch (InvalidKeyMaterialException e) {
      return false;
    }
  }

  /**
   * Verifies several independent (public key, message, signature) triples at once, with one
   * multi-pairing over a random linear combination whose coefficients are derived from the
   * inputs.
   *
   * @param publicKeys the public keys
   * @param messages the messages
   * @param signatures the signatures, {@code signatures.get(i)} by {@code publicKeys.get(i)} on
   *     {@code messages.get(i)}
   * @return whether every signature is valid; {@code false} for empty or mismatched lists
   */
  public static boolean batchVerify(
      List<byte[]> publicKeys, List<byte[]> messages, List<byte[]> signatures) {
    int n = publicKeys.size();
    if (n == 0 || messages.size() != n || signatures.size() != n) {
      return false;
    }
    try {
      BatchCoefficients transcript = new BatchCoefficients();
      List<P1_Affine> keys = new ArrayList<>(n);
      List<P2_Affine> points = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        keys.add(BlstPoints.publicKey(publicKeys.get(i), "public key " + i));
        points.add(BlstPoints.signature(signatures.get(i), "signature " + i));
        transcript.absorb(publicKeys.get(i)).absorb(messages.get(i)).absorb(signatures.get(i));
      }
      BigInteger[] r = transcript.derive(n);
      // prod e(r_i pk_i, H(m_i)) * e(-g1, sum r_i sig_i) == 1: the keys take the scalars because
      // a G1 multiplication costs less than half a G2 one.
      List<P1_Affine> g1s = new ArrayList<>(n + 1);
      List<P2_Affine> g2s = new ArrayList<>(n + 1);
      P2 signatureSum = null;
      for (int i = 0; i < n; i++) {
        g1s.add(keys.get(i).to_jacobian().mult(r[i]).to_affine());
        g2s.add(BlstPoints.hashToG2(messages.get(i)));
        P2 term = points.get(i).to_jacobian().mult(r[i]);
        signatureSum = signatureSum == null ? term : signatureSum.add(term);
      }
      g1s.add(PairingCheck.NEG_G1);
      g2s.add(signatureSum.to_affine());
      return PairingCheck.productIsOne(g1s, g2s);
    } catch (InvalidKeyMaterialException e) {
      return false;
    }
  }
}
