package io.dvraft.bls.crypto;

/**
 * The x coordinate of a member's Shamir share.
 *
 * <p>Any positive number, chosen per member: 1..n is common, but distributed-validator networks
 * often use their operator ids (say 7, 42, 1001), and recombination works the same with them.
 * Indexes order naturally, so lists of shares sort deterministically.
 *
 * @param value the x coordinate, at least 1 (0 is where the group secret sits)
 */
public record ShareIndex(long value) implements Comparable<ShareIndex> {

  /**
   * Checks the index.
   *
   * @param value the x coordinate, at least 1
   * @throws InvalidKeyMaterialException if {@code value} is below 1
   */
  public ShareIndex {
    if (value < 1) {
      throw new InvalidKeyMaterialException("share index must be at least 1, got " + value);
    }
  }

  /**
   * Returns the share index with the given value.
   *
   * @param value the x coordinate, at least 1
   * @return the index
   * @throws InvalidKeyMaterialException if {@code value} is below 1
   */
  public static ShareIndex of(long value) {
    return new ShareIndex(value);
  }

  /**
   * Orders by value.
   *
   * @param other the index to compare with
   * @return negative, zero or positive as this index is below, equal to or above {@code other}
   */
  @Override
  public int compareTo(ShareIndex other) {
    return Long.compare(value, other.value);
  }

  /**
   * Returns {@code "x"} followed by the value, such as {@code x42}.
   *
   * @return the short form
   */
  @Override
  public String toString() {
    return "x" + value;
  }
}
