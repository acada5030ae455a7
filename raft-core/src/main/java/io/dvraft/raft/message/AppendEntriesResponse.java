package io.dvraft.raft.message;

import java.util.Arrays;
import java.util.Objects;

/**
 * The answer to {@link AppendEntries}.
 *
 * <p>On success, {@code index} is the last index the request confirmed (its {@code lastIndex()}).
 * On rejection, {@code index} is the rejected {@code prevLogIndex} and the hint pair lets the
 * leader skip a whole conflicting term at once (fast backtracking, Raft 5.3 end): {@code
 * hintIndex} is the follower's last index at or below the rejected one whose term is at most the
 * request's {@code prevLogTerm}, and {@code hintTerm} is that entry's term.
 *
 * @param term the follower's term
 * @param success whether the entries were accepted
 * @param index the confirmed last index on success, the rejected prevLogIndex on failure
 * @param hintIndex on failure, where the leader should look for agreement; 0 on success
 * @param hintTerm on failure, the follower's term at {@code hintIndex}; 0 on success
 * @param round the heartbeat round echoed from the request
 * @param extension opaque bytes for a decorator, empty if none; shared, not copied
 */
public record AppendEntriesResponse(
    long term,
    boolean success,
    long index,
    long hintIndex,
    long hintTerm,
    long round,
    byte[] extension)
    implements Message {

  private static final byte[] NONE = new byte[0];

  /**
   * Checks that the extension is not null.
   *
   * @param term the follower's term
   * @param success whether the entries were accepted
   * @param index the confirmed last index on success, the rejected prevLogIndex on failure
   * @param hintIndex on failure, where the leader should look for agreement; 0 on success
   * @param hintTerm on failure, the follower's term at {@code hintIndex}; 0 on success
   * @param round the heartbeat round echoed from the request
   * @param extension opaque bytes for a decorator, empty if none; shared, not copied
   */
  public AppendEntriesResponse {
    Objects.requireNonNull(extension, "extension");
  }

  /**
   * Returns a success answer.
   *
   * @param term the follower's term
   * @param index the last index confirmed
   * @param round the echoed round
   * @return the response
   */
  public static AppendEntriesResponse accepted(long term, long index, long round) {
    return new AppendEntriesResponse(term, true, index, 0, 0, round, NONE);
  }

  /**
   * Returns a rejection with a backtracking hint.
   *
   * @param term the follower's term
   * @param rejectedIndex the prevLogIndex that did not match
   * @param hintIndex the follower's suggested index
   * @param hintTerm the follower's term at {@code hintIndex}
   * @param round the echoed round
   * @return the response
   */
  public static AppendEntriesResponse rejected(
      long term, long rejectedIndex, long hintIndex, long hintTerm, long round) {
    return new AppendEntriesResponse(term, false, rejectedIndex, hintIndex, hintTerm, round, NONE);
  }

  /**
   * Returns the same response with another extension.
   *
   * @param newExtension the extension bytes (not copied)
   * @return a copy carrying {@code newExtension}
   */
  public AppendEntriesResponse withExtension(byte[] newExtension) {
    return new AppendEntriesResponse(
        term, success, index, hintIndex, hintTerm, round, newExtension);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AppendEntriesResponse r
        && term == r.term
        && success == r.success
        && index == r.index
        && hintIndex == r.hintIndex
        && hintTerm == r.hintTerm
        && round == r.round
        && Arrays.equals(extension, r.extension);
  }

  @Override
  public int hashCode() {
    return Objects.hash(term, success, index, hintIndex, hintTerm, round)
        + 31 * Arrays.hashCode(extension);
  }

  @Override
  public String toString() {
    return "AppendEntriesResponse[term=" + term + ", " + (success ? "ok" : "reject")
        + ", index=" + index + (success ? "" : ", hint=" + hintIndex + "@" + hintTerm)
        + ", round=" + round
        + (extension.length > 0 ? ", extension=" + extension.length + " bytes" : "") + "]";
  }
}
