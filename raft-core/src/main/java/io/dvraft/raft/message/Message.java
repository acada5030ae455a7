package io.dvraft.raft.message;

/**
 * A Raft message. The family is closed so that hosts, codecs and test kits can switch over it
 * exhaustively.
 */
public sealed interface Message
    permits VoteRequest,
        VoteResponse,
        AppendEntries,
        AppendEntriesResponse,
        InstallSnapshot,
        InstallSnapshotResponse,
        TimeoutNow,
        ReadIndexRequest,
        ReadIndexResponse {

  /**
   * Returns the sender's term when it sent the message.
   *
   * @return the term, at least 0
   */
  long term();
}
