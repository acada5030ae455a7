package io.dvraft.bls.crypto;

import supranational.blst.P1;
import supranational.blst.P1_Affine;
import supranational.blst.P2;
import supranational.blst.P2_Affine;
import supranational.blst.SecretKey;

/**
 * The one place that turns bytes into jblst points and secret keys, so that every jblst pitfall
 * is handled once: deserialization throws bare RuntimeExceptions, does not check the subgroup and
 * accepts infinity; {@code from_bendian} accepts zero and values above r; hashing needs the DST.
 */
final class BlstPoints {

  /** Ethereum's proof-of-possession ciphersuite; every hash-to-curve must pass it. */
  static final String DST = "BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_POP_";

  private BlstPoints() {}

  /** A public key as Ethereum's KeyValidate wants it: canonical, in G1's subgroup, not infinity. */
  static P1_Affine publicKey(byte[] bytes, String what) {
    P1_Affine point = decodeG1(bytes, what);
    if (point.is_inf()) {
      throw new InvalidKeyMaterialException(what + " is the point at infinity");
    }
    if (!point.in_group()) {
      throw new InvalidKeyMaterialException(what + " is not in the G1 prime-order subgroup");
    }
    return point;
  }

  /** A signature that may be used in a pairing: canonical, in G2's subgroup, not infinity. */
  static P2_Affine signature(byte[] bytes, String what) {
    P2_Affine point = signatureAllowingInfinity(bytes, what);
    if (point.is_inf()) {
      throw new InvalidKeyMaterialException(what + " is the point at infinity");
    }
    return point;
  }

  /** A canonical G2 point in the subgroup; infinity allowed (aggregation accepts it). */
  static P2_Affine signatureAllowingInfinity(byte[] bytes, String what) {
    P2_Affine point = decodeG2(bytes, what);
    if (!point.in_group()) {
      throw new InvalidKeyMaterialException(what + " is not in the G2 prime-order subgroup");
    }
    return point;
  }

  /** A canonical G2 point, on the curve but not checked for the subgroup. */
  static P2_Affine decodeG2(byte[] bytes, String what) {
    if (bytes == null || bytes.length != GroupSignature.LENGTH) {
      throw new InvalidKeyMaterialException(
          what + " must be " + GroupSignature.LENGTH + " bytes, got "
              + (bytes == null ? "none" : bytes.length));
    }
    try {
      return new P2_Affine(bytes);
    } catch (RuntimeException e) {
      throw new InvalidKeyMaterialException(
          what + " is not a compressed G2 point (" + e.getMessage() + ")", e);
    }
  }

  private static P1_Affine decodeG1(byte[] bytes, String what) {
    if (bytes == null || bytes.length != GroupPublicKey.LENGTH) {
      throw new InvalidKeyMaterialException(
          what + " must be " + GroupPublicKey.LENGTH + " bytes, got "
              + (bytes == null ? "none" : bytes.length));
    }
    try {
      return new P1_Affine(bytes);
    } catch (RuntimeException e) {
      throw new InvalidKeyMaterialException(
          what + " is not a compressed G1 point (" + e.getMessage() + ")", e);
    }
  }

  /** The G1 public key of a secret, which is checked first (jblst would accept 0 and r). */
  static P1 publicKeyOf(byte[] scalar, String what) {
    SecretKey key = secretKey(scalar, what);
    try {
      return new P1(key);
    } finally {
      wipe(key);
    }
  }

  /** The signature of a hashed message: a fresh point, the cached hash is left untouched. */
  static P2 sign(P2_Affine hash, byte[] scalar, String what) {
    SecretKey key = secretKey(scalar, what);
    try {
      return hash.to_jacobian().sign_with(key);
    } finally {
      wipe(key);
    }
  }

  private static SecretKey secretKey(byte[] scalar, String what) {
    ScalarField.checkSecret(scalar, what);
    SecretKey key = new SecretKey();
    key.from_bendian(scalar);
    return key;
  }

  // Best effort: the JVM may have copied the key's memory, but no copy outlives it through us.
  private static void wipe(SecretKey key) {
    key.from_bendian(new byte[ScalarField.SCALAR_LENGTH]);
  }

  /** The hash-to-curve point of a message, in G2's subgroup by construction. */
  static P2_Affine hashToG2(byte[] message) {
    return new P2().hash_to(message, DST).to_affine();
  }
}
