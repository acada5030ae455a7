package io.dvraft.testkit.sim;

import io.dvraft.raft.Envelope;
import io.dvraft.raft.HardState;
import io.dvraft.raft.LogEntry;
import io.dvraft.raft.Membership;
import io.dvraft.raft.NodeId;
import io.dvraft.raft.Output;
import io.dvraft.raft.PersistedState;
import io.dvraft.raft.ProposalResult;
import io.dvraft.raft.RaftConfig;
import io.dvraft.raft.RaftEvent;
import io.dvraft.raft.RaftStatus;
import io.dvraft.raft.ReadState;
import io.dvraft.raft.Snapshot;
import io.dvraft.raft.SnapshotMetadata;
import io.dvraft.testkit.check.NodeView;
import io.dvraft.testkit.linearizability.KeyValueModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * One simulated host: a node, its disk and its key-value application, driven as the host contract
 * says. For each batch: persist (hard state, snapshot, entries), then send, then install the
 * snapshot and apply committed entries, then serve reads. A crash armed by the fault injector
 * strikes while the next batch that needs a sync is being written.
 */
final class SimHost implements NodeView {

  private final NodeId id;
  private final Cluster cluster;
  private final RaftConfig baseConfig;
  private final SimDisk disk = new SimDisk();
  private final KvStore app = new KvStore();
  private final TreeMap<Long, Membership> memberships = new TreeMap<>();
  private final Map<Long, List<PendingWrite>> writes = new HashMap<>();
  private final Map<Long, ClientOp> reads = new HashMap<>();
  private final List<ReadState> readsWaiting = new ArrayList<>();
  private SimNode node;
  private int incarnation;
  private long lastSnapshot;
  private boolean paused;
  private long resumeAt;
  private long restartAt = -1;
  private CrashPlan crashPlan;

  private record PendingWrite(long term, ClientOp op) {}

  SimHost(NodeId id, Cluster cluster, RaftConfig baseConfig) {
    this.id = id;
    this.cluster = cluster;
    this.baseConfig = baseConfig;
    memberships.put(0L, baseConfig.membership());
    this.node = cluster.factory().create(configForIncarnation());
  }

  private RaftConfig configForIncarnation() {
    long seed = cluster.timingSalt() * 0x9e3779b97f4a7c15L + id.value() * 1_000_003L + incarnation;
    return baseConfig.toBuilder().seed(seed).build();
  }

  // ---------------------------------------------------------------------------------------------
  // NodeView

  @Override
  public NodeId id() {
    return id;
  }

  @Override
  public boolean isUp() {
    return node != null;
  }

  @Override
  public Optional<RaftStatus> status() {
    return node == null ? Optional.empty() : Optional.of(node.status());
  }

  @Override
  public HardState durableHardState() {
    return disk.hardState();
  }

  @Override
  public long durableLastIndex() {
    return disk.lastIndex();
  }

  @Override
  public long durableSnapshotIndex() {
    return disk.snapshotIndex();
  }

  @Override
  public OptionalLong durableChainAt(long index) {
    return disk.chainAt(index);
  }

  @Override
  public long appliedIndex() {
    return app.appliedIndex();
  }

  @Override
  public long appliedChain() {
    return app.chain();
  }

  // ---------------------------------------------------------------------------------------------
  // Life cycle

  SimNode node() {
    return node;
  }

  boolean isPaused() {
    return paused;
  }

  boolean isAvailable() {
    return node != null && !paused;
  }

  long resumeAt() {
    return resumeAt;
  }

  long restartAt() {
    return restartAt;
  }

  void pause(long until) {
    paused = true;
    resumeAt = until;
  }

  void resume() {
    paused = false;
  }

  void armCrash(CrashPlan plan) {
    crashPlan = plan;
  }

  boolean crashArmed() {
    return crashPlan != null;
  }

  CrashPlan crashPlan() {
    return crashPlan;
  }

  void disarm() {
    crashPlan = null;
  }

