package io.dvraft.bls.crypto;

import java.util.Arrays;
import java.util.Objects;

/**
 * The public key of one member's secret share: its secret times the G1 generator, used to check
 * that member's signature shares.
 *
 * <p>This type checks only the length; the scheme checks the point (see {@link
 * ThresholdScheme#validate(PublicShare)}).
 *
 * @param index the member's x coordinate
 * @param publicKey the 48-byte compressed G1 point
 */
public record PublicShare(ShareIndex index, byte[] publicKey) {

  /** Bytes of a compressed G1 point. */
  public static final int LENGTH = GroupPublicKey.LENGTH;

  /**
   * Checks the length and copies the bytes.
   *
   * @param index the member's x coordinate
   * @param publicKey the 48-byte compressed G1 point
   * @throws InvalidKeyMaterialException if {@code publicKey} is not 48 bytes long
   */
  public PublicShare {
    Objects.requireNonNull(index, "index");
    publicKey = Bytes.copyOfLength(publicKey, LENGTH, "public share " + index);
  }

  /**
   * Returns a copy of the encoding.
   *
   * @return the 48-byte compressed G1 point
   */
  @Override
  public byte[] publicKey() {
    return publicKey.clone();
  }

  /**
   * Compares index and encoding.
   *
   * @param o the object to compare with
   * @return whether {@code o} is the same public share
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof PublicShare p
        && index.equals(p.index)
        && Arrays.equals(publicKey, p.publicKey);
  }

  /**
   * Hashes index and encoding.
   *
   * @return the hash code
   */
  @Override
  public int hashCode() {
    return index.hashCode() * 31 + Arrays.hashCode(publicKey);
  }

  /**
   * Shows the index and the first bytes in hex.
   *
   * @return a short form for logs
   */
  @Override
  public String toString() {
    return "PublicShare[" + index + ", " + Bytes.shortHex(publicKey) + "]";
  }
}
