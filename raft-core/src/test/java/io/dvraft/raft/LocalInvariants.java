package io.dvraft.raft;

import io.dvraft.raft.codec.MalformedMessageException;
import io.dvraft.raft.codec.RaftCodec;
import io.dvraft.raft.message.InstallSnapshot;
import io.dvraft.raft.message.Message;
import io.dvraft.raft.message.VoteRequest;
import io.dvraft.raft.message.VoteResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What one node must keep true on its own, whatever it is fed, even by a byzantine peer (Raft
 * cannot promise cluster safety then, but a node must not corrupt itself). It shadows the durable
 * state a host builds from the node's outputs (hard state, snapshot, log, applied index), so it can
 * also restart the node from it, and checks every batch and the status after it:
 *
 * <ul>
 *   <li>the term never goes down, and a node never votes for two candidates in one term (neither
 *       in what it persists nor in the votes it sends, across restarts too), and never sends a vote
 *       it has not persisted;
 *   <li>its log stays consecutive, with terms that never go down and none above its current term;
 *       it never rewrites an index at or below its commit index, and never installs a snapshot at
 *       or below it;
 *   <li>{@code entriesToPersist} is consecutive and leaves no gap after the persisted log;
 *       {@code committed} continues exactly where the previous batch (or the snapshot) stopped,
 *       with the entries it persisted; {@code mustSync} is set exactly when the term, the vote,
 *       the log or the snapshot changed; the persisted commit index never goes down and never
 *       points past the log persisted by earlier batches;
 *   <li>its status agrees with what it persisted; commit {@literal <=} last index, applied
 *       {@literal <=} commit, and the commit index never goes down;
 *   <li>every message it sends is one an honest node could send (see {@link HostileOracle}), to
 *       another node, and survives the codec unchanged; every message it drops comes with a reason.
 * </ul>
 *
 * A violation throws an {@link AssertionError} naming the node and the batch.
 */
final class LocalInvariants {

  final NodeId id;

  // The durable state a host would hold.
  HardState hardState = HardState.INITIAL;
  /** The persisted snapshot: one received from a leader, or one the host took. */
  Snapshot snapshot;
  final TreeMap<Long, LogEntry> log = new TreeMap<>();
  /** The index just before the first persisted entry (snapshot or compaction point). */
  long base;
  long baseTerm;
  long applied;
  final TreeMap<Long, Membership> memberships = new TreeMap<>();

  // Across restarts.
  private final Map<Long, NodeId> votesGranted = new TreeMap<>();
  private final Map<Long, NodeId> votesPersisted = new TreeMap<>();
  private long highestTerm;

  // This incarnation.
  private long commitFloor;
  private long batches;
  private long installed;

  /** Dropped-message reasons seen, for the report. */
  final List<RaftEvent.MessageDropped> drops = new ArrayList<>();

  LocalInvariants(NodeId id, Membership initial) {
    this.id = id;
    memberships.put(0L, initial);
  }

  long lastIndex() {
    return log.isEmpty() ? base : log.lastKey();
  }

  long lastTerm() {
    return log.isEmpty() ? baseTerm : log.lastEntry().getValue().term();
  }

  /** The persisted log's term at an index, -1 where it holds none. */
  long termAt(long index) {
    if (index == base) {
      return baseTerm;
    }
    LogEntry e = log.get(index);
    return e == null ? -1 : e.term();
  }

  /** Whether {@code node} is in the configuration in force or in an uncommitted one in the log. */
  boolean knows(NodeId node, RaftStatus st) {
    if (st.membership().contains(node)) {
      return true;
    }
    for (LogEntry e : log.tailMap(st.commitIndex(), false).values()) {
      if (e.type() == EntryType.MEMBERSHIP && decode(e).contains(node)) {
        return true;
      }
    }
    return false;
  }

  private static Membership decode(LogEntry e) {
    try {
      return RaftCodec.decodeMembership(e.data());
    } catch (MalformedMessageException x) {
      throw new AssertionError("a malformed membership entry reached the log: " + e, x);
    }
  }

  /** What the host would hand to {@link RaftStateMachine#restore}. */
  PersistedState persisted() {
    long snapIndex = snapshot == null ? 0 : snapshot.metadata().index();
    List<LogEntry> after = new ArrayList<>(log.tailMap(snapIndex, false).values());
    return new PersistedState(hardState, Optional.ofNullable(snapshot), after,
        Math.max(applied, snapIndex));
  }

