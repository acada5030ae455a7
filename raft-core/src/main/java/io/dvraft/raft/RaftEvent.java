package io.dvraft.raft;

import java.util.Objects;
import java.util.Optional;

/**
 * Something that happened inside the state machine that a host may want to log, count or test,
 * but need not act on. Events never carry work to do: that is in the other {@link Output} fields.
 */
public sealed interface RaftEvent {

  /**
   * The node's role, term or known leader changed.
   *
   * @param role the new role
   * @param term the current term
   * @param leader the leader of {@code term} as far as this node knows
   */
  record StateChanged(Role role, long term, Optional<NodeId> leader) implements RaftEvent {
    /**
     * Checks that nothing is null.
     *
     * @param role the new role
     * @param term the current term
     * @param leader the leader of {@code term} as far as this node knows
     */
    public StateChanged {
      Objects.requireNonNull(role, "role");
      Objects.requireNonNull(leader, "leader");
    }
  }

  /**
   * A membership entry was committed and now governs elections and commitment.
   *
   * @param index the log index of the membership entry
   * @param membership the configuration now in force
   */
  record MembershipApplied(long index, Membership membership) implements RaftEvent {}

  /**
   * An inbound message was invalid and was dropped without touching any state.
   *
   * @param from the claimed sender
   * @param messageType the simple name of the message's type
   * @param reason why it was dropped
   */
  record MessageDropped(NodeId from, String messageType, String reason) implements RaftEvent {}

  /**
   * A proposal, membership change, transfer or read was refused.
   *
   * @param what which input was refused (for example {@code "propose"})
   * @param reason the reason
   */
  record RequestRefused(String what, RefusalReason reason) implements RaftEvent {}

  /**
   * This leader started moving leadership to {@code target}.
   *
   * @param target the transferee
   */
  record TransferStarted(NodeId target) implements RaftEvent {}

  /**
   * A leadership transfer ended without the target taking over in time.
   *
   * @param target the transferee
   */
  record TransferAborted(NodeId target) implements RaftEvent {}

  /**
   * Reads that were waiting for leadership confirmation were dropped because this node lost
   * leadership (or the leader it forwarded to); the host should retry them.
   *
   * @param count how many reads were dropped
   */
  record ReadsDropped(int count) implements RaftEvent {}

  /**
   * The log was compacted after a snapshot.
   *
   * @param snapshotIndex the index the snapshot covers
   * @param firstIndex the first index still held in the log
   */
  record LogCompacted(long snapshotIndex, long firstIndex) implements RaftEvent {}

  /**
   * The leader's snapshot was sent in full to a follower whose log had fallen behind the
   * compacted prefix.
   *
   * @param follower the follower
   * @param snapshotIndex the index the snapshot covers
   */
  record SnapshotSent(NodeId follower, long snapshotIndex) implements RaftEvent {}
}
