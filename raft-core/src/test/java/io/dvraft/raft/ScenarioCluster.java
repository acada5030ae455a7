package io.dvraft.raft;

import io.dvraft.raft.internal.SplitMix64;
import io.dvraft.raft.message.Message;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A cluster for scenario tests (in the spirit of etcd-io/raft's interaction tests): every node is
 * driven exactly as the host contract says (persist, send, install and apply, answer reads), and
 * the test controls time, message delivery (one message at a time if it wants), partitions, loss,
 * crashes and restarts. Every output goes through {@link SafetyChecks}.
 *
 * <p>The application is a hash chain over the applied entries; its snapshot is that hash and index
 * followed by deterministic padding, so that snapshots can be made large enough to need many
 * chunks. The application is volatile: a restarted node rebuilds it from its persisted snapshot
 * and replays the committed log, as a host whose state machine lives in memory would.
 *
 * <p>Joining nodes: a node being added is started with a {@link RaftConfig} whose membership is
 * the configuration it is being added to (the cluster's current one, which does not contain it).
 * Not being in its own membership, it never campaigns and accepts the leader that contacts it; it
 * learns its role from the log (or from a snapshot).
 */
final class ScenarioCluster {

  /** A message on the wire. */
  record Msg(NodeId from, NodeId to, Message message) {}

  /** One simulated host: persisted state, volatile application, and what it saw. */
  final class Host {
    final NodeId id;
    final RaftConfig config;
    RaftStateMachine raft;
    boolean down;

    // Durable state, written in step 1 of each batch.
    HardState hardState = HardState.INITIAL;
    Snapshot snapshot;
    final TreeMap<Long, LogEntry> log = new TreeMap<>();

    // The volatile application.
    long appliedIndex;
    long appliedTerm;
    long stateHash = INITIAL_HASH;
    final List<LogEntry> applied = new ArrayList<>();
    final TreeMap<Long, Membership> membershipHistory = new TreeMap<>();

    // What the host observed.
    final List<ReadState> reads = new ArrayList<>();
    final List<RaftEvent> events = new ArrayList<>();
    final List<Snapshot> installed = new ArrayList<>();

    Host(RaftConfig config) {
      this.id = config.id();
      this.config = config;
      this.raft = RaftStateMachine.create(config);
      membershipHistory.put(0L, config.membership());
    }

    /** Handles every pending batch as the host contract says. */
    void drain() {
      while (!down && raft.hasOutput()) {
        Output out = raft.poll();
        if (out.isEmpty()) {
          break;
        }
        // 1. Persist.
        out.hardState().ifPresent(hs -> hardState = hs);
        out.snapshotToInstall().ifPresent(s -> {
          snapshot = s;
          log.clear();
        });
        for (LogEntry e : out.entriesToPersist()) {
          log.tailMap(e.index(), true).clear();
          log.put(e.index(), e);
        }
        // 2. Send.
        for (Envelope env : out.messages()) {
          network.add(new Msg(id, env.to(), env.message()));
          sent++;
        }
        // 3. Install the snapshot, then apply.
        out.snapshotToInstall().ifPresent(this::install);
        for (LogEntry e : out.committed()) {
          apply(e);
        }
        // 4. Reads, and bookkeeping.
        for (ReadState r : out.readsReady()) {
          checks.readAnswered(id, r);
          reads.add(r);
        }
        for (RaftEvent ev : out.events()) {
          events.add(ev);
          if (ev instanceof RaftEvent.MembershipApplied m) {
            membershipHistory.put(m.index(), m.membership());
          } else if (ev instanceof RaftEvent.LogCompacted c) {
            log.headMap(c.firstIndex(), false).clear();
          } else if (ev instanceof RaftEvent.StateChanged s && s.role() == Role.LEADER) {
            checks.leaderObserved(id, s.term());
          }
        }
        onOutput.accept(this, out);
      }
      if (!down) {
        RaftStatus st = raft.status();
        if (st.role() == Role.LEADER) {
          checks.leaderObserved(id, st.term());
          long first = snapshot == null ? 1 : snapshot.metadata().index() + 1;
          checks.leaderLog(id, st.term(), first, log::get);
        }
      }
    }

    private void install(Snapshot s) {
      ByteBuffer b = ByteBuffer.wrap(s.data());
      long index = b.getLong();
      long hash = b.getLong();
      if (index != s.metadata().index()) {
        throw new AssertionError(id + " got a snapshot whose data says " + index + " but metadata "
            + s.metadata());
      }
      appliedIndex = index;
      appliedTerm = s.metadata().term();
      stateHash = hash;
      installed.add(s);
      membershipHistory.put(index, s.metadata().membership());
      checks.snapshotInstalled(id, index, hash);
    }

    private void apply(LogEntry e) {
      if (e.index() != appliedIndex + 1) {
        throw new AssertionError(
            id + " was given " + e + " to apply after applying up to " + appliedIndex);
      }
      stateHash = chain(stateHash, e);
      appliedIndex = e.index();
      appliedTerm = e.term();
      applied.add(e);
      checks.applied(id, e, stateHash);
    }

    /** Proposes a command and drains; returns the result. */
    ProposalResult propose(String command) {
      ProposalResult r = raft.propose(command.getBytes(StandardCharsets.UTF_8));
      drain();
      return r;
    }

    /** Issues a linearizable read and drains; the checker records what it must at least see. */
    RequestResult read(long readId) {
      long floor = highestCommitIndex();
      RequestResult r = raft.readIndex(readId);
      if (r.ok()) {
        checks.readIssued(id, readId, floor);
      }
      drain();
      return r;
    }

    RequestResult changeMembership(List<Long> voters, List<Long> learners) {
      RequestResult r = raft.changeMembership(ids(voters), ids(learners));
      drain();
      return r;
    }

    RequestResult transferLeadership(long target) {
      RequestResult r = raft.transferLeadership(NodeId.of(target));
      drain();
      return r;
    }

    /**
     * Snapshots the application at its applied index, as a host would: persist the snapshot, then
     * tell the state machine, which compacts its log.
     */
    RequestResult takeSnapshot() {
      byte[] data = snapshotBytes(appliedIndex, stateHash, snapshotPadding);
      Membership m = membershipHistory.floorEntry(appliedIndex).getValue();
      RequestResult r = raft.snapshotTaken(appliedIndex, data);
      if (r.ok()) {
        snapshot = new Snapshot(new SnapshotMetadata(appliedIndex, appliedTerm, m), data);
      }
      drain();
      return r;
    }

    /** Stops the host: everything it did not persist is lost; messages already sent stay sent. */
    void crash() {
      down = true;
    }

    /** Restarts from what was persisted; the volatile application restarts from the snapshot. */
    void restart() {
      long base = snapshot == null ? 0 : snapshot.metadata().index();
      List<LogEntry> after = new ArrayList<>(log.tailMap(base, false).values());
      PersistedState persisted =
          new PersistedState(hardState, Optional.ofNullable(snapshot), after, base);
      raft = RaftStateMachine.restore(config, persisted);
      if (snapshot == null) {
        appliedIndex = 0;
        appliedTerm = 0;
        stateHash = INITIAL_HASH;
      } else {
        ByteBuffer b = ByteBuffer.wrap(snapshot.data());
        appliedIndex = b.getLong();
        stateHash = b.getLong();
        appliedTerm = snapshot.metadata().term();
      }
      down = false;
      drain();
    }

    RaftStatus status() {
      return raft.status();
    }

    Role role() {
      return raft.status().role();
    }

    boolean isLeader() {
      return !down && role() == Role.LEADER;
    }

    /** Returns the events of a type this host saw. */
    <T extends RaftEvent> List<T> events(Class<T> type) {
      List<T> out = new ArrayList<>();
      for (RaftEvent e : events) {
        if (type.isInstance(e)) {
          out.add(type.cast(e));
        }
      }
      return out;
    }

    /** Returns the commands applied, as strings, in order. */
    List<String> commands() {
      List<String> out = new ArrayList<>();
      for (LogEntry e : applied) {
        if (e.type() == EntryType.COMMAND) {
          out.add(new String(e.data(), StandardCharsets.UTF_8));
        }
      }
      return out;
    }

    @Override
    public String toString() {
      return id + (down ? "(down)" : "") + " " + raft.status();
    }
  }

  static final long INITIAL_HASH = 0xcbf29ce484222325L;

  final SafetyChecks checks = new SafetyChecks();
  final Map<NodeId, Host> nodes = new TreeMap<>();
  final List<Msg> network = new ArrayList<>();
  private final SplitMix64 random;
  private final long seed;
  private final Consumer<RaftConfig.Builder> settings;
  private final Map<NodeId, Integer> side = new HashMap<>();

  /** Messages for which this holds are held back (kept, not delivered) until {@link #release}. */
  Predicate<Msg> holdIf = m -> false;
  final List<Msg> held = new ArrayList<>();
  private final java.util.Set<List<NodeId>> cutLinks = new java.util.HashSet<>();
  /** Messages for which this holds are dropped at delivery. */
  Predicate<Msg> dropIf = m -> false;
  /** Probability that a message matching {@link #lossApplies} is lost. */
  double lossRate;
  Predicate<Msg> lossApplies = m -> true;
  /** Called after each batch a host handled (after the safety checks). */
  BiConsumer<Host, Output> onOutput = (h, o) -> {};
  /** Called for each message about to be delivered (not for lost ones); may crash nodes, count. */
  Consumer<Msg> beforeDelivery = m -> {};
  /** Whether {@link #deliverRound} delivers the messages in flight in a random order. */
  boolean reorder;
  /** Probability that a delivered message is delivered a second time later. */
  double duplicateRate;
  /** Bytes of padding in application snapshots. */
  int snapshotPadding = 16;
  long sent;
  long delivered;
  long ticks;

  ScenarioCluster(int size, long seed) {
    this(size, seed, b -> {});
  }

  ScenarioCluster(int size, long seed, Consumer<RaftConfig.Builder> settings) {
    this.random = new SplitMix64(seed);
    this.seed = seed;
    this.settings = settings;
    List<NodeId> ids = new ArrayList<>();
    for (int i = 1; i <= size; i++) {
      ids.add(NodeId.of(i));
    }
    Membership membership = Membership.of(ids, List.of());
    for (NodeId id : ids) {
      nodes.put(id, new Host(config(id, membership)));
    }
  }

  private RaftConfig config(NodeId id, Membership membership) {
    RaftConfig.Builder b = RaftConfig.builder(id, membership).seed(seed * 31 + id.value());
    settings.accept(b);
    return b.build();
  }

  /**
   * Starts a new node that will be added to the cluster. As documented on the class, its config
   * carries the membership it is being added to, which does not contain it.
   */
  Host addNode(long id, Membership joining) {
    Host h = new Host(config(NodeId.of(id), joining));
    nodes.put(h.id, h);
    return h;
  }

  Host node(long id) {
    return nodes.get(NodeId.of(id));
  }

  static List<NodeId> ids(List<Long> values) {
    List<NodeId> out = new ArrayList<>();
    for (long v : values) {
      out.add(NodeId.of(v));
    }
    return out;
  }

  static Membership voters(long... values) {
    List<NodeId> out = new ArrayList<>();
    for (long v : values) {
      out.add(NodeId.of(v));
    }
    return Membership.of(out, List.of());
  }

  static byte[] snapshotBytes(long index, long hash, int padding) {
    ByteBuffer b = ByteBuffer.allocate(16 + padding);
    b.putLong(index).putLong(hash);
    for (int i = 0; i < padding; i++) {
      b.put((byte) (index * 31 + i));
    }
    return b.array();
  }

  static long chain(long hash, LogEntry e) {
    long h = hash;
    h = mix(h, e.index());
    h = mix(h, e.term());
    h = mix(h, e.type().ordinal());
    for (byte x : e.data()) {
      h = (h ^ (x & 0xff)) * 0x100000001b3L;
    }
    return h;
  }

  private static long mix(long h, long v) {
    for (int i = 0; i < 8; i++) {
      h = (h ^ ((v >>> (8 * i)) & 0xff)) * 0x100000001b3L;
    }
    return h;
  }

  // ---------------------------------------------------------------------------------------------
  // Network faults

  /** Splits the cluster: nodes in different groups cannot talk; unlisted nodes form group 0. */
  @SafeVarargs
  final void partition(List<Long>... groups) {
    side.clear();
    for (int g = 0; g < groups.length; g++) {
      for (long id : groups[g]) {
        side.put(NodeId.of(id), g + 1);
      }
    }
  }

  /** Cuts these nodes off from everyone else (they can still talk among themselves). */
  void isolate(Long... ids) {
    partition(List.of(ids));
  }

  /** Cuts the link between two nodes, both ways. */
  void cut(long a, long b) {
    cutLinks.add(List.of(NodeId.of(a), NodeId.of(b)));
    cutLinks.add(List.of(NodeId.of(b), NodeId.of(a)));
  }

  void heal() {
    side.clear();
    cutLinks.clear();
  }

  boolean canTalk(NodeId a, NodeId b) {
    return side.getOrDefault(a, 0).equals(side.getOrDefault(b, 0))
        && !cutLinks.contains(List.of(a, b));
  }

  /** Puts the held messages back in flight, oldest first, ahead of the rest. */
  void release() {
    network.addAll(0, held);
    held.clear();
  }

  // ---------------------------------------------------------------------------------------------
  // Driving

  void drainAll() {
    for (Host h : List.copyOf(nodes.values())) {
      h.drain();
    }
  }

  /** Delivers (or loses) the oldest message in flight; false if there is none. */
  boolean deliverOne() {
    if (network.isEmpty()) {
      return false;
    }
    deliver(network.remove(0));
    return true;
  }

  private void deliver(Msg m) {
    if (holdIf.test(m)) {
      held.add(m);
      return;
    }
    Host to = nodes.get(m.to());
    if (to == null || to.down || !canTalk(m.from(), m.to()) || dropIf.test(m)) {
      return;
    }
    if (lossRate > 0 && lossApplies.test(m) && (random.nextLong() >>> 11) * 0x1.0p-53 < lossRate) {
      return;
    }
    beforeDelivery.accept(m);
    if (to.down) {
      return; // crashed by the hook
    }
    if (duplicateRate > 0 && (random.nextLong() >>> 11) * 0x1.0p-53 < duplicateRate) {
      network.add(m);
    }
    delivered++;
    to.raft.step(m.from(), m.message());
    to.drain();
  }

  /** Delivers every message now in flight (not those their delivery produces). */
  void deliverRound() {
    drainAll();
    List<Msg> batch = new ArrayList<>(network);
    network.clear();
    if (reorder) {
      for (int i = batch.size() - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        Msg x = batch.get(i);
        batch.set(i, batch.get(j));
        batch.set(j, x);
      }
    }
    for (Msg m : batch) {
      deliver(m);
    }
  }

  /** Delivers messages one at a time until {@code done} holds; false if the network ran dry. */
  boolean deliverUntil(BooleanSupplier done) {
    drainAll();
    for (int i = 0; i < 100_000; i++) {
      if (done.getAsBoolean()) {
        return true;
      }
      if (!deliverOne()) {
        return done.getAsBoolean();
      }
    }
    throw new AssertionError("network never went quiet");
  }

  /** Delivers until no message is in flight, without ticking. */
  void settle() {
    for (int i = 0; i < 10_000; i++) {
      drainAll();
      if (network.isEmpty()) {
        return;
      }
      deliverRound();
    }
    throw new AssertionError("network never went quiet");
  }

  void tickAll() {
    ticks++;
    for (Host h : List.copyOf(nodes.values())) {
      if (!h.down) {
        h.raft.tick();
        h.drain();
      }
    }
  }

  /** Ticks once and delivers a round, {@code n} times. */
  void run(int n) {
    for (int i = 0; i < n; i++) {
      tickAll();
      deliverRound();
    }
  }

  /** Ticks and delivers until {@code done} holds; fails after {@code maxTicks}. */
  void runUntil(String what, int maxTicks, BooleanSupplier done) {
    for (int i = 0; i < maxTicks; i++) {
      if (done.getAsBoolean()) {
        return;
      }
      tickAll();
      deliverRound();
    }
    if (!done.getAsBoolean()) {
      throw new AssertionError("not reached after " + maxTicks + " ticks: " + what + "\n" + dump());
    }
  }

  /** Returns the live leader with the highest term, or null. */
  Host leader() {
    Host found = null;
    for (Host h : nodes.values()) {
      if (h.isLeader() && (found == null || h.status().term() > found.status().term())) {
        found = h;
      }
    }
    return found;
  }

  /** Runs until a live leader has committed an entry of its term (its no-op), and returns it. */
  Host awaitLeader() {
    runUntil("a leader with a committed entry of its term", 200, () -> {
      Host l = leader();
      return l != null && l.status().commitIndex() == l.status().lastIndex()
          && termAt(l, l.status().commitIndex()) == l.status().term();
    });
    settle();
    return leader();
  }

  private static long termAt(Host h, long index) {
    LogEntry e = h.log.get(index);
    return e == null ? -1 : e.term();
  }

  /** Proposes {@code count} commands at the current leader and runs until they are applied there. */
  List<ProposalResult> proposeAndCommit(String prefix, int count) {
    Host l = leader();
    if (l == null) {
      throw new AssertionError("no leader\n" + dump());
    }
    List<ProposalResult> results = new ArrayList<>();
    long last = 0;
    for (int i = 0; i < count; i++) {
      ProposalResult r = l.propose(prefix + i);
      if (!(r instanceof ProposalResult.Accepted a)) {
        throw new AssertionError("proposal refused: " + r + "\n" + dump());
      }
      results.add(r);
      last = a.index();
    }
    long target = last;
    runUntil("commands " + prefix + "* applied at " + l.id, 200, () -> l.appliedIndex >= target);
    return results;
  }

  /** The highest commit index any node knows, the least a read issued now must see. */
  long highestCommitIndex() {
    long max = 0;
    for (Host h : nodes.values()) {
      max = Math.max(max, h.raft.status().commitIndex());
    }
    return max;
  }

  /**
   * Runs until the named nodes have applied exactly the same state up to the leader's commit
   * index (followers learn the last commit index from the next heartbeat).
   */
  void awaitConverged(List<Long> ids) {
    runUntil("nodes " + ids + " converged", 100, () -> {
      Host l = leader();
      if (l == null || l.status().commitIndex() != l.status().lastIndex()) {
        return false;
      }
      for (long id : ids) {
        Host h = node(id);
        if (h.down || h.appliedIndex != l.status().commitIndex()
            || !java.util.Objects.equals(checks.stateAfter(h.appliedIndex), h.stateHash)) {
          return false;
        }
      }
      return true;
    });
  }

  String dump() {
    StringBuilder sb = new StringBuilder();
    for (Host h : nodes.values()) {
      sb.append("  ").append(h).append(" applied=").append(h.appliedIndex).append('\n');
    }
    sb.append("  in flight: ").append(network.size());
    return sb.toString();
  }
}
