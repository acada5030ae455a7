package io.dvraft.raft;

import io.dvraft.raft.codec.RaftCodec;
import io.dvraft.raft.internal.SplitMix64;
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
import java.util.ArrayList;
import java.util.List;

/**
 * A seeded generator of hostile messages: every message type, with terms and indexes drawn near
 * the receiver's own (so that they get past the first checks and reach deep code) and at the
 * extremes (0, 1, 2^31, 2^62, {@code Long.MAX_VALUE}, and, for messages handed over as objects,
 * negatives and {@code Long.MIN_VALUE}, which the codec cannot carry); AppendEntries that match the
 * receiver's log or not, with consecutive entries or not, and huge commit indexes; responses to
 * requests never sent; snapshots with random metadata and chunks; one-field mutations of genuine
 * messages; and byte strings for the decoder. The same seed gives the same sequence.
 */
final class HostileMessages {

  /**
   * What the generator knows of the receiver, so that it can aim at it.
   *
   * @param term its current term
   * @param firstIndex the first index it holds
   * @param lastIndex its last index
   * @param lastTerm the term of its last entry
   * @param commit its commit index
   * @param termAt its log's term at an index, or -1 where it holds none
   * @param snapshotIndex the index of its snapshot, 0 if none
   * @param snapshotBytes the size of its snapshot, 0 if none
   * @param ids the node ids to use in forged memberships
   */
  record Target(
      long term,
      long firstIndex,
      long lastIndex,
      long lastTerm,
      long commit,
      java.util.function.LongUnaryOperator termAt,
      long snapshotIndex,
      long snapshotBytes,
      List<NodeId> ids) {

    static Target of(RaftStatus s, java.util.function.LongUnaryOperator termAt, long snapshotIndex,
        long snapshotBytes, List<NodeId> ids) {
      return new Target(s.term(), s.firstIndex(), s.lastIndex(), s.lastTerm(), s.commitIndex(),
          termAt, snapshotIndex, snapshotBytes, ids);
    }
  }

  /** The message kinds, for counting. */
  static final List<String> KINDS = List.of(
      "AppendEntries", "AppendEntriesResponse", "VoteRequest", "VoteResponse", "InstallSnapshot",
      "InstallSnapshotResponse", "TimeoutNow", "ReadIndexRequest", "ReadIndexResponse");

  private final SplitMix64 r;
  private final boolean negatives;

  /**
   * Creates a generator.
   *
   * @param seed the seed
   * @param negatives whether to draw negative numbers too (only for messages handed to step as
   *     objects: the codec cannot carry them)
   */
  HostileMessages(long seed, boolean negatives) {
    this.r = new SplitMix64(seed);
    this.negatives = negatives;
  }

  // ---------------------------------------------------------------------------------------------
  // Numbers

  int nextInt(int bound) {
    return r.nextInt(bound);
  }

  boolean oneIn(int n) {
    return r.nextInt(n) == 0;
  }

  long nextLong() {
    return r.nextLong();
  }

  /** A number near {@code x}, or an extreme one. */
  long around(long x) {
    switch (r.nextInt(20)) {
      case 0: return 0;
      case 1: return 1;
      case 2: return r.nextInt(8);
      case 3: return Long.MAX_VALUE - r.nextInt(2);
      case 4: return (1L << (31 + r.nextInt(32))) - 1 + r.nextInt(3);
      case 5: return negatives ? -1 - r.nextInt(3) : x;
      case 6: return negatives ? Long.MIN_VALUE + r.nextInt(2) : x + 1;
      case 7: return oneIn(2) ? x / 2 : (1L << 62) + r.nextInt(3) - 1;
      case 8: case 9: return x + 1 + r.nextInt(50);
      default: return x + r.nextInt(5) - 2;
    }
  }

  /** A term for a message to the target: mostly its own, sometimes one ahead or behind. */
  long term(Target t) {
    int k = r.nextInt(12);
    if (k < 6) {
      return t.term();
    } else if (k < 8) {
      return t.term() + 1 + r.nextInt(2);
    } else if (k < 10) {
      return Math.max(0, t.term() - 1 - r.nextInt(3));
    }
    return around(t.term());
  }

