package io.dvraft.raft;

import io.dvraft.raft.internal.SplitMix64;
import io.dvraft.raft.message.Message;
import io.dvraft.raft.message.VoteResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A cluster whose hosts crash at batch boundaries, reproducibly from a seed: a host may crash
 * after polling a batch and before persisting it (the batch is lost), after persisting it but
 * before sending its messages, or after sending but before applying. A crashed host restarts with
 * {@link RaftStateMachine#restore} from what it persisted; its application state either survives
 * (it was durable up to the applied index) or is rebuilt from the persisted snapshot and replayed.
 * The network drops, delays, duplicates and reorders messages. Hosts take snapshots now and then,
 * so restarts and lagging followers go through snapshots too.
 *
 * <p>After every step it checks: at most one leader per term; no node grants (sends) or persists
 * two different votes in one term; every entry applied anywhere is the same at its index
 * everywhere it is applied, and is still held by a majority's persisted state (log or snapshot).
 */
final class CrashingCluster {

  enum CrashPoint { BEFORE_PERSIST, AFTER_PERSIST, AFTER_SEND }

  record InFlight(NodeId from, NodeId to, Message message) {}

  /** One host: its state machine, its durable storage and its application. */
  final class Host {
    final NodeId id;
    final RaftConfig config;
    RaftStateMachine raft;
    final MemoryStorage storage = new MemoryStorage();
    /** The application state: the entries applied, the one at index i at position i - 1. */
    final List<LogEntry> app = new ArrayList<>();
    boolean down;
    long restartAt;

    Host(RaftConfig config) {
      this.id = config.id();
      this.config = config;
      this.raft = RaftStateMachine.create(config);
    }
  }

  final int size;
  final long seed;
  final SplitMix64 random;
  final Map<NodeId, Host> hosts = new TreeMap<>();
  final List<InFlight> network = new ArrayList<>();
  final Membership membership;

  double dropRate = 0.05;
  double delayRate = 0.1;
  double duplicateRate = 0.02;
  double crashRate = 0.004;
  double snapshotRate = 0.01;
  double proposeRate = 0.3;
  int maxProposals = 120;
  boolean faults = true;
  /** Sees every batch polled, in order, before it is handled. */
  BiConsumer<NodeId, Output> observer = (id, out) -> {};

  long now;
  int proposals;
  final Map<CrashPoint, Integer> crashes = new TreeMap<>();
  int restarts;
  int snapshotsInstalled;

  private final Map<Long, LogEntry> appliedAt = new TreeMap<>();
  private final Map<String, NodeId> votesSent = new TreeMap<>();
  private final Map<String, NodeId> votesPersisted = new TreeMap<>();
  private final Map<Long, NodeId> leaders = new TreeMap<>();
  private final Deque<String> trace = new ArrayDeque<>();

  CrashingCluster(int size, long seed, Consumer<RaftConfig.Builder> settings) {
    this.size = size;
    this.seed = seed;
    this.random = new SplitMix64(seed);
    this.membership = SteppedNode.cluster(size);
    for (NodeId id : membership.voters()) {
      RaftConfig.Builder b =
          RaftConfig.builder(id, membership)
              .seed(seed * 1_000_003 + id.value())
              .snapshotTrailingEntries(5)
              .snapshotChunkBytes(256);
      settings.accept(b);
      hosts.put(id, new Host(b.build()));
    }
  }

  // -------------------------------------------------------------------------------------------
  // Driving

  /** Runs {@code steps} rounds: restarts, ticks, proposals, snapshots, one delivery round. */
  void run(int steps) {
    for (int i = 0; i < steps; i++) {
      step();
    }
  }

  void step() {
    now++;
    for (Host h : hosts.values()) {
      if (h.down && h.restartAt <= now) {
        restart(h);
      }
    }
    for (Host h : hosts.values()) {
      if (!h.down) {
        h.raft.tick();
        drain(h);
      }
    }
    Host leader = leader();
    if (leader != null && proposals < maxProposals && chance(proposeRate)) {
      int n = 1 + random.nextInt(3);
      for (int k = 0; k < n && !leader.down; k++) {
        byte[] cmd = ("s" + seed + "-p" + proposals).getBytes(StandardCharsets.UTF_8);
        if (leader.raft.propose(cmd).isAccepted()) {
          proposals++;
        }
        drain(leader);
      }
    }
    for (Host h : hosts.values()) {
      if (!h.down && chance(snapshotRate)) {
        takeSnapshot(h);
      }
    }
    deliverRound();
    checkInvariants();
  }

  /** Stops every fault, restarts every host and runs until the logs settle. */
  void heal(int steps) {
    faults = false;
    for (Host h : hosts.values()) {
      if (h.down) {
        restart(h);
      }
    }
    proposals = maxProposals; // no new work, just catch up
    run(steps);
  }

  Host leader() {
    Host found = null;
    for (Host h : hosts.values()) {
      if (!h.down && h.raft.status().role() == Role.LEADER
          && (found == null || h.raft.status().term() > found.raft.status().term())) {
        found = h;
      }
    }
    return found;
  }

  private boolean chance(double p) {
    return (random.nextLong() >>> 11) * 0x1.0p-53 < p;
  }

  private void deliverRound() {
    List<InFlight> batch = new ArrayList<>(network);
    network.clear();
    for (int i = batch.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      InFlight t = batch.get(i);
      batch.set(i, batch.get(j));
      batch.set(j, t);
    }
    for (InFlight m : batch) {
      if (faults && chance(delayRate)) {
        network.add(m);
        continue;
      }
      if (faults && chance(dropRate)) {
        continue;
      }
      if (faults && chance(duplicateRate)) {
        network.add(m);
      }
      Host to = hosts.get(m.to());
      if (to == null || to.down) {
        continue;
      }
      to.raft.step(m.from(), m.message());
      drain(to);
    }
  }

  // -------------------------------------------------------------------------------------------
  // The host loop, with crashes

  private void drain(Host h) {
    while (!h.down && h.raft.hasOutput()) {
      Output out = h.raft.poll();
      if (out.isEmpty()) {
        return;
      }
      observer.accept(h.id, out);
      CrashPoint crash = maybeCrash();
      if (crash == CrashPoint.BEFORE_PERSIST) {
        crash(h, crash);
        return;
      }
      persist(h, out);
      if (crash == CrashPoint.AFTER_PERSIST) {
        crash(h, crash);
        return;
      }
      for (Envelope e : out.messages()) {
        if (e.message() instanceof VoteResponse r && r.granted() && !r.preVote()) {
          recordVote(votesSent, h.id, r.term(), e.to(), "sent");
        }
        network.add(new InFlight(h.id, e.to(), e.message()));
      }
      if (crash == CrashPoint.AFTER_SEND) {
        crash(h, crash);
        return;
      }
      apply(h, out);
      checkLeader(h);
    }
  }

  private CrashPoint maybeCrash() {
    if (!faults || !chance(crashRate)) {
      return null;
    }
    long down = hosts.values().stream().filter(x -> x.down).count();
    if (down >= (size - 1) / 2) {
      return null; // keep a majority up, so that the run makes progress
    }
    return CrashPoint.values()[random.nextInt(3)];
  }

  private void persist(Host h, Output out) {
    h.storage.persist(out);
    h.storage.hardState.votedFor().ifPresent(
        v -> recordVote(votesPersisted, h.id, h.storage.hardState.term(), v, "persisted"));
  }

  private void apply(Host h, Output out) {
    if (out.snapshotToInstall().isPresent()) {
      Snapshot s = out.snapshotToInstall().get();
      if (s.metadata().index() <= h.app.size()) {
        fail(h.id + " told to install snapshot " + s.metadata().index() + " with "
            + h.app.size() + " entries applied");
      }
      loadSnapshot(h, s);
      snapshotsInstalled++;
    }
    for (LogEntry e : out.committed()) {
      if (e.index() != h.app.size() + 1) {
        fail(h.id + " applied " + e + " after " + h.app.size() + " entries");
      }
      checkApplied(h.id, e);
      h.app.add(e);
      h.storage.applied = e.index();
    }
    for (RaftEvent ev : out.events()) {
      if (ev instanceof RaftEvent.LogCompacted c) {
        h.storage.compactTo(c.firstIndex() - 1);
      }
    }
  }

  private void loadSnapshot(Host h, Snapshot s) {
    List<LogEntry> state = decode(s.data());
    if (state.size() != s.metadata().index()) {
      fail("snapshot " + s.metadata() + " holds " + state.size() + " entries");
    }
    for (LogEntry e : state) {
      checkApplied(h.id, e);
    }
    h.app.clear();
    h.app.addAll(state);
    h.storage.applied = s.metadata().index();
  }

  private void takeSnapshot(Host h) {
    long index = h.app.size();
    long current = h.storage.snapshot == null ? 0 : h.storage.snapshot.metadata().index();
    if (index <= current) {
      return;
    }
    byte[] data = encode(h.app);
    if (h.raft.snapshotTaken(index, data).ok()) {
      // The host persists its own snapshot before it lets the log be compacted.
      h.storage.snapshot =
          new Snapshot(new SnapshotMetadata(index, h.app.get((int) index - 1).term(), membership), data);
      drain(h);
    }
  }

  private void crash(Host h, CrashPoint point) {
    h.down = true;
    h.restartAt = now + 1 + random.nextInt(3 * h.config.electionTicks());
    crashes.merge(point, 1, Integer::sum);
    note(h.id + " crashed " + point + " at " + now);
  }

  private void restart(Host h) {
    boolean appSurvived = chance(0.5);
    Snapshot snap = h.storage.snapshot;
    if (!appSurvived) {
      h.app.clear();
      h.storage.applied = 0;
    }
    if (snap != null && snap.metadata().index() > h.app.size()) {
      loadSnapshot(h, snap);
    }
    h.raft = RaftStateMachine.restore(h.config, h.storage.toPersisted());
    h.down = false;
    restarts++;
    note(h.id + " restarted at " + now + " with app " + h.app.size() + " "
        + h.raft.status());
  }

  // -------------------------------------------------------------------------------------------
  // Invariants

  private void recordVote(Map<String, NodeId> votes, NodeId voter, long term, NodeId candidate,
      String how) {
    NodeId before = votes.putIfAbsent(voter + "@" + term, candidate);
    if (before != null && !before.equals(candidate)) {
      fail(voter + " " + how + " votes for " + before + " and " + candidate + " in term " + term);
    }
  }

  private void checkLeader(Host h) {
    RaftStatus s = h.raft.status();
    if (s.role() == Role.LEADER) {
      NodeId before = leaders.putIfAbsent(s.term(), h.id);
      if (before != null && !before.equals(h.id)) {
        fail("two leaders in term " + s.term() + ": " + before + " and " + h.id);
      }
    }
  }

  private void checkApplied(NodeId id, LogEntry e) {
    LogEntry before = appliedAt.putIfAbsent(e.index(), e);
    if (before != null && !before.equals(e)) {
      fail(id + " applied " + e + " where " + before + " was applied");
    }
  }

  private void checkInvariants() {
    int majority = size / 2 + 1;
    for (LogEntry e : appliedAt.values()) {
      int holders = 0;
      for (Host h : hosts.values()) {
        if (holds(h.storage, e)) {
          holders++;
        }
      }
      if (holders < majority) {
        fail("applied " + e + " is held by only " + holders + " persisted states");
      }
    }
  }

  private static boolean holds(MemoryStorage storage, LogEntry e) {
    if (storage.snapshot != null && storage.snapshot.metadata().index() >= e.index()) {
      return true;
    }
    if (storage.entries.isEmpty()) {
      return false;
    }
    long first = storage.entries.get(0).index();
    long pos = e.index() - first;
    return pos >= 0 && pos < storage.entries.size() && storage.entries.get((int) pos).equals(e);
  }

  Map<Long, LogEntry> appliedAt() {
    return appliedAt;
  }

  private void note(String s) {
    trace.addLast(s);
    if (trace.size() > 30) {
      trace.removeFirst();
    }
  }

  void fail(String what) {
    throw new AssertionError(
        "seed " + seed + ", " + size + " nodes, step " + now + ": " + what
            + "\nrecent: " + String.join("\n  ", trace));
  }

  // -------------------------------------------------------------------------------------------
  // The application's snapshot format: its applied entries

  static byte[] encode(List<LogEntry> entries) {
    int n = 4;
    for (LogEntry e : entries) {
      n += 8 + 8 + 1 + 4 + e.size();
    }
    ByteBuffer b = ByteBuffer.allocate(n);
    b.putInt(entries.size());
    for (LogEntry e : entries) {
      b.putLong(e.index()).putLong(e.term()).put((byte) e.type().ordinal()).putInt(e.size());
      b.put(e.data());
    }
    return b.array();
  }

  static List<LogEntry> decode(byte[] data) {
    ByteBuffer b = ByteBuffer.wrap(data);
    int count = b.getInt();
    List<LogEntry> entries = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      long index = b.getLong();
      long term = b.getLong();
      EntryType type = EntryType.values()[b.get()];
      byte[] payload = new byte[b.getInt()];
      b.get(payload);
      entries.add(new LogEntry(index, term, type, payload));
    }
    return entries;
  }
}
