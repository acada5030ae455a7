package io.dvraft.raft;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One entry of the replicated log.
 *
 * <p>The {@code data} array is shared, not copied, on the replication hot path: the state machine
 * copies a command once when it is proposed and never mutates it afterwards, and hosts must not
 * mutate the array they get back either. Equality compares the contents.
 *
 * @param index the position in the log, from 1
 * @param term the term of the leader that created the entry, from 1
 * @param type what the entry carries
 * @param data the command bytes, the encoded membership, or empty for a no-op
 */
public record LogEntry(long index, long term, EntryType type, byte[] data) {

  private static final byte[] EMPTY = new byte[0];

  /**
   * Checks the entry.
   *
   * @param index the position in the log, from 1
   * @param term the term of the leader that created the entry, from 1
   * @param type what the entry carries
   * @param data the command bytes, the encoded membership, or empty for a no-op
   * @throws IllegalArgumentException if the index or term is below 1
   */
  public LogEntry {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(data, "data");
    if (index < 1) {
      throw new IllegalArgumentException("entry index must be at least 1: " + index);
    }
    if (term < 1) {
      throw new IllegalArgumentException("entry term must be at least 1: " + term);
    }
  }

  /**
   * Returns a command entry.
   *
   * @param index the log index
   * @param term the term
   * @param command the command bytes (not copied)
   * @return the entry
   */
  public static LogEntry command(long index, long term, byte[] command) {
    return new LogEntry(index, term, EntryType.COMMAND, command);
  }

  /**
   * Returns the no-op entry a new leader appends.
   *
   * @param index the log index
   * @param term the leader's term
   * @return the entry
   */
  public static LogEntry noop(long index, long term) {
    return new LogEntry(index, term, EntryType.NOOP, EMPTY);
  }

  /**
   * Returns the number of payload bytes, the unit of the byte limits in {@link RaftConfig}.
   *
   * @return {@code data().length}
   */
  public int size() {
    return data.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LogEntry e
        && index == e.index
        && term == e.term
        && type == e.type
        && Arrays.equals(data, e.data);
  }

  @Override
  public int hashCode() {
    return Objects.hash(index, term, type) * 31 + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    String shown = data.length <= 16
        ? HexFormat.of().formatHex(data)
        : HexFormat.of().formatHex(data, 0, 16) + "...(" + data.length + " bytes)";
    return "LogEntry[" + index + "@" + term + " " + type + " " + shown + "]";
  }
}
