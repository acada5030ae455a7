package io.dvraft.raft;

/** Why the state machine refused a request from its host. */
public enum RefusalReason {
  /** Only the leader accepts this; the result carries the known leader, if any. */
  NOT_LEADER,
  /** The leader is handing leadership over and accepts no new proposals until that ends. */
  TRANSFER_IN_PROGRESS,
  /** Accepting the command would take the uncommitted bytes past the configured limit. */
  UNCOMMITTED_LIMIT,
  /** The command is larger than the configured maximum command size. */
  COMMAND_TOO_LARGE,
  /** A membership change is still in progress; only one may run at a time. */
  CHANGE_IN_PROGRESS,
  /** The requested membership is not valid (no voter, a node both voter and learner...). */
  INVALID_MEMBERSHIP,
  /** The target is not a voter of the current configuration, or is this node. */
  INVALID_TARGET,
  /** The snapshot index is not applied yet, or not newer than the current snapshot. */
  INVALID_SNAPSHOT,
  /** No leader is known to forward the request to. */
  NO_LEADER,
  /** This node has been removed from the configuration. */
  NOT_A_MEMBER
}
