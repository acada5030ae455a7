package io.dvraft.raft;

/** What a log entry carries. */
public enum EntryType {
  /** An application command, proposed through {@link RaftStateMachine#propose(byte[])}. */
  COMMAND,
  /** The empty entry a new leader appends to commit the entries of earlier terms (Raft 5.4.2). */
  NOOP,
  /** A membership configuration; its data is the encoded {@link Membership}. */
  MEMBERSHIP
}
