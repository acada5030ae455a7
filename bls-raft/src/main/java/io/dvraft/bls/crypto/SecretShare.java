package io.dvraft.bls.crypto;

import java.security.MessageDigest;
import java.util.Objects;

/**
 * One member's share of a group secret: the value of the dealer's polynomial at {@code index}.
 *
 * <p>The scalar is copied in and out, compared in constant time, and never printed: {@link
 * #toString()} shows the index only, so a share in a log line or exception message leaks nothing.
 *
 * @param index the member's x coordinate
 * @param scalar the secret, 32 big-endian bytes in [1, r) where r is the BLS12-381 group order
 */
public record SecretShare(ShareIndex index, byte[] scalar) {

  /** Bytes of the big-endian scalar. */
  public static final int LENGTH = ScalarField.SCALAR_LENGTH;

  /**
   * Checks and copies the share.
   *
   * @param index the member's x coordinate
   * @param scalar the secret, 32 big-endian bytes in [1, r); copied
   * @throws InvalidKeyMaterialException if the scalar is not 32 bytes, is zero, or is not below r
   */
  public SecretShare {
    Objects.requireNonNull(index, "index");
    ScalarField.checkSecret(scalar, "secret share " + index);
    scalar = scalar.clone();
  }

  /**
   * Returns a copy of the secret scalar; overwrite it when done.
   *
   * @return 32 big-endian bytes
   */
  @Override
  public byte[] scalar() {
    return scalar.clone();
  }

  /**
   * Compares index and scalar, the scalar in constant time.
   *
   * @param o the object to compare with
   * @return whether {@code o} is the same share
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof SecretShare s
        && index.equals(s.index)
        && MessageDigest.isEqual(scalar, s.scalar);
  }

  /**
   * Hashes the index only, so that no function of the secret escapes through hash codes.
   *
   * @return the hash code
   */
  @Override
  public int hashCode() {
    return index.hashCode();
  }

  /**
   * Shows the index and hides the secret.
   *
   * @return {@code SecretShare[x42, <redacted>]}
   */
  @Override
  public String toString() {
    return "SecretShare[" + index + ", <redacted>]";
  }
}
