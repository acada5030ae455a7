package io.dvraft.raft;

import java.util.Objects;
import java.util.Optional;

/**
 * The answer to a request that starts work completing later: a read, a membership change, a
 * leadership transfer or a snapshot. {@link #ok()} means the request was taken; its outcome shows
 * in later outputs (a {@link ReadState}, a {@link RaftEvent.MembershipApplied}, a role change).
 *
 * @param reason empty when the request was taken, otherwise why it was refused
 * @param leaderHint the leader to retry with, when known
 */
public record RequestResult(Optional<RefusalReason> reason, Optional<NodeId> leaderHint) {

  private static final RequestResult OK = new RequestResult(Optional.empty(), Optional.empty());

  /**
   * Checks that nothing is null.
   *
   * @param reason empty when the request was taken, otherwise why it was refused
   * @param leaderHint the leader to retry with, when known
   */
  public RequestResult {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(leaderHint, "leaderHint");
  }

  /**
   * Returns the answer for a request that was taken.
   *
   * @return the accepted result
   */
  public static RequestResult accepted() {
    return OK;
  }

  /**
   * Returns the answer for a refused request.
   *
   * @param reason why
   * @param leaderHint the leader, if known
   * @return the refused result
   */
  public static RequestResult refused(RefusalReason reason, Optional<NodeId> leaderHint) {
    return new RequestResult(Optional.of(reason), leaderHint);
  }

  /**
   * Says whether the request was taken.
   *
   * @return true if there is no refusal reason
   */
  public boolean ok() {
    return reason.isEmpty();
  }
}