  /** Crashes between batches: everything persisted stays, everything else is gone. */
  void crash(long now, long restartTick) {
    restartAt = restartTick;
    crashPlan = null;
    node = null;
    paused = false;
    for (List<PendingWrite> list : writes.values()) {
      for (PendingWrite w : list) {
        cluster.workload().abandoned(w.op());
      }
    }
    for (ClientOp op : reads.values()) {
      cluster.workload().abandoned(op);
    }
    writes.clear();
    reads.clear();
    readsWaiting.clear();
    cluster.invariants().onCrash(now, this);
  }

  /** Restarts from the disk. */
  void restart(long now) {
    restartAt = -1;
    incarnation++;
    if (disk.snapshotIndex() > app.appliedIndex()) {
      // The snapshot reached the disk but the crash came before the application installed it.
      app.install(cluster.factory().applicationSnapshot(disk.snapshot().orElseThrow()));
    }
    memberships.clear();
    memberships.put(0L, baseConfig.membership());
    disk.snapshot()
        .ifPresent(s -> memberships.put(s.metadata().index(), s.metadata().membership()));
    PersistedState persisted;
    try {
      persisted = disk.toPersisted(app.appliedIndex());
      node = cluster.factory().restore(configForIncarnation(), persisted);
    } catch (IllegalArgumentException | IllegalStateException e) {
      cluster.hostContractBroken(now, id + " cannot restart from its disk: " + e.getMessage());
      return;
    }
    lastSnapshot = disk.snapshotIndex();
    cluster.invariants().onRestart(now, this);
    drain(now);
  }

  // ---------------------------------------------------------------------------------------------
  // Inputs

  void tick(long now) {
    node.tick();
    drain(now);
  }

  void deliver(long now, NodeId from, io.dvraft.raft.message.Message message) {
    node.step(from, message);
    drain(now);
  }

  boolean submitWrite(ClientOp op) {
    ProposalResult result = node.propose(op.command);
    long now = cluster.tick();
    if (result instanceof ProposalResult.Accepted a) {
      writes.computeIfAbsent(a.index(), k -> new ArrayList<>()).add(new PendingWrite(a.term(), op));
      drain(now);
      return true;
    }
    drain(now);
    return false;
  }

  boolean submitRead(ClientOp op) {
    boolean ok = node.readIndex(op.readId).ok();
    if (ok) {
      reads.put(op.readId, op);
    }
    drain(cluster.tick());
    return ok;
  }

  /** Proposes a command outside the client workload (the liveness probe). */
  ProposalResult propose(byte[] command) {
    ProposalResult result = node.propose(command);
    drain(cluster.tick());
    return result;
  }

  // ---------------------------------------------------------------------------------------------
  // The host loop

  void drain(long now) {
    while (node != null && node.hasOutput()) {
      Output out = node.poll();
      if (out.isEmpty()) {
        break;
      }
      if (crashPlan != null && out.mustSync()) {
        crashWhileWriting(now, out);
        return;
      }
      handle(now, out);
    }
  }

  private void crashWhileWriting(long now, Output out) {
    int keep = Math.min(crashPlan.keepRecords(), SimDisk.records(out));
    if (keep < SimDisk.records(out)) {
      cluster.counters().tornWrites++;
    }
    List<LogEntry> written = write(now, out, keep);
    if (keep == SimDisk.records(out)) {
      node.batchPersisted(out);
    }
    cluster
        .trace()
        .event(
            now,
            id
                + " crashed writing a batch, kept "
                + keep
                + " of "
                + SimDisk.records(out)
                + " records ("
                + written.size()
                + " entries)");
    cluster.crashNow(
        this,
        now,
        "while writing (" + keep + "/" + SimDisk.records(out) + " records kept)",
        crashPlan.downtime());
  }

