package io.dvraft.bls;

/**
 * What a BLS-Raft leader puts in the extension of every AppendEntries it sends: the watermark below
 * which it needs no more shares.
 *
 * @param finalizedIndex every entry at or below it is group-signed or unsignable; at least 0
 */
public record SignatureRequest(long finalizedIndex) {

  /**
   * Checks the index.
   *
   * @param finalizedIndex every entry at or below it is group-signed or unsignable; at least 0
   * @throws IllegalArgumentException if it is negative
   */
  public SignatureRequest {
    if (finalizedIndex < 0) {
      throw new IllegalArgumentException("finalized index must not be negative: " + finalizedIndex);
    }
  }
}
