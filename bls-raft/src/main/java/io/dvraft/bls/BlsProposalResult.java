package io.dvraft.bls;

import io.dvraft.raft.NodeId;
import io.dvraft.raft.ProposalResult;
import io.dvraft.raft.RefusalReason;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer to a BLS-Raft proposal: where it was appended, or why it was refused, either by
 * BLS-Raft (the key, the duty, the signing policy) or by Raft (not the leader, limits...).
 */
public sealed interface BlsProposalResult {

  /**
   * Says whether the command was appended.
   *
   * @return true for {@link Accepted}
   */
  default boolean isAccepted() {
    return this instanceof Accepted;
  }

  /**
   * Converts Raft's answer.
   *
   * @param result what {@code RaftStateMachine.propose} answered
   * @return the same answer as a BLS-Raft result
   */
  static BlsProposalResult of(ProposalResult result) {
    if (result instanceof ProposalResult.Accepted a) {
      return new Accepted(a.index(), a.term());
    }
    ProposalResult.Refused r = (ProposalResult.Refused) result;
    return new RaftRefused(r.reason(), r.leaderHint());
  }

  /**
   * The command was appended to the leader's log.
   *
   * @param index the log index of the new entry
   * @param term the term it was appended in
   */
  record Accepted(long index, long term) implements BlsProposalResult {}

  /**
   * Raft refused the command (the same reasons as {@link ProposalResult.Refused}).
   *
   * @param reason why
   * @param leaderHint the leader to retry with, when known
   */
  record RaftRefused(RefusalReason reason, Optional<NodeId> leaderHint)
      implements BlsProposalResult {
    /**
     * Checks that nothing is null.
     *
     * @param reason why
     * @param leaderHint the leader to retry with, when known
     */
    public RaftRefused {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(leaderHint, "leaderHint");
    }
  }

  /**
   * BLS-Raft refused the command; Raft never saw it.
   *
   * @param reason why
   * @param detail a human-readable explanation
   */
  record BlsRefused(BlsRefusalReason reason, String detail) implements BlsProposalResult {
    /**
     * Checks that nothing is null.
     *
     * @param reason why
     * @param detail a human-readable explanation
     */
    public BlsRefused {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(detail, "detail");
    }
  }
}