  /**
   * The host persisted a snapshot it took of its application at {@code s.metadata().index()}
   * (the node compacts its log and says so with a LogCompacted event, handled in {@link #check}).
   */
  void snapshotTaken(Snapshot s) {
    snapshot = s;
  }

  /**
   * The node restarts from what was persisted, with its application restored up to
   * {@code appliedIndex}; entries up to the persisted snapshot are no longer held.
   */
  void restarting(long appliedIndex) {
    long snapIndex = snapshot == null ? 0 : snapshot.metadata().index();
    if (snapIndex > base) {
      baseTerm = snapshot.metadata().term();
      base = snapIndex;
      log.headMap(snapIndex, true).clear();
    }
    applied = appliedIndex;
    commitFloor = appliedIndex;
  }

  /** Checks a batch and the node's status right after it, and persists the batch. */
  void check(Output out, RaftStatus st) {
    batches++;
    boolean termOrVote = out.hardState().map(hs -> hs.termOrVoteDiffers(hardState)).orElse(false);
    require(out.mustSync()
        == (termOrVote || !out.entriesToPersist().isEmpty() || out.snapshotToInstall().isPresent()),
        "mustSync is " + out.mustSync() + " for " + out);
    out.hardState().ifPresent(this::persistHardState);
    out.snapshotToInstall().ifPresent(this::persistSnapshot);
    persistEntries(out.entriesToPersist());
    applyCommitted(out.committed());
    for (Envelope env : out.messages()) {
      checkSent(env);
    }
    for (RaftEvent ev : out.events()) {
      if (ev instanceof RaftEvent.MessageDropped d) {
        require(d.reason() != null && !d.reason().isBlank(), "dropped a message without a reason");
        drops.add(d);
      } else if (ev instanceof RaftEvent.LogCompacted c) {
        compact(c);
      } else if (ev instanceof RaftEvent.MembershipApplied m) {
        memberships.put(m.index(), m.membership());
      }
    }
    checkStatus(st);
  }

  private void persistHardState(HardState hs) {
    require(hs.term() >= hardState.term(),
        "persisted term " + hs.term() + " after " + hardState.term());
    if (hs.term() == hardState.term() && hardState.votedFor().isPresent()) {
      require(hs.votedFor().equals(hardState.votedFor()),
          "changed its vote in term " + hs.term() + " from " + hardState.votedFor() + " to "
              + hs.votedFor());
    }
    hs.votedFor().ifPresent(v -> {
      NodeId before = votesPersisted.putIfAbsent(hs.term(), v);
      require(before == null || before.equals(v),
          "persisted votes for " + before + " and " + v + " in term " + hs.term());
    });
    require(hs.commit() >= hardState.commit(),
        "persisted commit index went down from " + hardState.commit() + " to " + hs.commit());
    // Written before the batch's snapshot and entries: it must hold with only earlier batches.
    require(hs.commit() <= lastIndex(),
        "persisted commit index " + hs.commit() + " beyond the durable log ending at "
            + lastIndex());
    hardState = hs;
  }

  private void persistSnapshot(Snapshot s) {
    long index = s.metadata().index();
    require(index > commitFloor,
        "installs a snapshot at " + index + ", at or below its commit index " + commitFloor);
    require(s.metadata().term() <= hardState.term(),
        "installs a snapshot of term " + s.metadata().term() + " in term " + hardState.term());
    snapshot = s;
    installed = index;
    log.clear();
    base = index;
    baseTerm = s.metadata().term();
    memberships.put(index, s.metadata().membership());
  }

  private void persistEntries(List<LogEntry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    long first = entries.get(0).index();
    require(first > commitFloor,
        "rewrites the log from " + first + ", at or below its commit index " + commitFloor);
    require(first > base && first <= lastIndex() + 1,
        "persists from " + first + " after a log ending at " + lastIndex() + " (base " + base + ")");
    log.tailMap(first, true).clear();
    long previousTerm = termAt(first - 1);
    for (int i = 0; i < entries.size(); i++) {
      LogEntry e = entries.get(i);
      require(e.index() == first + i, "entriesToPersist not consecutive: " + entries);
      require(e.term() >= previousTerm,
          "log terms go down at " + e.index() + ": " + previousTerm + " then " + e.term());
      require(e.term() <= hardState.term(),
          "persists " + e + " in term " + hardState.term());
      previousTerm = e.term();
      log.put(e.index(), e);
    }
  }

