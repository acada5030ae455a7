package io.dvraft.bls.crypto;

import java.util.Arrays;

/**
 * The public key of the whole group (the validator's public key): a compressed G1 point.
 *
 * <p>This type checks only the length. Whether the bytes are a valid key (a canonical encoding of
 * a point in the prime-order subgroup, not infinity) is the scheme's call: see {@link
 * ThresholdScheme#validate(GroupPublicKey)} and {@link ThresholdScheme#importKey}.
 *
 * @param bytes the 48-byte compressed encoding
 */
public record GroupPublicKey(byte[] bytes) {

  /** Bytes of a compressed G1 point. */
  public static final int LENGTH = 48;

  /**
   * Checks the length and copies the bytes.
   *
   * @param bytes the 48-byte compressed encoding
   * @throws InvalidKeyMaterialException if {@code bytes} is not 48 bytes long
   */
  public GroupPublicKey {
    bytes = Bytes.copyOfLength(bytes, LENGTH, "group public key");
  }

  /**
   * Returns a copy of the encoding.
   *
   * @return the 48-byte compressed G1 point
   */
  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /**
   * Compares the encodings.
   *
   * @param o the object to compare with
   * @return whether {@code o} is a group public key with the same bytes
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof GroupPublicKey k && Arrays.equals(bytes, k.bytes);
  }

  /**
   * Hashes the encoding.
   *
   * @return the hash code
   */
  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /**
   * Shows the first bytes in hex.
   *
   * @return a short form for logs
   */
  @Override
  public String toString() {
    return "GroupPublicKey[" + Bytes.shortHex(bytes) + "]";
  }
}
