package io.dvraft.testkit.sim;

import io.dvraft.raft.LogEntry;
import io.dvraft.raft.NodeId;
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
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-256 of a run's event trace: every delivery (sender, receiver, the message's fields),
 * every fault, client operation and role change, with its tick. Two runs with the same hash did the
 * same thing; the determinism test compares them.
 */
final class Trace {

  private final MessageDigest digest;
  private final ByteBuffer buffer = ByteBuffer.allocate(8192);

  Trace() {
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  void event(long tick, String what) {
    putLong(tick);
    byte[] bytes = what.getBytes(StandardCharsets.UTF_8);
    putLong(bytes.length);
    putBytes(bytes);
  }

  void delivery(long tick, NodeId from, NodeId to, Message m) {
    putLong(tick);
    putLong(from.value());
    putLong(to.value());
    message(m);
  }

  private void message(Message m) {
    putLong(m.term());
    if (m instanceof AppendEntries a) {
      putLong(1);
      putLong(a.prevLogIndex());
      putLong(a.prevLogTerm());
      putLong(a.leaderCommit());
      putLong(a.round());
      putLong(a.entries().size());
      for (LogEntry e : a.entries()) {
        putLong(e.index());
        putLong(e.term());
        putLong(e.type().ordinal());
        putLong(e.data().length);
        putBytes(e.data());
      }
      putBytes(a.extension());
    } else if (m instanceof AppendEntriesResponse r) {
      putLong(2);
      putLong(r.success() ? 1 : 0);
      putLong(r.index());
      putLong(r.hintIndex());
      putLong(r.hintTerm());
      putLong(r.round());
      putBytes(r.extension());
    } else if (m instanceof VoteRequest v) {
      putLong(3);
      putLong(v.lastLogIndex());
      putLong(v.lastLogTerm());
      putLong((v.preVote() ? 1 : 0) | (v.leadershipTransfer() ? 2 : 0));
    } else if (m instanceof VoteResponse v) {
      putLong(4);
      putLong((v.granted() ? 1 : 0) | (v.preVote() ? 2 : 0));
    } else if (m instanceof InstallSnapshot s) {
      putLong(5);
      putLong(s.metadata().index());
      putLong(s.metadata().term());
      putLong(s.offset());
      putLong(s.done() ? 1 : 0);
      putBytes(s.chunk());
    } else if (m instanceof InstallSnapshotResponse r) {
      putLong(6);
      putLong(r.snapshotIndex());
      putLong(r.nextOffset());
      putLong(r.done() ? 1 : 0);
    } else if (m instanceof TimeoutNow) {
      putLong(7);
    } else if (m instanceof ReadIndexRequest r) {
      putLong(8);
      putLong(r.readId());
    } else if (m instanceof ReadIndexResponse r) {
      putLong(9);
      putLong(r.readId());
      putLong(r.index());
    }
  }

  private void putLong(long v) {
    if (buffer.remaining() < 8) {
      flush();
    }
    buffer.putLong(v);
  }

  private void putBytes(byte[] bytes) {
    if (bytes.length > buffer.remaining()) {
      flush();
      if (bytes.length > buffer.capacity()) {
        digest.update(bytes);
        return;
      }
    }
    buffer.put(bytes);
  }

  private void flush() {
    buffer.flip();
    digest.update(buffer);
    buffer.clear();
  }

  /** Returns the hash so far, in hex; the trace cannot be extended afterwards. */
  String finish() {
    flush();
    return HexFormat.of().formatHex(digest.digest());
  }
}
