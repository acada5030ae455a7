package io.dvraft.bls;

/**
 * Names one validator key that a BLS-Raft cluster signs with. Log entries carry it; every node's
 * {@link KeyRing} holds its own secret share under it.
 *
 * <p>A plain non-negative number, so that hosts can use the validator index their beacon chain
 * already gives each validator, or any numbering of their own. Ids order naturally, which keeps
 * every iteration over keys, and so every output, deterministic.
 *
 * @param value the id, at least 0
 */
public record KeyId(long value) implements Comparable<KeyId> {

  /**
   * Checks the id.
   *
   * @param value the id, at least 0
   * @throws IllegalArgumentException if {@code value} is negative
   */
  public KeyId {
    if (value < 0) {
      throw new IllegalArgumentException("key id must not be negative: " + value);
    }
  }

  /**
   * Returns the key id with the given number.
   *
   * @param value the id, at least 0
   * @return the key id
   */
  public static KeyId of(long value) {
    return new KeyId(value);
  }

  /**
   * Orders by value.
   *
   * @param other the id to compare with
   * @return negative, zero or positive as this id is below, equal to or above {@code other}
   */
  @Override
  public int compareTo(KeyId other) {
    return Long.compare(value, other.value);
  }

  /**
   * Returns {@code "k"} followed by the value, such as {@code k42}.
   *
   * @return the short form
   */
  @Override
  public String toString() {
    return "k" + value;
  }
}
