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
 * The hostile tests' own statement of which messages no honest node can ever send, written from
 * the Raft rules and the message javadocs, independently of {@code MessageChecks} (which it is
 * meant to check, not to repeat). A message it calls impossible must be dropped by any receiver,
 * in any state, with a {@link RaftEvent.MessageDropped}, and must change nothing.
 *
 * <p>The rules: no field is negative (only a read id may be); no message is sent in term 0 (every
 * sender has seen a term of at least 1: a campaign or a leader's message got it there); nothing in
 * a message is of a later term than the message itself; index 0 has term 0 and only index 0 does;
 * an AppendEntries carries consecutive entries from prevLogIndex + 1 with terms that never go down
 * and a membership entry whose data is a membership; a rejection's hint is at or below the
 * rejected index; no snapshot reaches beyond index 2^62 (no honest log gets near 2^62 entries,
 * and a snapshot is the only way to jump there) and no chunk ends beyond 2^63-1.
 */
final class HostileOracle {

  private HostileOracle() {}

  /**
   * Says why no honest node could have sent {@code m}.
   *
   * @return the rule it breaks, or null if it could be genuine
   */
  static String impossible(Message m) {
    if (m.term() < 1) {
      return "term " + m.term();
    }
    if (m instanceof VoteRequest v) {
      if (v.lastLogIndex() < 0 || v.lastLogTerm() < 0) {
        return "negative last log position";
      }
      if (v.lastLogTerm() > v.term()) {
        return "last log term above the campaign's term";
      }
      if ((v.lastLogIndex() == 0) != (v.lastLogTerm() == 0)) {
        return "index 0 and term 0 go together";
      }
    } else if (m instanceof AppendEntries a) {
      return append(a);
    } else if (m instanceof AppendEntriesResponse r) {
      if (r.index() < 0 || r.hintIndex() < 0 || r.hintTerm() < 0 || r.round() < 0) {
        return "negative index, hint or round";
      }
      if (!r.success() && r.hintIndex() > r.index()) {
        return "hint above the rejected index";
      }
    } else if (m instanceof InstallSnapshot s) {
      if (s.offset() < 0) {
        return "negative offset";
      }
      if (s.metadata().term() > s.term()) {
        return "snapshot of a later term than its sender's";
      }
      if (s.metadata().index() > 1L << 62) {
        return "snapshot index above 2^62";
      }
      if (s.offset() > Long.MAX_VALUE - s.chunk().length) {
        return "snapshot chunk ending beyond 2^63-1";
      }
    } else if (m instanceof InstallSnapshotResponse r) {
      if (r.snapshotIndex() < 1 || r.nextOffset() < 0) {
        return "snapshot response out of range";
      }
    } else if (m instanceof ReadIndexResponse r) {
      if (r.index() < 0) {
        return "negative read index";
      }
    } else if (!(m instanceof VoteResponse || m instanceof TimeoutNow
        || m instanceof ReadIndexRequest)) {
      return "unknown type";
    }
    return null;
  }

  private static String append(AppendEntries a) {
    if (a.prevLogIndex() < 0 || a.prevLogTerm() < 0 || a.leaderCommit() < 0 || a.round() < 0) {
      return "negative prevLogIndex, prevLogTerm, leaderCommit or round";
    }
    if ((a.prevLogIndex() == 0) != (a.prevLogTerm() == 0)) {
      return "index 0 and term 0 go together";
    }
    if (a.prevLogTerm() > a.term()) {
      return "prevLogTerm above the leader's term";
    }
    List<LogEntry> entries = a.entries();
    long floor = a.prevLogTerm();
    for (int i = 0; i < entries.size(); i++) {
      LogEntry e = entries.get(i);
      if (e.index() != a.prevLogIndex() + 1 + i) {
        return "entries not consecutive from prevLogIndex + 1";
      }
      if (e.term() < floor) {
        return "entry terms go down";
      }
      if (e.term() > a.term()) {
        return "entry of a later term than the leader's";
      }
      if (e.type() == EntryType.MEMBERSHIP && !isMembership(e.data())) {
        return "membership entry that is not a membership";
      }
      floor = e.term();
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
