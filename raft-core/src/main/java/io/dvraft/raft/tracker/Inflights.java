package io.dvraft.raft.tracker;

/**
 * The AppendEntries in flight to one follower, as the last index each carried, in a ring
 * buffer: sending records one, an acknowledgement frees every one at or below its index.
 */
public final class Inflights {

  private final long[] lastIndexes;
  private int start;
  private int count;

  /**
   * Creates an empty window.
   *
   * @param capacity the most messages in flight
   */
  public Inflights(int capacity) {
    this.lastIndexes = new long[capacity];
  }

  /**
   * Records a message sent.
   *
   * @param lastIndex the last index it carried
   */
  public void add(long lastIndex) {
    lastIndexes[(start + count) % lastIndexes.length] = lastIndex;
    count++;
  }

  /**
   * Frees the messages acknowledged by an ack of {@code index}.
   *
   * @param index the acknowledged index
   */
  public void freeUpTo(long index) {
    while (count > 0 && lastIndexes[start] <= index) {
      start = (start + 1) % lastIndexes.length;
      count--;
    }
  }

  /** Forgets the oldest message in flight, if any (presumed lost). */
  public void freeFirstOne() {
    if (count > 0) {
      start = (start + 1) % lastIndexes.length;
      count--;
    }
  }

  /** Forgets every message in flight. */
  public void clear() {
    start = 0;
    count = 0;
  }

  /**
   * Says whether the window is full.
   *
   * @return true if no more message may be sent
   */
  public boolean isFull() {
    return count == lastIndexes.length;
  }

  /**
   * Returns the number of messages in flight.
   *
   * @return the count
   */
  public int count() {
    return count;
  }
}
