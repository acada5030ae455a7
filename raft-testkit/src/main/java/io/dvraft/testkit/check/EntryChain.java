package io.dvraft.testkit.check;

import io.dvraft.raft.LogEntry;

/**
 * A running hash over a log prefix: {@code chain(i) = mix(chain(i - 1), entry i)}, with {@code
 * chain(0) = }{@link #START}. Two logs with the same chain value at an index hold the same entries
 * up to it (barring a 64-bit collision), so one comparison checks a whole prefix. The simulator
 * keeps the chain of every durable log and of every application's applied sequence, and snapshots
 * carry the chain at their index.
 */
public final class EntryChain {

  /** The chain of the empty prefix. */
  public static final long START = 0x6a09e667f3bcc908L;

  private EntryChain() {}

  /**
   * Extends a chain by one entry.
   *
   * @param previous the chain up to the entry before
   * @param entry the entry
   * @return the chain up to and including {@code entry}
   */
  public static long extend(long previous, LogEntry entry) {
    long h = mix(previous ^ 0x9e3779b97f4a7c15L);
    h = mix(h ^ entry.index());
    h = mix(h ^ entry.term());
    h = mix(h ^ (entry.type().ordinal() + 1));
    byte[] data = entry.data();
    long block = 0;
    for (int i = 0; i < data.length; i++) {
      block = (block << 8) | (data[i] & 0xff);
      if ((i & 7) == 7) {
        h = mix(h ^ block);
        block = 0;
      }
    }
    return mix(h ^ block ^ ((long) data.length << 32));
  }

  /**
   * Renders a chain value for messages.
   *
   * @param chain the value
   * @return sixteen hex digits
   */
  public static String hex(long chain) {
    return String.format("%016x", chain);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
