/**
 * dvraft's Raft core: a pure, deterministic Raft state machine with no runtime dependency.
 *
 * <p>Only the API packages are exported; the log, progress tracking and quorum arithmetic stay
 * internal so they can change without breaking hosts.
 */
module io.dvraft.raft {
  exports io.dvraft.raft;
  exports io.dvraft.raft.message;
  exports io.dvraft.raft.codec;
}
