package io.dvraft.bls.crypto;

import java.util.Arrays;

/**
 * A signature under the group public key: a compressed G2 point, byte for byte what a single
 * Ethereum signer holding the group secret would have produced.
 *
 * <p>This type checks only the length; {@link ThresholdScheme#verify} and {@link
 * ThresholdScheme#validate(GroupSignature)} check the point.
 *
 * @param bytes the 96-byte compressed encoding
 */
public record GroupSignature(byte[] bytes) {

  /** Bytes of a compressed G2 point. */
  public static final int LENGTH = 96;

  /**
   * Checks the length and copies the bytes.
   *
   * @param bytes the 96-byte compressed encoding
   * @throws InvalidKeyMaterialException if {@code bytes} is not 96 bytes long
   */
  public GroupSignature {
    bytes = Bytes.copyOfLength(bytes, LENGTH, "group signature");
  }

  /**
   * Returns a copy of the encoding.
   *
   * @return the 96-byte compressed G2 point
   */
  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /**
   * Compares the encodings.
   *
   * @param o the object to compare with
   * @return whether {@code o} is a group signature with the same bytes
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof GroupSignature s && Arrays.equals(bytes, s.bytes);
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
    return "GroupSignature[" + Bytes.shortHex(bytes) + "]";
  }
}
