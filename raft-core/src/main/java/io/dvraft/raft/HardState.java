package io.dvraft.raft;

import java.util.Objects;
import java.util.Optional;

/**
 * The part of a node's state that must be durable before it sends anything that depends on it:
 * the current term and the vote cast in that term (Raft figure 2, "persistent state").
 *
 * @param term the current term, at least 0
 * @param votedFor the candidate voted for in {@code term}, if any
 */
public record HardState(long term, Optional<NodeId> votedFor) {

  /** The state of a node that has never seen a term: term 0, no vote. */
  public static final HardState INITIAL = new HardState(0, Optional.empty());

  /**
   * Checks the state.
   *
   * @param term the current term, at least 0
   * @param votedFor the candidate voted for in {@code term}, if any
   * @throws IllegalArgumentException if the term is negative
   */
  public HardState {
    Objects.requireNonNull(votedFor, "votedFor");
    if (term < 0) {
      throw new IllegalArgumentException("term must not be negative: " + term);
    }
  }
}
