package io.dvraft.raft;

import java.util.Objects;
import java.util.Optional;

/**
 * The answer to a proposal: where the command was appended, or why it was refused. A proposal is
 * never silently dropped, though an accepted one can still be lost if leadership changes before
 * it commits: the host learns that from the entry at its index committing with another term.
 */
public sealed interface ProposalResult {

  /**
   * Says whether the command was appended.
   *
   * @return true for {@link Accepted}
   */
  default boolean isAccepted() {
    return this instanceof Accepted;
  }

  /**
   * The command was appended to the leader's log.
   *
   * @param index the log index of the new entry
   * @param term the term it was appended in; it is committed if the entry at {@code index} that
   *     later commits has this term
   */
  record Accepted(long index, long term) implements ProposalResult {}

  /**
   * The command was not appended.
   *
   * @param reason why
   * @param leaderHint the leader to retry with, when known (for {@link RefusalReason#NOT_LEADER})
   */
  record Refused(RefusalReason reason, Optional<NodeId> leaderHint) implements ProposalResult {
    /**
     * Checks that nothing is null.
     *
     * @param reason why
     * @param leaderHint the leader to retry with, when known (for {@link RefusalReason#NOT_LEADER})
     */
    public Refused {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(leaderHint, "leaderHint");
    }
  }
}
