package io.dvraft.raft;

import io.dvraft.raft.codec.RaftCodec;
import io.dvraft.raft.internal.SplitMix64;
import io.dvraft.raft.message.AppendEntries;
import io.dvraft.raft.message.InstallSnapshot;
import io.dvraft.raft.message.Message;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A live cluster for the byzantine threat model: honest nodes replicate, elect, read, snapshot and
 * restart over a lossy, reordering, duplicating network, while the test steps forged messages into
 * them. Each honest node is checked against {@link LocalInvariants} after every batch, and its
 * host restarts it from the state those invariants shadow. Cluster-wide safety is not checked:
 * Raft does not promise it against a byzantine member.
 *
 * <p>Every genuine message is recorded (the recent ones, and a uniform sample of the whole run) so
 * that the adversary can replay or mutate it; their encodings feed the garbage generator.
 */
final class HostileCluster {

  record Msg(NodeId from, NodeId to, Message message) {}

  /** One host. The byzantine one runs an honest state machine too, but is not checked. */
  final class Host {
    final NodeId id;
    final RaftConfig config;
    final boolean checked;
    RaftStateMachine raft;
    final LocalInvariants inv;
    /** Outputs of the current injection, when one is being watched. */
    List<Output> watched;

    Host(RaftConfig config, boolean checked) {
      this.id = config.id();
      this.config = config;
      this.checked = checked;
      this.raft = RaftStateMachine.create(config);
      this.inv = new LocalInvariants(id, config.membership());
    }

    void drain() {
      for (int i = 0; i < 10_000 && raft.hasOutput(); i++) {
        Output out = raft.poll();
        if (out.isEmpty()) {
          return;
        }
        if (watched != null) {
          watched.add(out);
        }
        if (checked) {
          inv.check(out, raft.status());
          for (RaftEvent ev : out.events()) {
            if (ev instanceof RaftEvent.MessageDropped d) {
              stats.dropped(d);
            }
          }
        }
        for (Envelope env : out.messages()) {
          Msg m = new Msg(id, env.to(), env.message());
          network.add(m);
          record(m);
        }
      }
    }

    /** Snapshots the application at its applied index, as a host would. */
    void takeSnapshot() {
      long index = inv.applied;
      if (index < 1 || (inv.snapshot != null && index <= inv.snapshot.metadata().index())) {
        return;
      }
      long term = inv.termAt(index);
      Membership m = inv.memberships.floorEntry(index).getValue();
      byte[] data = ("app@" + index).getBytes(StandardCharsets.UTF_8);
      if (raft.snapshotTaken(index, data).ok()) {
        inv.snapshotTaken(new Snapshot(new SnapshotMetadata(index, term, m), data));
      }
      drain();
    }

    /** Restarts from what the host persisted; fails if that state cannot be restored. */
    void restart() {
      PersistedState persisted = inv.persisted();
      RaftStateMachine restored;
      try {
        restored = RaftStateMachine.restore(config, persisted);
      } catch (RuntimeException e) {
        throw new AssertionError(id + " cannot restart from what it persisted", e);
      }
      raft = restored;
      inv.restarting(persisted.appliedIndex());
      inv.verify(raft.status());
      drain();
    }

    HostileMessages.Target target() {
      Snapshot s = inv.snapshot;
      return HostileMessages.Target.of(raft.status(), inv::termAt,
          s == null ? 0 : s.metadata().index(), s == null ? 0 : s.data().length, memberIds);
    }
  }

  final Map<NodeId, Host> hosts = new TreeMap<>();
  final List<Host> honest = new ArrayList<>();
  final NodeId byzantine;
  final List<NodeId> memberIds = new ArrayList<>();
  final List<NodeId> nonMembers =
      List.of(NodeId.of(0), NodeId.of(9), NodeId.of(1000), NodeId.of(Long.MAX_VALUE));
  final List<Msg> network = new ArrayList<>();
  final HostileStats stats;
  private final SplitMix64 random;

  // Genuine traffic, for replays and mutations.
  private final List<Msg> recent = new ArrayList<>();
  private final List<Msg> sample = new ArrayList<>();
  final List<byte[]> encodings = new ArrayList<>();
  private long recorded;

  /** How many hostile messages were stepped into honest nodes. */
  long injected;
  double lossRate = 0.05;
  double duplicateRate = 0.02;
  long readIds;

