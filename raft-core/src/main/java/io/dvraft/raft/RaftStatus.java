package io.dvraft.raft;

import java.util.Optional;

/**
 * A read-only view of a node's state, for monitoring and tests.
 *
 * @param id the node
 * @param role its role
 * @param term its current term
 * @param leader the leader it knows of
 * @param votedFor its vote in {@code term}
 * @param commitIndex the highest index it knows to be committed
 * @param appliedIndex the highest committed index it has handed out to apply
 * @param firstIndex the first index still in its log (after the snapshot)
 * @param lastIndex the last index in its log
 * @param lastTerm the term of its last entry
 * @param membership the configuration in force
 */
public record RaftStatus(
    NodeId id,
    Role role,
    long term,
    Optional<NodeId> leader,
    Optional<NodeId> votedFor,
    long commitIndex,
    long appliedIndex,
    long firstIndex,
    long lastIndex,
    long lastTerm,
    Membership membership) {}
