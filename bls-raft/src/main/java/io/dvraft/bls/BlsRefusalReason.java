package io.dvraft.bls;

/** Why BLS-Raft itself refused a proposal, before Raft was asked. */
public enum BlsRefusalReason {
  /** The signing root is not 32 bytes, or the duty key is too long. */
  INVALID_DUTY,
  /** The key is not active at the end of the leader's log (never added, or removed). */
  UNKNOWN_KEY,
  /** The key's {@code AddKey} failed validation, so nothing can be signed with it. */
  INVALID_KEY,
  /** The leader's signing policy refused: it already signed another root for this duty. */
  CONFLICTING_DUTY,
  /** {@code proposeAddKey} for a key that is already active. */
  KEY_EXISTS,
  /** {@code proposeAddKey} with a threshold that is not a majority of the members (t &lt;= n/2). */
  THRESHOLD_NOT_MAJORITY,
  /** {@code proposeCommand} with bytes that start like a BLS-Raft command. */
  RESERVED_PREFIX
}
