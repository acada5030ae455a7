package io.dvraft.raft.message;

import io.dvraft.raft.LogEntry;
import io.dvraft.raft.internal.FrozenList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * AppendEntries (Raft 5.3): new entries to append after {@code prevLogIndex}, or none (a
 * heartbeat).
 *
 * <p>The {@code round} numbers the leader's heartbeat rounds: a follower echoes it, and a quorum of
 * echoes of round r proves the leader still led when it sent round r, which is what ReadIndex and
 * lease reads need. The {@code extension} is opaque to Raft and passed through untouched: BLS-Raft
 * uses it for signature requests.
 *
 * @param term the leader's term
 * @param prevLogIndex the index of the entry just before {@code entries}
 * @param prevLogTerm the term of the entry at {@code prevLogIndex}
 * @param entries the entries to append, consecutive from {@code prevLogIndex + 1}; may be empty
 * @param leaderCommit the leader's commit index
 * @param round the leader's heartbeat round this message belongs to
 * @param extension opaque bytes for a decorator, empty if none; shared, not copied
 */
public record AppendEntries(
    long term,
    long prevLogIndex,
    long prevLogTerm,
    List<LogEntry> entries,
    long leaderCommit,
    long round,
    byte[] extension)
    implements Message {

  private static final byte[] NONE = new byte[0];

  /**
   * Checks that nothing is null and freezes the entry list.
   *
   * @param term the leader's term
   * @param prevLogIndex the index of the entry just before {@code entries}
   * @param prevLogTerm the term of the entry at {@code prevLogIndex}
   * @param entries the entries to append, consecutive from {@code prevLogIndex + 1}; may be empty
   * @param leaderCommit the leader's commit index
   * @param round the leader's heartbeat round this message belongs to
   * @param extension opaque bytes for a decorator, empty if none; shared, not copied
   */
  public AppendEntries {
    // The leader's slices of its log are frozen already: they are not copied again.
    entries = FrozenList.freeze(entries);
    Objects.requireNonNull(extension, "extension");
  }

  /**
   * Returns an AppendEntries without extension.
   *
   * @param term the leader's term
   * @param prevLogIndex the index before the entries
   * @param prevLogTerm the term at {@code prevLogIndex}
   * @param entries the entries
   * @param leaderCommit the leader's commit index
   * @param round the heartbeat round
   * @return the message
   */
  public static AppendEntries of(
      long term,
      long prevLogIndex,
      long prevLogTerm,
      List<LogEntry> entries,
      long leaderCommit,
      long round) {
    return new AppendEntries(term, prevLogIndex, prevLogTerm, entries, leaderCommit, round, NONE);
  }

  /**
   * Returns the same message with another extension.
   *
   * @param newExtension the extension bytes (not copied)
   * @return a copy carrying {@code newExtension}
   */
  public AppendEntries withExtension(byte[] newExtension) {
    return new AppendEntries(
        term, prevLogIndex, prevLogTerm, entries, leaderCommit, round, newExtension);
  }

  /**
   * Returns the index of the last entry carried, or {@code prevLogIndex} if there is none.
   *
   * @return the last index this message would confirm on success
   */
  public long lastIndex() {
    return prevLogIndex + entries.size();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AppendEntries a
        && term == a.term
        && prevLogIndex == a.prevLogIndex
        && prevLogTerm == a.prevLogTerm
        && leaderCommit == a.leaderCommit
        && round == a.round
        && entries.equals(a.entries)
        && Arrays.equals(extension, a.extension);
  }

  @Override
  public int hashCode() {
    return Objects.hash(term, prevLogIndex, prevLogTerm, entries, leaderCommit, round)
        + 31 * Arrays.hashCode(extension);
  }

  @Override
  public String toString() {
    return "AppendEntries[term=" + term + ", prev=" + prevLogIndex + "@" + prevLogTerm
        + ", entries=" + entries.size() + ", commit=" + leaderCommit + ", round=" + round
        + (extension.length > 0 ? ", extension=" + extension.length + " bytes" : "") + "]";
  }
}