  private void applyCommitted(List<LogEntry> committed) {
    if (installed > 0) {
      // The snapshot installed in this batch: the application now stands at its index.
      applied = installed;
      installed = 0;
    }
    for (LogEntry e : committed) {
      require(e.index() == applied + 1,
          "applies " + e.index() + " after " + applied);
      require(e.equals(log.get(e.index())),
          "applies " + e + " but persisted " + log.get(e.index()));
      applied = e.index();
    }
  }

  private void compact(RaftEvent.LogCompacted c) {
    long to = c.firstIndex() - 1;
    require(to <= applied, "compacted to " + to + " beyond applied " + applied);
    if (to > base) {
      baseTerm = termAt(to);
      require(baseTerm > 0, "compacted to " + to + " which it does not hold");
      base = to;
      log.headMap(to, true).clear();
    }
  }

  private void checkSent(Envelope env) {
    Message m = env.message();
    require(!env.to().equals(id), "sends " + m + " to itself");
    String impossible = HostileOracle.impossible(m);
    if (m instanceof InstallSnapshot s && s.metadata().index() > MessageChecks.MAX_SNAPSHOT_INDEX
        && lastIndex() > MessageChecks.MAX_SNAPSHOT_INDEX) {
      // Only a byzantine snapshot at the bound puts a log there; its own snapshots are then above
      // the bound and refused by its peers: a liveness loss a byzantine member can cause anyway.
      impossible = null;
    }
    require(impossible == null, "sends an impossible message (" + impossible + "): " + m);
    try {
      byte[] bytes = RaftCodec.encode(m);
      require(RaftCodec.decodeMessage(bytes).equals(m), "sends a message the codec alters: " + m);
    } catch (IllegalArgumentException | MalformedMessageException e) {
      throw new AssertionError(id + " sends a message the codec cannot carry: " + m, e);
    }
    if (m instanceof VoteResponse v && v.granted() && !v.preVote()) {
      NodeId before = votesGranted.putIfAbsent(v.term(), env.to());
      require(before == null || before.equals(env.to()),
          "grants votes to " + before + " and " + env.to() + " in term " + v.term());
      require(hardState.term() > v.term()
              || (hardState.term() == v.term()
                  && hardState.votedFor().equals(Optional.of(env.to()))),
          "sends a vote for " + env.to() + " in term " + v.term() + " that it did not persist ("
              + hardState + ")");
    }
    boolean ahead = (m instanceof VoteRequest q && q.preVote())
        || (m instanceof VoteResponse p && p.preVote() && p.granted());
    require(ahead || m.term() <= hardState.term(),
        "sends " + m + " in term " + hardState.term());
  }

  /** Checks a status on its own (after a restart, which outputs nothing). */
  void verify(RaftStatus st) {
    checkStatus(st);
  }

  private void checkStatus(RaftStatus st) {
    require(st.term() >= highestTerm, "term went down from " + highestTerm + " to " + st.term());
    highestTerm = st.term();
    require(st.term() == hardState.term() && st.votedFor().equals(hardState.votedFor()),
        "status " + st.term() + "/" + st.votedFor() + " but persisted " + hardState);
    require(st.commitIndex() <= st.lastIndex(),
        "commit " + st.commitIndex() + " beyond last index " + st.lastIndex());
    require(st.appliedIndex() <= st.commitIndex(),
        "applied " + st.appliedIndex() + " beyond commit " + st.commitIndex());
    require(st.commitIndex() >= commitFloor,
        "commit went down from " + commitFloor + " to " + st.commitIndex());
    commitFloor = st.commitIndex();
    require(st.lastIndex() == lastIndex() && st.lastTerm() == lastTerm(),
        "holds a log ending at " + st.lastIndex() + "@" + st.lastTerm() + " but persisted one ending at "
            + lastIndex() + "@" + lastTerm());
    require(st.firstIndex() >= 1 && st.firstIndex() <= st.lastIndex() + 1,
        "first index " + st.firstIndex() + " with last " + st.lastIndex());
    require(st.lastTerm() <= st.term(), "last log term " + st.lastTerm() + " in term " + st.term());
    require(st.appliedIndex() == applied,
        "status applied " + st.appliedIndex() + " but handed out up to " + applied);
    if (st.role() == Role.LEADER) {
      require(st.leader().equals(Optional.of(id)), "leads but names " + st.leader() + " leader");
    }
  }

  private void require(boolean ok, String what) {
    if (!ok) {
      throw new AssertionError(id + " (batch " + batches + "): " + what);
    }
  }
}