  HostileCluster(int size, long seed, HostileStats stats) {
    this.random = new SplitMix64(seed ^ 0x5DEECE66DL);
    this.stats = stats;
    for (int i = 1; i <= size; i++) {
      memberIds.add(NodeId.of(i));
    }
    this.byzantine = NodeId.of(size);
    Membership membership = Membership.of(memberIds, List.of());
    for (NodeId id : memberIds) {
      RaftConfig config = RaftConfig.builder(id, membership).seed(seed * 31 + id.value())
          .snapshotTrailingEntries(4).snapshotChunkBytes(4).maxInflightAppends(4)
          .maxEntriesPerAppend(8).readMode(seed % 2 == 0 ? ReadMode.LEASE : ReadMode.READ_INDEX)
          .build();
      Host h = new Host(config, !id.equals(byzantine));
      hosts.put(id, h);
      if (h.checked) {
        honest.add(h);
      }
    }
  }

  private void record(Msg m) {
    recorded++;
    if (recent.size() < 256) {
      recent.add(m);
    } else {
      recent.set((int) (recorded % 256), m);
    }
    if (sample.size() < 256) {
      sample.add(m);
    } else {
      long j = (random.nextLong() >>> 1) % recorded;
      if (j < 256) {
        sample.set((int) j, m);
      }
    }
    if (recorded % 7 == 0) {
      try {
        byte[] bytes = RaftCodec.encode(m.message());
        if (encodings.size() < 128) {
          encodings.add(bytes);
        } else {
          encodings.set(random.nextInt(128), bytes);
        }
      } catch (IllegalArgumentException e) {
        throw new AssertionError(m.from() + " sent a message the codec cannot carry: " + m, e);
      }
    }
  }

  /** A genuine message seen earlier: a recent one or one from anywhere in the run; null if none. */
  Msg genuine() {
    List<Msg> from = random.nextInt(2) == 0 || sample.isEmpty() ? recent : sample;
    return from.isEmpty() ? null : from.get(random.nextInt(from.size()));
  }

  Host host(NodeId id) {
    return hosts.get(id);
  }

  /** Returns the honest node leading the highest term, or null. */
  Host leader() {
    Host found = null;
    for (Host h : honest) {
      RaftStatus s = h.raft.status();
      if (s.role() == Role.LEADER && (found == null || s.term() > found.raft.status().term())) {
        found = h;
      }
    }
    return found;
  }

  // ---------------------------------------------------------------------------------------------
  // Driving

  void tickAll() {
    for (Host h : hosts.values()) {
      h.raft.tick();
      h.drain();
    }
  }

  void deliverRound() {
    List<Msg> batch = new ArrayList<>(network);
    network.clear();
    for (int i = batch.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      Msg x = batch.get(i);
      batch.set(i, batch.get(j));
      batch.set(j, x);
    }
    for (Msg m : batch) {
      Host to = hosts.get(m.to());
      if (to == null || chance(lossRate)) {
        continue;
      }
      if (chance(duplicateRate)) {
        network.add(m);
      }
      to.raft.step(m.from(), m.message());
      to.drain();
    }
  }

  private boolean chance(double p) {
    return (random.nextLong() >>> 11) * 0x1.0p-53 < p;
  }