  private List<LogEntry> write(long now, Output out, int keep) {
    List<LogEntry> written;
    try {
      written =
          disk.write(out, keep, s -> KvStore.chainOf(cluster.factory().applicationSnapshot(s)));
    } catch (IllegalStateException e) {
      cluster.hostContractBroken(now, id + " got a batch it cannot persist: " + e.getMessage());
      return List.of();
    }
    if (out.mustSync()) {
      cluster.invariants().onPersisted(now, this, written);
    }
    return written;
  }

  private void handle(long now, Output out) {
    // 1. persist
    write(now, out, Integer.MAX_VALUE);
    node.batchPersisted(out);
    noteEvents(now, out);
    // 2. send
    for (Envelope e : out.messages()) {
      cluster.invariants().onMessageSent(now, this, e.to(), e.message());
      cluster.send(now, id, e.to(), e.message());
    }
    // 3. install the snapshot, then apply
    out.snapshotToInstall().ifPresent(s -> installSnapshot(now, s));
    for (LogEntry entry : out.committed()) {
      apply(now, entry);
    }
    // 4. reads
    readsWaiting.addAll(out.readsReady());
    serveReads(now);
    cluster.invariants().onBatch(now, this, out);
    maybeSnapshot(now);
  }

  private void noteEvents(long now, Output out) {
    for (RaftEvent event : out.events()) {
      if (event instanceof RaftEvent.StateChanged s) {
        cluster.roleChanged(now, this, s);
      } else if (event instanceof RaftEvent.MembershipApplied m) {
        memberships.put(m.index(), m.membership());
      } else if (event instanceof RaftEvent.LogCompacted c) {
        disk.compact(c.firstIndex() - 1);
      }
    }
  }

  private void installSnapshot(long now, Snapshot snapshot) {
    if (snapshot.metadata().index() <= app.appliedIndex()) {
      cluster.hostContractBroken(
          now,
          id
              + " was asked to install snapshot "
              + snapshot.metadata().index()
              + " over applied index "
              + app.appliedIndex());
      return;
    }
    app.install(cluster.factory().applicationSnapshot(snapshot));
    lastSnapshot = snapshot.metadata().index();
    memberships.headMap(snapshot.metadata().index(), true).clear();
    memberships.put(snapshot.metadata().index(), snapshot.metadata().membership());
    cluster.counters().snapshotsInstalled++;
    cluster.invariants().onSnapshotInstalled(now, this, snapshot.metadata(), app.chain());
  }

  private void apply(long now, LogEntry entry) {
    long chain = app.apply(entry);
    cluster.invariants().onApplied(now, this, entry, chain);
    cluster.applied(now, this, entry);
    List<PendingWrite> waiting = writes.remove(entry.index());
    if (waiting != null) {
      for (PendingWrite w : waiting) {
        if (w.term() == entry.term() && Arrays.equals(w.op().command, entry.data())) {
          cluster.workload().completed(w.op(), now, null);
        } else {
          cluster.workload().failed(w.op());
        }
      }
    }
  }

  private void serveReads(long now) {
    Iterator<ReadState> it = readsWaiting.iterator();
    while (it.hasNext()) {
      ReadState r = it.next();
      if (r.index() <= app.appliedIndex()) {
        it.remove();
        ClientOp op = reads.remove(r.readId());
        if (op != null) {
          String key = ((KeyValueModel.Get) op.input).key();
          cluster.workload().completed(op, now, app.get(key));
        }
      }
    }
  }

  private void maybeSnapshot(long now) {
    int interval = cluster.settings().snapshotInterval();
    long applied = app.appliedIndex();
    if (node == null || interval == 0 || applied - lastSnapshot < interval) {
      return;
    }
    byte[] data = app.snapshotBytes();
    if (node.snapshotTaken(applied, data).ok()) {
      Membership membership = memberships.floorEntry(applied).getValue();
      SnapshotMetadata meta = new SnapshotMetadata(applied, app.appliedTerm(), membership);
      disk.saveSnapshot(new Snapshot(meta, node.snapshotData(data)), app.chain());
      lastSnapshot = applied;
      cluster.counters().snapshotsTaken++;
    }
  }
}
