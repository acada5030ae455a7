package io.dvraft.raft;

import java.util.Objects;
import java.util.Optional;

/**
 * The part of a node's state that must be durable before it sends anything that depends on it:
 * the current term and the vote cast in that term (Raft figure 2, "persistent state"), and, as a
 * hint for restarts, an index known committed.
 *
 * <p>The commit index is not needed for safety: a node that restarts with a lower one learns the
 * rest from the leader. It is there for liveness: a restarted node that knows which membership
 * entries are committed restarts in the cluster's current configuration (see docs/architecture.md,
 * decision 6). The state machine only reports a commit index whose entries were durable before
 * the batch that carries it, so it never points past the host's log, whatever order the host
 * writes a batch's records in; and a change of the commit index alone does not ask for an fsync
 * ({@link Output#mustSync()}).
 *
 * @param term the current term, at least 0
 * @param votedFor the candidate voted for in {@code term}, if any
 * @param commit an index known committed, at least 0, at most the last index of the persisted log
 */
public record HardState(long term, Optional<NodeId> votedFor, long commit) {

  /** The state of a node that has never seen a term: term 0, no vote, nothing committed. */
  public static final HardState INITIAL = new HardState(0, Optional.empty(), 0);

  /**
   * Checks the state.
   *
   * @param term the current term, at least 0
   * @param votedFor the candidate voted for in {@code term}, if any
   * @param commit an index known committed, at least 0
   * @throws IllegalArgumentException if the term or the commit index is negative
   */
  public HardState {
    Objects.requireNonNull(votedFor, "votedFor");
    if (term < 0) {
      throw new IllegalArgumentException("term must not be negative: " + term);
    }
    if (commit < 0) {
      throw new IllegalArgumentException("commit index must not be negative: " + commit);
    }
  }

  /**
   * Creates a state with no commit index known (0), as a node that has committed nothing, or a host
   * that does not keep it, has.
   *
   * @param term the current term, at least 0
   * @param votedFor the candidate voted for in {@code term}, if any
   */
  public HardState(long term, Optional<NodeId> votedFor) {
    this(term, votedFor, 0);
  }

  /**
   * Says whether the term or the vote differ from {@code other}'s: the changes that must be synced
   * before a message that depends on them is sent.
   *
   * @param other the state to compare with
   * @return true if the term or the vote differ
   */
  public boolean termOrVoteDiffers(HardState other) {
    return term != other.term || !votedFor.equals(other.votedFor);
  }
}