  /** What honest hosts do on their own: propose, read, snapshot, now and then restart. */
  void honestActivity() {
    int op = random.nextInt(100);
    Host l = leader();
    if (l != null && op < 35) {
      l.raft.propose(("c" + random.nextInt(1000)).getBytes(StandardCharsets.UTF_8));
      l.drain();
    } else if (op < 45) {
      Host h = honest.get(random.nextInt(honest.size()));
      h.raft.readIndex(++readIds);
      h.drain();
    } else if (op < 49) {
      honest.get(random.nextInt(honest.size())).takeSnapshot();
    } else if (op == 49) {
      honest.get(random.nextInt(honest.size())).restart();
      stats.count("restarts");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Injection

  /**
   * Says why the receiver must drop {@code m} from {@code from} whatever its state, or null if it
   * may take it: a null or self sender, an impossible message (see {@link HostileOracle}), or a
   * sender outside every configuration the receiver knows, unless the receiver is outside them
   * itself (a joining node learns from anyone) or the message claims leadership of a term at least
   * the receiver's (an AppendEntries or InstallSnapshot, which the leader of a configuration the
   * receiver has not seen yet sends).
   */
  static String mustDrop(Host to, NodeId from, Message m, RaftStatus st) {
    if (from == null || m == null) {
      return "null sender or message";
    }
    if (from.equals(to.id)) {
      return "from itself";
    }
    String impossible = HostileOracle.impossible(m);
    if (impossible != null) {
      return impossible;
    }
    boolean leaderClaim =
        (m instanceof AppendEntries || m instanceof InstallSnapshot) && m.term() >= st.term();
    if (!to.inv.knows(from, st) && to.inv.knows(to.id, st) && !leaderClaim) {
      return "not a member";
    }
    return null;
  }

  /**
   * Steps a hostile message into an honest node and drains it. If the message must be dropped
   * (see {@link #mustDrop}), checks that the only output is a MessageDropped event for it and that
   * the node's status did not change.
   */
  void inject(Host to, NodeId from, Message m, String category) {
    injected++;
    RaftStatus before = to.raft.status();
    String expected = mustDrop(to, from, m, before);
    stats.count("fed: " + category);
    stats.count("fed by type: " + (m == null ? "null" : m.getClass().getSimpleName()));
    if (expected != null) {
      stats.count("must be dropped: " + HostileStats.normalize(expected));
    }
    to.watched = new ArrayList<>();
    try {
      to.raft.step(from, m);
      to.drain();
    } finally {
      List<Output> outs = to.watched;
      to.watched = null;
      if (expected != null) {
        checkDroppedAndUnchanged(to, from, m, expected, before, outs);
      } else {
        countEffects(stats, before, to.raft.status(), outs);
      }
    }
  }

  /** Counts what an accepted hostile message did, to show that forgeries reach deep code. */
  static void countEffects(HostileStats stats, RaftStatus before, RaftStatus after,
      List<Output> outs) {
    boolean any = false;
    if (after.term() > before.term()) {
      stats.count("effect: term raised");
      any = true;
    }
    if (after.role() != before.role()) {
      stats.count("effect: role " + before.role() + " -> " + after.role());
      any = true;
    }
    if (after.lastIndex() != before.lastIndex() || after.lastTerm() != before.lastTerm()) {
      stats.count("effect: log changed");
      any = true;
    }
    if (after.commitIndex() > before.commitIndex()) {
      stats.count("effect: commit advanced");
      any = true;
    }
    if (!after.membership().equals(before.membership())) {
      stats.count("effect: membership changed");
      any = true;
    }
    boolean sent = false;
    for (Output o : outs) {
      if (o.snapshotToInstall().isPresent()) {
        stats.count("effect: snapshot installed");
        any = true;
      }
      if (!o.readsReady().isEmpty()) {
        stats.count("effect: read answered");
        any = true;
      }
      for (Envelope e : o.messages()) {
        sent = true;
        if (e.message() instanceof io.dvraft.raft.message.VoteResponse v && v.granted()
            && !v.preVote()) {
          stats.count("effect: vote granted");
          any = true;
        }
      }
      for (RaftEvent ev : o.events()) {
        if (ev instanceof RaftEvent.MessageDropped) {
          stats.count("effect: dropped by a handler");
          any = true;
        }
      }
    }
    if (!any) {
      stats.count(sent ? "effect: only answered" : "effect: none (ignored)");
    }
  }

  private static void checkDroppedAndUnchanged(Host to, NodeId from, Message m, String why,
      RaftStatus before, List<Output> outs) {
    String type = m == null ? "null" : m.getClass().getSimpleName();
    boolean reported = false;
    for (Output o : outs) {
      for (RaftEvent ev : o.events()) {
        if (ev instanceof RaftEvent.MessageDropped d && java.util.Objects.equals(d.from(), from)
            && d.messageType().equals(type)) {
          reported = true;
        }
      }
    }
    if (!reported || outs.size() != 1 || outs.get(0).events().size() != 1
        || !outs.get(0).messages().isEmpty() || outs.get(0).mustSync()
        || !outs.get(0).committed().isEmpty() || !outs.get(0).readsReady().isEmpty()) {
      throw new AssertionError(to.id + " must drop " + m + " from " + from + " (" + why
          + ") with one MessageDropped event and nothing else, but output " + outs);
    }
    RaftStatus after = to.raft.status();
    if (!after.equals(before)) {
      throw new AssertionError(to.id + " dropped " + m + " from " + from + " (" + why
          + ") but its state changed from " + before + " to " + after);
    }
  }
}
