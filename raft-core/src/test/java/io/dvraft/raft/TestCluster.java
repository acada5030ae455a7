package io.dvraft.raft;

import io.dvraft.raft.internal.SplitMix64;
import io.dvraft.raft.message.Message;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A minimal in-memory cluster for raft-core's own tests: every node is driven exactly as the host
 * contract says (persist, then send, then apply), messages go through a network that can drop and
 * reorder them from a seed. The full simulator with faults and checkers lives in raft-testkit.
 */
final class TestCluster {

  /** One simulated host. */
  final class Node {
    final NodeId id;
    final RaftConfig config;
    RaftStateMachine raft;
    final MemoryStorage storage = new MemoryStorage();
    final List<LogEntry> applied = new ArrayList<>();
    final List<ReadState> reads = new ArrayList<>();
    final List<RaftEvent> events = new ArrayList<>();
    boolean down;

    Node(RaftConfig config) {
      this.id = config.id();
      this.config = config;
      this.raft = RaftStateMachine.create(config);
    }

    /** Handles every pending batch as a host would. */
    void drain() {
      while (!down && raft.hasOutput()) {
        Output out = raft.poll();
        if (out.isEmpty()) {
          break;
        }
        outputs.accept(out);
        storage.persist(out);
        for (Envelope e : out.messages()) {
          network.add(new InFlight(id, e.to(), e.message()));
        }
        out.snapshotToInstall().ifPresent(s -> applied.removeIf(x -> true));
        for (LogEntry e : out.committed()) {
          applied.add(e);
          storage.applied = e.index();
        }
        reads.addAll(out.readsReady());
        events.addAll(out.events());
        for (RaftEvent ev : out.events()) {
          if (ev instanceof RaftEvent.LogCompacted c) {
            storage.compactTo(c.firstIndex() - 1);
          }
        }
      }
    }

    /** Loses everything not persisted and restarts from storage. */
    void crash() {
      down = true;
    }

    void restart() {
      raft = RaftStateMachine.restore(config, storage.toPersisted());
      applied.removeIf(e -> e.index() > storage.applied);
      down = false;
    }
  }

  record InFlight(NodeId from, NodeId to, Message message) {}

  final Map<NodeId, Node> nodes = new TreeMap<>();
  final List<InFlight> network = new ArrayList<>();
  final SplitMix64 random;
  final Set<NodeId> isolated = new HashSet<>();
  double dropRate;
  boolean reorder;
  Consumer<Output> outputs = o -> {};

  TestCluster(int size, long seed) {
    this(size, seed, b -> {});
  }

  TestCluster(int size, long seed, Consumer<RaftConfig.Builder> settings) {
    this.random = new SplitMix64(seed);
    List<NodeId> ids = new ArrayList<>();
    for (int i = 1; i <= size; i++) {
      ids.add(NodeId.of(i));
    }
    Membership membership = Membership.of(ids, List.of());
    for (NodeId id : ids) {
      RaftConfig.Builder b = RaftConfig.builder(id, membership).seed(seed * 31 + id.value());
      settings.accept(b);
      nodes.put(id, new Node(b.build()));
    }
  }

  Node node(long id) {
    return nodes.get(NodeId.of(id));
  }

  void drainAll() {
    for (Node n : nodes.values()) {
      n.drain();
    }
  }

  /** Delivers every message now in flight (in random order if reordering), after draining. */
  void deliverRound() {
    drainAll();
    List<InFlight> batch = new ArrayList<>(network);
    network.clear();
    if (reorder) {
      for (int i = batch.size() - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        InFlight t = batch.get(i);
        batch.set(i, batch.get(j));
        batch.set(j, t);
      }
    }
    for (InFlight m : batch) {
      Node to = nodes.get(m.to());
      if (to == null || to.down || nodes.get(m.from()).down) {
        continue;
      }
      if (isolated.contains(m.from()) || isolated.contains(m.to())) {
        continue;
      }
      if (dropRate > 0 && (random.nextLong() >>> 11) * 0x1.0p-53 < dropRate) {
        continue;
      }
      to.raft.step(m.from(), m.message());
      to.drain();
    }
  }

  /** Delivers until the network is quiet (bounded). */
  void stabilize() {
    for (int i = 0; i < 1000; i++) {
      drainAll();
      if (network.isEmpty()) {
        return;
      }
      deliverRound();
    }
  }

  void tickAll() {
    for (Node n : nodes.values()) {
      if (!n.down) {
        n.raft.tick();
      }
    }
  }

  /** Ticks and delivers until some node leads, or gives up. */
  Node electLeader(int maxTicks) {
    for (int i = 0; i < maxTicks; i++) {
      tickAll();
      deliverRound();
      Node l = leader();
      if (l != null) {
        stabilize();
        return leader();
      }
    }
    return null;
  }

  Node leader() {
    Node found = null;
    for (Node n : nodes.values()) {
      if (!n.down && n.raft.status().role() == Role.LEADER) {
        if (found == null || n.raft.status().term() > found.raft.status().term()) {
          found = n;
        }
      }
    }
    return found;
  }

  /** Checks that all nodes applied the same sequence: each applied list is a prefix of the longest. */
  void assertAppliedPrefixesAgree() {
    List<LogEntry> longest = List.of();
    for (Node n : nodes.values()) {
      if (n.applied.size() > longest.size()) {
        longest = n.applied;
      }
    }
    for (Node n : nodes.values()) {
      for (int i = 0; i < n.applied.size(); i++) {
        if (!n.applied.get(i).equals(longest.get(i))) {
          throw new AssertionError(n.id + " applied " + n.applied.get(i) + " where another applied " + longest.get(i));
        }
      }
    }
  }

  static Map<String, Object> describe(Node n) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("status", n.raft.status());
    m.put("applied", n.applied.size());
    return m;
  }
}
