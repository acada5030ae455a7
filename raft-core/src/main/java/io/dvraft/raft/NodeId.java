package io.dvraft.raft;

/**
 * The identity of one member of a Raft group.
 *
 * <p>A plain non-negative number, so that hosts can use the operator ids their network already has
 * (distributed-validator networks often number their operators). Ids order naturally, which keeps
 * every iteration over members, and so every output, deterministic.
 *
 * @param value the id, at least 0
 */
public record NodeId(long value) implements Comparable<NodeId> {

  /**
   * Checks the id.
   *
   * @param value the id, at least 0
   * @throws IllegalArgumentException if {@code value} is negative
   */
  public NodeId {
    if (value < 0) {
      throw new IllegalArgumentException("node id must not be negative: " + value);
    }
  }

  /**
   * Returns the node id with the given number.
   *
   * @param value the id, at least 0
   * @return the node id
   */
  public static NodeId of(long value) {
    return new NodeId(value);
  }

  @Override
  public int compareTo(NodeId other) {
    return Long.compare(value, other.value);
  }

  @Override
  public String toString() {
    return "n" + value;
  }
}
