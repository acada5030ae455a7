package io.dvraft.bls.crypto;

import java.util.Arrays;
import java.util.Objects;

/**
 * One member's signature with its secret share: a compressed G2 point tagged with the member's
 * share index, which recombination needs.
 *
 * <p>This type checks only the length. Shares are not checked on arrival: {@link
 * ThresholdScheme#combine} is optimistic and the group signature is verified once; {@link
 * ThresholdScheme#verifyShare} finds the bad share when that check fails.
 *
 * @param index the signer's x coordinate
 * @param signature the 96-byte compressed G2 point
 */
public record SignatureShare(ShareIndex index, byte[] signature) {

  /** Bytes of a compressed G2 point. */
  public static final int LENGTH = GroupSignature.LENGTH;

  /**
   * Checks the length and copies the bytes.
   *
   * @param index the signer's x coordinate
   * @param signature the 96-byte compressed G2 point
   * @throws InvalidKeyMaterialException if {@code signature} is not 96 bytes long
   */
  public SignatureShare {
    Objects.requireNonNull(index, "index");
    signature = Bytes.copyOfLength(signature, LENGTH, "signature share " + index);
  }

  /**
   * Returns a copy of the encoding.
   *
   * @return the 96-byte compressed G2 point
   */
  @Override
  public byte[] signature() {
    return signature.clone();
  }

  /**
   * Compares index and encoding.
   *
   * @param o the object to compare with
   * @return whether {@code o} is the same signature share
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof SignatureShare s
        && index.equals(s.index)
        && Arrays.equals(signature, s.signature);
  }

  /**
   * Hashes index and encoding.
   *
   * @return the hash code
   */
  @Override
  public int hashCode() {
    return index.hashCode() * 31 + Arrays.hashCode(signature);
  }

  /**
   * Shows the index and the first bytes in hex.
   *
   * @return a short form for logs
   */
  @Override
  public String toString() {
    return "SignatureShare[" + index + ", " + Bytes.shortHex(signature) + "]";
  }
}