  /** A term strictly below {@code current}, including impossible ones (0, negative). */
  long staleTerm(long current) {
    int k = r.nextInt(8);
    if (k == 0 && negatives) {
      return oneIn(2) ? -1 : Long.MIN_VALUE;
    } else if (k == 1 || current <= 1) {
      return Math.min(0, current - 1);
    } else if (k < 5) {
      return current - 1;
    }
    return 1 + (long) r.nextInt((int) Math.min(current - 1, 1 << 20));
  }

  NodeId pick(List<NodeId> ids) {
    return ids.get(r.nextInt(ids.size()));
  }

  byte[] bytes(int max) {
    byte[] b = new byte[r.nextInt(max + 1)];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) r.nextLong();
    }
    return b;
  }

  // ---------------------------------------------------------------------------------------------
  // Messages

  /** Any message, aimed at the target. */
  Message any(Target t) {
    switch (r.nextInt(KINDS.size())) {
      case 0: return append(t);
      case 1: return appendResponse(t);
      case 2: return voteRequest(t);
      case 3: return voteResponse(t);
      case 4: return installSnapshot(t);
      case 5: return snapshotResponse(t);
      case 6: return new TimeoutNow(term(t));
      case 7: return new ReadIndexRequest(term(t), r.nextLong());
      default: return new ReadIndexResponse(term(t), readId(), around(t.commit()));
    }
  }

  /** A read id that may collide with the small ids hosts actually use. */
  long readId() {
    return oneIn(2) ? 1 + r.nextInt(64) : r.nextLong();
  }

  AppendEntries append(Target t) {
    long term = term(t);
    long prev;
    long prevTerm;
    long span = t.lastIndex() - t.firstIndex() + 2;
    if (r.nextInt(3) > 0 && span > 0) {
      // A position the receiver holds, with its true term: the forgery gets past the log check.
      prev = t.firstIndex() - 1 + (long) r.nextInt((int) Math.min(span, 1 << 20));
      prevTerm = t.termAt().applyAsLong(prev);
      if (prevTerm < 0) {
        prevTerm = around(t.lastTerm());
      }
    } else {
      prev = around(t.lastIndex());
      prevTerm = around(t.lastTerm());
    }
    if (!oneIn(8)) {
      // Mostly keep prevLogTerm within the leader's term, or nothing gets further.
      term = Math.max(term, prevTerm);
    }
    return AppendEntries.of(term, prev, prevTerm, entries(prev, prevTerm, term, t),
        leaderCommit(t, prev), around(t.term()))
        .withExtension(oneIn(8) ? bytes(8) : new byte[0]);
  }

  private long leaderCommit(Target t, long prev) {
    switch (r.nextInt(5)) {
      case 0: return Long.MAX_VALUE;
      case 1: return around(t.commit());
      case 2: return prev + r.nextInt(8);
      default: return around(t.lastIndex());
    }
  }

  List<LogEntry> entries(long prev, long prevTerm, long term, Target t) {
    int n = oneIn(4) ? 0 : 1 + r.nextInt(oneIn(10) ? 40 : 4);
    List<LogEntry> list = new ArrayList<>();
    long index = prev + 1;
    long entryTerm = Math.max(1, prevTerm);
    boolean breakIndexes = oneIn(12);
    boolean breakTerms = oneIn(12);
    for (int i = 0; i < n; i++) {
      if (breakIndexes && oneIn(2)) {
        index += oneIn(2) ? 1 : -1 - r.nextInt(2);
      }
      if (breakTerms && oneIn(2)) {
        entryTerm = Math.max(1, around(entryTerm));
      } else if (oneIn(3) && entryTerm < term) {
        entryTerm++;
      }
      list.add(entry(Math.max(1, index), Math.max(1, entryTerm), t));
      index++;
    }
    return list;
  }

  LogEntry entry(long index, long term, Target t) {
    int k = r.nextInt(10);
    if (k < 6) {
      return LogEntry.command(index, term, bytes(12));
    } else if (k < 8) {
      return LogEntry.noop(index, term);
    } else if (k < 9) {
      return new LogEntry(index, term, EntryType.MEMBERSHIP, RaftCodec.encodeMembership(
          membership(t.ids())));
    }
    return new LogEntry(index, term, EntryType.MEMBERSHIP, bytes(6));
  }

  /** A membership of random members: maybe without the receiver, maybe joint. */
  Membership membership(List<NodeId> ids) {
    List<NodeId> voters = new ArrayList<>();
    List<NodeId> learners = new ArrayList<>();
    List<NodeId> outgoing = new ArrayList<>();
    for (NodeId id : ids) {
      int k = r.nextInt(4);
      if (k < 2) {
        voters.add(id);
      } else if (k == 2) {
        learners.add(id);
      }
    }
    if (voters.isEmpty()) {
      voters.add(pick(ids));
      learners.remove(voters.get(0));
    }
    if (oneIn(4)) {
      for (NodeId id : ids) {
        if (oneIn(2)) {
          outgoing.add(id);
        }
      }
    }
    return new Membership(voters, learners, outgoing);
  }

  AppendEntriesResponse appendResponse(Target t) {
    long term = term(t);
    long round = around(r.nextInt(64));
    if (oneIn(2)) {
      return AppendEntriesResponse.accepted(term, around(t.lastIndex()), round);
    }
    long index = around(t.lastIndex());
    long hint = oneIn(2) ? Math.min(index, around(index)) : around(index);
    return AppendEntriesResponse.rejected(term, index, hint, around(t.lastTerm()), round);
  }

  VoteRequest voteRequest(Target t) {
    boolean preVote = oneIn(2);
    long term = preVote ? t.term() + 1 - r.nextInt(2) : term(t);
    long lastIndex = around(t.lastIndex());
    long lastTerm = Math.min(term, around(t.lastTerm()));
    if (oneIn(8)) {
      lastTerm = around(t.lastTerm());
    }
    return new VoteRequest(term, lastIndex, lastTerm, preVote, oneIn(4));
  }

  VoteResponse voteResponse(Target t) {
    boolean preVote = oneIn(2);
    long term = preVote && oneIn(2) ? t.term() + 1 : term(t);
    return new VoteResponse(term, !oneIn(4), preVote);
  }

  InstallSnapshot installSnapshot(Target t) {
    long term = term(t);
    long index = Math.max(1, oneIn(2) ? around(t.commit()) : around(t.lastIndex()));
    long metaTerm = Math.max(1, oneIn(6) ? around(term) : Math.min(term, around(t.lastTerm())));
    SnapshotMetadata meta = new SnapshotMetadata(index, metaTerm, membership(t.ids()));
    long offset = oneIn(2) ? 0 : around(16);
    return new InstallSnapshot(term, meta, offset, bytes(24), !oneIn(3));
  }

  InstallSnapshotResponse snapshotResponse(Target t) {
    long index = oneIn(2) ? t.snapshotIndex() : around(t.snapshotIndex());
    long offset = oneIn(3) ? t.snapshotBytes() : around(t.snapshotBytes() / 2);
    return new InstallSnapshotResponse(term(t), index, offset, oneIn(3));
  }

  /**
   * A message that breaks exactly one of the rules {@link HostileOracle} states: a term below 1,
   * a negative field, something of a later term than the message, entries that do not follow
   * prevLogIndex or whose terms go down, a membership entry that is not one, a hint above the
   * rejected index.
   */
  Message impossible(Target t) {
    Message m = any(t);
    long bad = negatives && oneIn(2) ? (oneIn(2) ? -1 : Long.MIN_VALUE) : 0;
    if (oneIn(4)) {
      return withTerm(m, bad);
    }
    // Kept below 2^62 so that the "+ k" below cannot overflow.
    long term = Math.min(Math.max(1, m.term()), 1L << 62);
    if (m instanceof AppendEntries a) {
      long prev = Math.min(Math.max(1, a.prevLogIndex()), 1L << 62);
      long prevTerm = Math.max(1, Math.min(term, a.prevLogTerm()));
      switch (r.nextInt(7)) {
        case 0: return AppendEntries.of(term, prev, term + 1 + r.nextInt(3), List.of(), 0, 0);
        case 1: return AppendEntries.of(term, 0, prevTerm, List.of(), 0, 0);
        case 2: return AppendEntries.of(term, prev, prevTerm,
            List.of(LogEntry.noop(prev + 2 + r.nextInt(3), prevTerm)), 0, 0);
        case 3: return AppendEntries.of(term, prev, prevTerm,
            List.of(LogEntry.noop(prev + 1, term + 1)), 0, 0);
        case 4: return AppendEntries.of(term, prev, prevTerm, List.of(
            LogEntry.noop(prev + 1, term), LogEntry.noop(prev + 2, term > 1 ? term - 1 : 1),
            LogEntry.noop(prev + 3, term + 5)), 0, 0);
        case 5: return AppendEntries.of(term, prev, prevTerm, List.of(new LogEntry(prev + 1,
            term, EntryType.MEMBERSHIP, new byte[] {(byte) r.nextInt(256)})), 0, 0);
        default: return new AppendEntries(term, prev, prevTerm, List.of(),
            negatives ? -1 - r.nextInt(2) : 0, negatives ? -1 : 0, new byte[0]);
      }
    } else if (m instanceof AppendEntriesResponse) {
      return negatives && oneIn(2)
          ? AppendEntriesResponse.accepted(term, -1 - r.nextInt(5), 0)
          : AppendEntriesResponse.rejected(term, 3, 4 + r.nextInt(100), 1, 0);
    } else if (m instanceof VoteRequest v) {
      switch (r.nextInt(3)) {
        case 0: return new VoteRequest(term, Math.max(1, v.lastLogIndex()), term + 1,
            v.preVote(), v.leadershipTransfer());
        case 1: return new VoteRequest(term, 0, Math.min(term, 1 + r.nextInt(3)), v.preVote(),
            false);
        default: return new VoteRequest(term, 5, 0, v.preVote(), false);
      }
    } else if (m instanceof InstallSnapshot s) {
      if (negatives && oneIn(2)) {
        return new InstallSnapshot(term, s.metadata(), -1, s.chunk(), s.done());
      }
      SnapshotMetadata md = new SnapshotMetadata(s.metadata().index(), term + 1 + r.nextInt(3),
          s.metadata().membership());
      return new InstallSnapshot(term, md, s.offset(), s.chunk(), s.done());
    } else if (m instanceof InstallSnapshotResponse s) {
      return negatives && oneIn(2)
          ? new InstallSnapshotResponse(term, Math.max(1, s.snapshotIndex()), -5, s.done())
          : new InstallSnapshotResponse(term, 0, s.nextOffset(), s.done());
    } else if (m instanceof ReadIndexResponse q && negatives) {
      return new ReadIndexResponse(term, q.readId(), -1 - r.nextInt(3));
    }
    return withTerm(m, bad);
  }

  // ---------------------------------------------------------------------------------------------
  // Mutations of genuine messages

  /** The same message in another term (nothing else changed). */
  static Message withTerm(Message m, long term) {
    if (m instanceof AppendEntries a) {
      return new AppendEntries(term, a.prevLogIndex(), a.prevLogTerm(), a.entries(),
          a.leaderCommit(), a.round(), a.extension());
    } else if (m instanceof AppendEntriesResponse a) {
      return new AppendEntriesResponse(term, a.success(), a.index(), a.hintIndex(), a.hintTerm(),
          a.round(), a.extension());
    } else if (m instanceof VoteRequest v) {
      return new VoteRequest(term, v.lastLogIndex(), v.lastLogTerm(), v.preVote(),
          v.leadershipTransfer());
    } else if (m instanceof VoteResponse v) {
      return new VoteResponse(term, v.granted(), v.preVote());
    } else if (m instanceof InstallSnapshot s) {
      return new InstallSnapshot(term, s.metadata(), s.offset(), s.chunk(), s.done());
    } else if (m instanceof InstallSnapshotResponse s) {
      return new InstallSnapshotResponse(term, s.snapshotIndex(), s.nextOffset(), s.done());
    } else if (m instanceof TimeoutNow) {
      return new TimeoutNow(term);
    } else if (m instanceof ReadIndexRequest q) {
      return new ReadIndexRequest(term, q.readId());
    } else if (m instanceof ReadIndexResponse q) {
      return new ReadIndexResponse(term, q.readId(), q.index());
    }
    throw new IllegalArgumentException(String.valueOf(m));
  }

  /** The same message with exactly one field changed. */
  Message mutate(Message m, Target t) {
    int f = r.nextInt(8);
    if (f == 0) {
      return withTerm(m, around(m.term()));
    }
    if (m instanceof AppendEntries a) {
      return mutateAppend(a, f, t);
    } else if (m instanceof AppendEntriesResponse a) {
      switch (f % 6) {
        case 1: return new AppendEntriesResponse(a.term(), !a.success(), a.index(), a.hintIndex(),
            a.hintTerm(), a.round(), a.extension());
        case 2: return new AppendEntriesResponse(a.term(), a.success(), around(a.index()),
            a.hintIndex(), a.hintTerm(), a.round(), a.extension());
        case 3: return new AppendEntriesResponse(a.term(), a.success(), a.index(),
            around(a.hintIndex()), a.hintTerm(), a.round(), a.extension());
        case 4: return new AppendEntriesResponse(a.term(), a.success(), a.index(), a.hintIndex(),
            around(a.hintTerm()), a.round(), a.extension());
        default: return new AppendEntriesResponse(a.term(), a.success(), a.index(), a.hintIndex(),
            a.hintTerm(), around(a.round()), a.extension());
      }
    } else if (m instanceof VoteRequest v) {
      switch (f % 5) {
        case 1: return new VoteRequest(v.term(), around(v.lastLogIndex()), v.lastLogTerm(),
            v.preVote(), v.leadershipTransfer());
        case 2: return new VoteRequest(v.term(), v.lastLogIndex(), around(v.lastLogTerm()),
            v.preVote(), v.leadershipTransfer());
        case 3: return new VoteRequest(v.term(), v.lastLogIndex(), v.lastLogTerm(), !v.preVote(),
            v.leadershipTransfer());
        default: return new VoteRequest(v.term(), v.lastLogIndex(), v.lastLogTerm(), v.preVote(),
            !v.leadershipTransfer());
      }
    } else if (m instanceof VoteResponse v) {
      return f % 2 == 0 ? new VoteResponse(v.term(), !v.granted(), v.preVote())
          : new VoteResponse(v.term(), v.granted(), !v.preVote());
    } else if (m instanceof InstallSnapshot s) {
      SnapshotMetadata md = s.metadata();
      switch (f % 6) {
        case 1: return new InstallSnapshot(s.term(), new SnapshotMetadata(
            Math.max(1, around(md.index())), md.term(), md.membership()), s.offset(), s.chunk(),
            s.done());
        case 2: return new InstallSnapshot(s.term(), new SnapshotMetadata(md.index(),
            Math.max(1, around(md.term())), md.membership()), s.offset(), s.chunk(), s.done());
        case 3: return new InstallSnapshot(s.term(), new SnapshotMetadata(md.index(), md.term(),
            membership(t.ids())), s.offset(), s.chunk(), s.done());
        case 4: return new InstallSnapshot(s.term(), md, around(s.offset()), s.chunk(), s.done());
        case 5: return new InstallSnapshot(s.term(), md, s.offset(), bytes(24), s.done());
        default: return new InstallSnapshot(s.term(), md, s.offset(), s.chunk(), !s.done());
      }
    } else if (m instanceof InstallSnapshotResponse s) {
      switch (f % 3) {
        case 1: return new InstallSnapshotResponse(s.term(), around(s.snapshotIndex()),
            s.nextOffset(), s.done());
        case 2: return new InstallSnapshotResponse(s.term(), s.snapshotIndex(),
            around(s.nextOffset()), s.done());
        default: return new InstallSnapshotResponse(s.term(), s.snapshotIndex(), s.nextOffset(),
            !s.done());
      }
    } else if (m instanceof ReadIndexRequest q) {
      return new ReadIndexRequest(q.term(), r.nextLong());
    } else if (m instanceof ReadIndexResponse q) {
      return f % 2 == 0 ? new ReadIndexResponse(q.term(), readId(), q.index())
          : new ReadIndexResponse(q.term(), q.readId(), around(q.index()));
    }
    return withTerm(m, around(m.term()));
  }

  private AppendEntries mutateAppend(AppendEntries a, int f, Target t) {
    List<LogEntry> entries = new ArrayList<>(a.entries());
    switch (f) {
      case 1: return new AppendEntries(a.term(), around(a.prevLogIndex()), a.prevLogTerm(),
          entries, a.leaderCommit(), a.round(), a.extension());
      case 2: return new AppendEntries(a.term(), a.prevLogIndex(), around(a.prevLogTerm()),
          entries, a.leaderCommit(), a.round(), a.extension());
      case 3: return new AppendEntries(a.term(), a.prevLogIndex(), a.prevLogTerm(), entries,
          around(a.leaderCommit()), a.round(), a.extension());
      case 4: return new AppendEntries(a.term(), a.prevLogIndex(), a.prevLogTerm(), entries,
          a.leaderCommit(), around(a.round()), a.extension());
      default:
        if (entries.isEmpty()) {
          entries.add(entry(Math.max(1, a.prevLogIndex() + 1), Math.max(1, a.term()), t));
        } else {
          int i = r.nextInt(entries.size());
          LogEntry e = entries.get(i);
          switch (r.nextInt(4)) {
            case 0: entries.remove(i); break;
            case 1: entries.set(i, new LogEntry(e.index(), Math.max(1, around(e.term())),
                e.type(), e.data())); break;
            case 2: entries.set(i, new LogEntry(e.index(), e.term(), e.type(), bytes(12))); break;
            default: entries.set(i, entry(e.index(), e.term(), t));
          }
        }
        return new AppendEntries(a.term(), a.prevLogIndex(), a.prevLogTerm(), entries,
            a.leaderCommit(), a.round(), a.extension());
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Bytes

  /** Random bytes, or a genuine encoding with a few bytes flipped, cut, extended or spliced. */
  byte[] garbage(List<byte[]> genuine) {
    if (genuine.isEmpty() || oneIn(4)) {
      byte[] b = bytes(48);
      if (b.length > 1 && oneIn(2)) {
        b[0] = RaftCodec.FORMAT_VERSION;
        b[1] = (byte) (1 + r.nextInt(9));
      }
      return b;
    }
    byte[] base = genuine.get(r.nextInt(genuine.size())).clone();
    switch (r.nextInt(5)) {
      case 0: return java.util.Arrays.copyOf(base, r.nextInt(base.length + 1));
      case 1: {
        byte[] longer = java.util.Arrays.copyOf(base, base.length + 1 + r.nextInt(4));
        longer[longer.length - 1] = (byte) r.nextLong();
        return longer;
      }
      case 2: {
        byte[] other = genuine.get(r.nextInt(genuine.size()));
        int cut = r.nextInt(base.length + 1);
        int from = r.nextInt(other.length + 1);
        byte[] out = new byte[cut + other.length - from];
        System.arraycopy(base, 0, out, 0, cut);
        System.arraycopy(other, from, out, cut, other.length - from);
        return out;
      }
      default: {
        int flips = 1 + r.nextInt(3);
        for (int i = 0; i < flips && base.length > 0; i++) {
          int at = r.nextInt(base.length);
          base[at] = oneIn(2) ? (byte) (base[at] ^ (1 << r.nextInt(8))) : (byte) r.nextLong();
        }
        return base;
      }
    }
  }
}
