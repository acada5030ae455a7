package io.dvraft.raft;

import io.dvraft.raft.codec.MalformedMessageException;
import io.dvraft.raft.codec.RaftCodec;
import io.dvraft.raft.message.AppendEntries;
import io.dvraft.raft.message.AppendEntriesResponse;
import io.dvraft.raft.message.InstallSnapshot;
import io.dvraft.raft.message.InstallSnapshotResponse;
import io.dvraft.raft.message.Message;
import io.dvraft.raft.message.ReadIndexRequest;
import io.dvraft.raft.message.ReadIndexResponse;
import io.dvraft.raft.message.TimeoutNow;
import io.dvraft.raft.message.VoteRequest;
import io.dvraft.raft.message.VoteResponse;
import java.util.List;

/**
 * The checks a message must pass on its own, whatever the receiver's state: numbers in range and
 * entries that can exist. A message failing them could only come from a broken or hostile peer,
 * so the state machine drops it before it touches anything.
 */
final class MessageChecks {

  /**
   * The highest snapshot index accepted. A snapshot is the one message that moves a log's end
   * anywhere at once; beyond this a leader's next entries could overflow the index (no honest log
   * gets near it: 2^62 entries).
   */
  static final long MAX_SNAPSHOT_INDEX = 1L << 62;

  private MessageChecks() {}

  /**
   * Checks a message.
   *
   * @param m the message
   * @return null if it is well formed, otherwise the reason it is not
   */
  static String problem(Message m) {
    if (m.term() < 0) {
      return "negative term";
    }
    if (m instanceof VoteRequest v) {
      return voteRequest(v);
    } else if (m instanceof VoteResponse r) {
      if (r.term() < 1) {
        return "vote response in term 0";
      }
      if (r.commitIndex() < 0 || r.commitTerm() < 0 || r.commitTerm() > r.term()
          || (r.commitIndex() == 0) != (r.commitTerm() == 0)) {
        return "vote response commit hint out of range";
      }
      return null;
    } else if (m instanceof AppendEntries a) {
      return appendEntries(a);
    } else if (m instanceof AppendEntriesResponse r) {
      return appendResponse(r);
    } else if (m instanceof InstallSnapshot s) {
      return installSnapshot(s);
    } else if (m instanceof InstallSnapshotResponse r) {
      if (r.term() < 1) {
        return "snapshot response in term 0";
      }
      return r.snapshotIndex() < 1 || r.nextOffset() < 0 ? "snapshot response out of range" : null;
    } else if (m instanceof TimeoutNow t) {
      return t.term() < 1 ? "TimeoutNow in term 0" : null;
    } else if (m instanceof ReadIndexRequest r) {
      return r.term() < 1 ? "read request in term 0" : null;
    } else if (m instanceof ReadIndexResponse r) {
      return r.term() < 1 || r.index() < 0 ? "read response out of range" : null;
    }
    return "unknown message type";
  }

  private static String voteRequest(VoteRequest v) {
    if (v.term() < 1) {
      return "vote request in term 0";
    }
    if (v.lastLogIndex() < 0 || v.lastLogTerm() < 0) {
      return "negative last log position";
    }
    if (v.lastLogTerm() > v.term()) {
      return "last log term " + v.lastLogTerm() + " above the request term " + v.term();
    }
    if ((v.lastLogIndex() == 0) != (v.lastLogTerm() == 0)) {
      return "last log index and term must both be 0 or both positive";
    }
    return null;
  }

  private static String appendEntries(AppendEntries a) {
    if (a.term() < 1) {
      return "append in term 0";
    }
    if (a.prevLogIndex() < 0 || a.prevLogTerm() < 0 || a.leaderCommit() < 0 || a.round() < 0) {
      return "negative index, term, commit or round";
    }
    if ((a.prevLogIndex() == 0) != (a.prevLogTerm() == 0)) {
      return "prevLogIndex and prevLogTerm must both be 0 or both positive";
    }
    if (a.prevLogTerm() > a.term()) {
      return "prevLogTerm " + a.prevLogTerm() + " above the leader's term " + a.term();
    }
    long expectedIndex = a.prevLogIndex() + 1;
    long minTerm = a.prevLogTerm();
    List<LogEntry> entries = a.entries();
    for (int i = 0; i < entries.size(); i++) {
      LogEntry e = entries.get(i);
      if (e.index() != expectedIndex) {
        return "entry " + e.index() + " does not follow " + (expectedIndex - 1);
      }
      if (e.term() < minTerm || e.term() > a.term()) {
        return "entry " + e.index() + " has term " + e.term() + " out of order";
      }
      if (e.type() == EntryType.MEMBERSHIP && !isMembership(e.data())) {
        return "entry " + e.index() + " is not a valid membership";
      }
      expectedIndex++;
      minTerm = e.term();
    }
    return null;
  }

  private static String appendResponse(AppendEntriesResponse r) {
    if (r.term() < 1) {
      return "append response in term 0";
    }
    if (r.index() < 0 || r.hintIndex() < 0 || r.hintTerm() < 0 || r.round() < 0) {
      return "negative index, hint or round";
    }
    if (!r.success() && r.hintIndex() > r.index()) {
      return "rejection hint " + r.hintIndex() + " above the rejected index " + r.index();
    }
    return null;
  }

  private static String installSnapshot(InstallSnapshot s) {
    if (s.term() < s.metadata().term()) {
      return "snapshot term above the leader's term";
    }
    if (s.metadata().index() > MAX_SNAPSHOT_INDEX) {
      return "snapshot index " + s.metadata().index() + " above 2^62";
    }
    if (s.offset() < 0) {
      return "negative snapshot offset";
    }
    if (s.offset() > Long.MAX_VALUE - s.chunk().length) {
      return "snapshot chunk at offset " + s.offset() + " ends beyond 2^63-1";
    }
    return null;
  }

  private static boolean isMembership(byte[] data) {
    try {
      RaftCodec.decodeMembership(data);
      return true;
    } catch (MalformedMessageException e) {
      return false;
    }
  }
}
