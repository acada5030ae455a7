package io.dvraft.bls;

import io.dvraft.bls.crypto.Bls;
import io.dvraft.bls.crypto.BlstThresholdScheme;
import io.dvraft.bls.crypto.DealtKey;
import io.dvraft.bls.crypto.DeterministicRandom;
import io.dvraft.bls.crypto.SecretShare;
import io.dvraft.bls.crypto.ShareIndex;
import io.dvraft.raft.Envelope;
import io.dvraft.raft.LogEntry;
import io.dvraft.raft.Membership;
import io.dvraft.raft.NodeId;
import io.dvraft.raft.Output;
import io.dvraft.raft.RaftConfig;
import io.dvraft.raft.RaftEvent;
import io.dvraft.raft.RaftStateMachine;
import io.dvraft.raft.Role;
import io.dvraft.raft.Snapshot;
import io.dvraft.raft.SnapshotMetadata;
import io.dvraft.raft.message.AppendEntriesResponse;
import io.dvraft.raft.message.Message;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * A small in-memory BLS-Raft cluster for this module's tests. Every node is driven as the host
 * contract says: persist the Raft batch and its journal records, then send, then apply. The same
 * class drives plain {@link RaftStateMachine} nodes ({@link Mode#PLAIN}) with the same schedule,
 * for the message-parity test. Each input (tick, delivered message, proposal) is one numbered step,
 * and the node's output is drained right after it, so "the same step" compares across runs.
 */
final class BlsCluster {

  /** One scheme for every node and test: it is thread-safe and caches decoded keys. */
  static final BlstThresholdScheme SCHEME = new BlstThresholdScheme();

  enum Mode {
    BLS,
    PLAIN
  }

  record Sent(long step, NodeId from, NodeId to, Message message) {}

  record Emitted(long step, NodeId by, SignedEntry entry) {}

  /** A key dealt for a test, with the group secret that must sign the same bytes. */
  record TestKey(KeyId id, DealtKey dealt, byte[] groupSecret, Map<NodeId, ShareIndex> members) {
    byte[] expectedSignature(byte[] root) {
      return Bls.sign(groupSecret, root);
    }
  }

  /** One simulated host. */
  final class Node {
    final NodeId id;
    final BlsConfig config;
    final KeyRing ring = new KeyRing();
    MemoryStorage storage = new MemoryStorage();
    ConflictRefusingPolicy policy = new ConflictRefusingPolicy();
    BlsRaftStateMachine bls;
    RaftStateMachine plain;
    final List<LogEntry> applied = new ArrayList<>();
    final Map<Long, Long> appliedAtStep = new TreeMap<>();
    final List<BlsEvent> events = new ArrayList<>();
    final List<RaftEvent> raftEvents = new ArrayList<>();
    final List<BlsOutput> lostBatches = new ArrayList<>();
    final List<Snapshot> installedApplicationSnapshots = new ArrayList<>();
    boolean down;

    /** Rewrites this node's outgoing acknowledgements: a byzantine member. */
    UnaryOperator<AppendEntriesResponse> tamper;

    /** Crashes the node when a batch matches, before (or just after) persisting it. */
    Predicate<BlsOutput> crashWhen;

    boolean persistBeforeCrash;

    Node(BlsConfig config) {
      this.id = config.raft().id();
      this.config = config;
      if (mode == Mode.BLS) {
        bls = BlsRaftStateMachine.create(config, ring, policy);
      } else {
        plain = RaftStateMachine.create(config.raft());
      }
    }

    Role role() {
      return mode == Mode.BLS ? bls.status().role() : plain.status().role();
    }

    long term() {
      return mode == Mode.BLS ? bls.status().term() : plain.status().term();
    }

    void tick() {
      if (mode == Mode.BLS) {
        bls.tick();
      } else {
        plain.tick();
      }
    }

    void step(NodeId from, Message m) {
      if (mode == Mode.BLS) {
        bls.step(from, m);
      } else {
        plain.step(from, m);
      }
    }

    /** Handles every pending batch as a host would. */
    void drain() {
      while (!down) {
        if (mode == Mode.PLAIN) {
          if (!plain.hasOutput()) {
            return;
          }
          Output out = plain.poll();
          if (out.isEmpty()) {
            return;
          }
          storage.persist(out);
          send(out.messages());
          apply(out);
          continue;
        }
        if (!bls.hasOutput()) {
          return;
        }
        BlsOutput out = bls.poll();
        if (out.isEmpty()) {
          return;
        }
        if (crashWhen != null && crashWhen.test(out)) {
          if (persistBeforeCrash) {
            storage.persist(out);
          }
          lostBatches.add(out);
          crashWhen = null;
          down = true;
          return;
        }
        storage.persist(out);
        send(out.raft().messages());
        out.applicationSnapshot().ifPresent(installedApplicationSnapshots::add);
        apply(out.raft());
        for (SignedEntry s : out.signed()) {
          emitted.add(new Emitted(step, id, s));
        }
        events.addAll(out.events());
      }
    }

    private void send(List<Envelope> messages) {
      for (Envelope e : messages) {
        Message m = e.message();
        if (tamper != null && m instanceof AppendEntriesResponse r) {
          m = tamper.apply(r);
        }
        Sent sent = new Sent(step, id, e.to(), m);
        network.add(sent);
        sentLog.add(sent);
      }
    }

    private void apply(Output out) {
      out.snapshotToInstall().ifPresent(s -> applied.clear());
      for (LogEntry e : out.committed()) {
        applied.add(e);
        appliedAtStep.put(e.index(), step);
        storage.applied = e.index();
      }
      raftEvents.addAll(out.events());
      for (RaftEvent ev : out.events()) {
        if (ev instanceof RaftEvent.LogCompacted c) {
          storage.compactTo(c.firstIndex() - 1);
        }
      }
    }

    /** Snapshots the applied state and persists the snapshot as BLS-Raft made it. */
    void takeSnapshot(byte[] applicationData) {
      long index = storage.applied;
      if (!bls.snapshotTaken(index, applicationData).ok()) {
        throw new AssertionError("snapshot refused at " + index);
      }
      long term =
          storage.entries.stream().filter(e -> e.index() == index).findFirst().orElseThrow().term();
      storage.snapshot =
          new Snapshot(
              new SnapshotMetadata(index, term, bls.status().membership()),
              bls.takenSnapshotData().orElseThrow());
      drain();
    }

    /** Stops the node: whatever it has not persisted is lost. */
    void crash() {
      down = true;
    }

    /** Restarts from what was persisted, with a fresh policy rebuilt from the journal. */
    void restart() {
      policy = new ConflictRefusingPolicy();
      bls =
          BlsRaftStateMachine.restore(
              config, ring, policy, storage.toPersisted(), List.copyOf(storage.journal));
      applied.removeIf(e -> e.index() > storage.applied);
      down = false;
    }

    List<JournalRecord> journal() {
      return storage.journal;
    }

    <T extends BlsEvent> List<T> events(Class<T> type) {
      List<T> found = new ArrayList<>();
      for (BlsEvent e : events) {
        if (type.isInstance(e)) {
          found.add(type.cast(e));
        }
      }
      return found;
    }

    @Override
    public String toString() {
      return id + (mode == Mode.BLS ? " " + bls.status() : " " + plain.status());
    }
  }

  final Mode mode;
  final TreeMap<NodeId, Node> nodes = new TreeMap<>();
  final List<Sent> network = new ArrayList<>();
  final List<Sent> sentLog = new ArrayList<>();
  final List<Emitted> emitted = new ArrayList<>();
  final Set<List<NodeId>> cutLinks = new HashSet<>();
  final SplittableRandom random;
  long step;

  /** The chance that a message is lost, and whether each round is delivered shuffled. */
  double dropRate;

  boolean reorder;

  BlsCluster(Mode mode, List<Long> ids, long seed, Consumer<RaftConfig.Builder> settings) {
    this(mode, ids, seed, settings, BlsConfig.DEFAULT_MAX_SHARES_PER_RESPONSE);
  }

  BlsCluster(
      Mode mode,
      List<Long> ids,
      long seed,
      Consumer<RaftConfig.Builder> settings,
      int maxSharesPerResponse) {
    this.mode = mode;
    this.random = new SplittableRandom(seed);
    List<NodeId> members = ids.stream().map(NodeId::of).toList();
    Membership membership = Membership.of(members, List.of());
    for (NodeId id : members) {
      RaftConfig.Builder b = RaftConfig.builder(id, membership).seed(seed * 31 + id.value());
      settings.accept(b);
      nodes.put(
          id,
          new Node(BlsConfig.of(b.build(), SCHEME).withMaxSharesPerResponse(maxSharesPerResponse)));
    }
  }

  static BlsCluster of(int size, long seed) {
    List<Long> ids = new ArrayList<>();
    for (long i = 1; i <= size; i++) {
      ids.add(i);
    }
    return new BlsCluster(Mode.BLS, ids, seed, b -> {});
  }

  Node node(long id) {
    return nodes.get(NodeId.of(id));
  }

  List<Node> followersOf(Node leader) {
    return nodes.values().stream().filter(n -> n != leader).toList();
  }

  // ---------------------------------------------------------------------------------------------
  // Network

  /** Cuts the link from {@code from} to {@code to} (one direction). */
  void cut(Node from, Node to) {
    cutLinks.add(List.of(from.id, to.id));
  }

  /** Cuts every link to and from {@code node}. */
  void isolate(Node node) {
    for (Node other : nodes.values()) {
      if (other != node) {
        cut(node, other);
        cut(other, node);
      }
    }
  }

  void heal() {
    cutLinks.clear();
  }

  void drainAll() {
    for (Node n : nodes.values()) {
      n.drain();
    }
  }

  /** Delivers every message now in flight, in order, each as its own step. */
  void deliverRound() {
    drainAll();
    List<Sent> batch = new ArrayList<>(network);
    network.clear();
    if (reorder) {
      for (int i = batch.size() - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        Sent t = batch.get(i);
        batch.set(i, batch.get(j));
        batch.set(j, t);
      }
    }
    for (Sent m : batch) {
      Node to = nodes.get(m.to());
      if (to == null || to.down || cutLinks.contains(List.of(m.from(), m.to()))) {
        continue;
      }
      if (dropRate > 0 && random.nextDouble() < dropRate) {
        continue;
      }
      step++;
      to.step(m.from(), m.message());
      to.drain();
    }
  }

  void stabilize() {
    for (int i = 0; i < 1000; i++) {
      drainAll();
      if (network.isEmpty()) {
        return;
      }
      deliverRound();
    }
    throw new AssertionError("the network did not quiet down");
  }

  void tickAll() {
    for (Node n : nodes.values()) {
      if (!n.down) {
        step++;
        n.tick();
        n.drain();
      }
    }
  }

  /** Ticks and delivers until a live node leads, then lets the network settle. */
  Node electLeader() {
    for (int i = 0; i < 500; i++) {
      tickAll();
      deliverRound();
      Node l = leader();
      if (l != null) {
        stabilize();
        return leader();
      }
    }
    throw new AssertionError("no leader elected");
  }

  /** Heartbeats for a few ticks so followers learn the latest commit and finalized indexes. */
  void settle(int ticks) {
    for (int i = 0; i < ticks; i++) {
      tickAll();
      stabilize();
    }
  }

  Node leader() {
    Node found = null;
    for (Node n : nodes.values()) {
      if (!n.down && n.role() == Role.LEADER && (found == null || n.term() > found.term())) {
        found = n;
      }
    }
    return found;
  }

  // ---------------------------------------------------------------------------------------------
  // Keys and proposals

  /** Deals a key from a seed and gives every member's host its secret share. */
  TestKey dealKey(long keyId, int threshold, Map<NodeId, ShareIndex> members) {
    byte[] secret = sha256("group-secret-" + keyId);
    secret[0] &= 0x3f; // below the group order r
    List<ShareIndex> indexes = new ArrayList<>(members.values());
    DealtKey dealt =
        SCHEME.deal(
            secret, threshold, indexes, DeterministicRandom.fromSeed(sha256("poly-" + keyId)));
    for (Map.Entry<NodeId, ShareIndex> m : members.entrySet()) {
      Node n = nodes.get(m.getKey());
      SecretShare share = dealt.secretShare(m.getValue()).orElseThrow();
      n.ring.put(KeyId.of(keyId), share);
    }
    return new TestKey(KeyId.of(keyId), dealt, secret, new LinkedHashMap<>(members));
  }

  /** Members 1..n with share indexes 1..n. */
  Map<NodeId, ShareIndex> plainMembers() {
    Map<NodeId, ShareIndex> m = new TreeMap<>();
    for (NodeId id : nodes.keySet()) {
      m.put(id, ShareIndex.of(id.value()));
    }
    return m;
  }

  TestKey addKey(Node leader, long keyId, int threshold, Map<NodeId, ShareIndex> members) {
    TestKey key = dealKey(keyId, threshold, members);
    BlsProposalResult r = proposeAddKey(leader, key);
    if (!r.isAccepted()) {
      throw new AssertionError("AddKey refused: " + r);
    }
    return key;
  }

  BlsProposalResult proposeAddKey(Node leader, TestKey key) {
    step++;
    BlsProposalResult r;
    if (mode == Mode.BLS) {
      r = leader.bls.proposeAddKey(key.id(), key.dealt().key(), key.members());
    } else {
      byte[] data =
          BlsCommandCodec.encode(BlsCommand.AddKey.of(key.id(), key.dealt().key(), key.members()));
      r = BlsProposalResult.of(leader.plain.propose(data));
    }
    leader.drain();
    return r;
  }

  BlsProposalResult proposeDuty(Node leader, KeyId key, byte[] root, String dutyKey) {
    step++;
    byte[] duty = dutyKey.getBytes(StandardCharsets.UTF_8);
    byte[] payload = ("payload of " + dutyKey).getBytes(StandardCharsets.UTF_8);
    BlsProposalResult r;
    if (mode == Mode.BLS) {
      r = leader.bls.proposeDuty(key, root, duty, payload);
    } else {
      byte[] data = BlsCommandCodec.encode(new BlsCommand.SignDuty(key, root, duty, payload));
      r = BlsProposalResult.of(leader.plain.propose(data));
    }
    leader.drain();
    return r;
  }

  BlsProposalResult proposeCommand(Node leader, String command) {
    step++;
    BlsProposalResult r =
        mode == Mode.BLS
            ? leader.bls.proposeCommand(command.getBytes(StandardCharsets.UTF_8))
            : BlsProposalResult.of(leader.plain.propose(command.getBytes(StandardCharsets.UTF_8)));
    leader.drain();
    return r;
  }

  static byte[] root(String name) {
    return sha256("root-" + name);
  }

  static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Observations

  /** The first emission of each entry index, in emission order. */
  Map<Long, Emitted> firstEmissions() {
    Map<Long, Emitted> first = new TreeMap<>();
    for (Emitted e : emitted) {
      first.putIfAbsent(e.entry().entry().index(), e);
    }
    return first;
  }

  Map<String, Integer> messageCounts() {
    Map<String, Integer> counts = new TreeMap<>();
    for (Sent s : sentLog) {
      counts.merge(s.message().getClass().getSimpleName(), 1, Integer::sum);
    }
    return counts;
  }

  /** Asserts that every emitted signature verifies under its key and is the group secret's. */
  void assertEmissionsValid(Map<KeyId, TestKey> keys) {
    for (Emitted e : emitted) {
      SignedEntry s = e.entry();
      TestKey key = keys.get(s.key());
      byte[] root = s.duty().signingRoot();
      if (!SCHEME.verify(key.dealt().key().groupKey(), root, s.signature())) {
        throw new AssertionError("emitted signature does not verify: " + s);
      }
      if (!java.util.Arrays.equals(s.signature().bytes(), key.expectedSignature(root))) {
        throw new AssertionError("emitted signature is not the group secret's: " + s);
      }
    }
  }
}
