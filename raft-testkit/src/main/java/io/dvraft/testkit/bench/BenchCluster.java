package io.dvraft.testkit.bench;

import io.dvraft.raft.Envelope;
import io.dvraft.raft.LogEntry;
import io.dvraft.raft.Membership;
import io.dvraft.raft.NodeId;
import io.dvraft.raft.Output;
import io.dvraft.raft.ProposalResult;
import io.dvraft.raft.RaftConfig;
import io.dvraft.raft.RaftStateMachine;
import io.dvraft.raft.Role;
import io.dvraft.raft.message.Message;
import java.util.ArrayList;
import java.util.List;

/**
 * A cluster of raft-core nodes driven in one thread for benchmarks: messages are handed over in
 * memory (no codec), persistence is pretended, and every node runs the host loop of the contract
 * (poll, persist, send, apply). The harness itself allocates nothing per message, so that {@code
 * -prof gc} measures raft-core.
 *
 * <p>Nodes snapshot every {@link #SNAPSHOT_EVERY} applied entries so that long runs keep a bounded
 * log, as a real host would.
 */
final class BenchCluster {

  /** Applied entries between two snapshots of each node. */
  static final long SNAPSHOT_EVERY = 1 << 16;

  private static final byte[] SNAPSHOT_DATA = new byte[0];

  private final RaftStateMachine[] nodes;
  private final long[] applied;
  private final long[] lastSnapshot;
  private final long[] persisted;

  // A FIFO of messages in flight, as parallel ring buffers so that queuing allocates nothing.
  private int[] queueFrom = new int[1024];
  private Envelope[] queueEnvelope = new Envelope[1024];
  private int head;
  private int size;

  private int leader = -1;
  private long delivered;
  private long batches;

  /**
   * Creates a cluster of {@code n} voters with ids 1..n and elects node 1.
   *
   * @param n the number of voters
   * @param settings extra settings applied to every node's config
   */
  BenchCluster(int n, java.util.function.Consumer<RaftConfig.Builder> settings) {
    List<NodeId> ids = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      ids.add(NodeId.of(i));
    }
    Membership membership = Membership.of(ids, List.of());
    nodes = new RaftStateMachine[n];
    applied = new long[n];
    lastSnapshot = new long[n];
    persisted = new long[n];
    for (int i = 0; i < n; i++) {
      RaftConfig.Builder b = RaftConfig.builder(ids.get(i), membership);
      settings.accept(b);
      nodes[i] = RaftStateMachine.create(b.build());
    }
    // Node 1 times out first: tick it alone until it leads, then let the no-op commit.
    for (int t = 0; t < 1000 && nodes[0].status().role() != Role.LEADER; t++) {
      nodes[0].tick();
      pump();
    }
    if (nodes[0].status().role() != Role.LEADER) {
      throw new IllegalStateException("node 1 was not elected");
    }
    leader = 0;
    pump();
  }

  /**
   * Proposes a command at the leader.
   *
   * @param command the command
   * @return the log index it was given
   */
  long propose(byte[] command) {
    ProposalResult r = nodes[leader].propose(command);
    if (r instanceof ProposalResult.Accepted a) {
      return a.index();
    }
    throw new IllegalStateException("proposal refused: " + r);
  }

  /** Runs every node's host loop and delivers messages until the cluster is quiet. */
  void pump() {
    boolean busy = true;
    while (busy) {
      busy = false;
      for (int i = 0; i < nodes.length; i++) {
        busy |= drain(i);
      }
      busy |= deliverAll();
    }
  }

  /**
   * Runs the host loops until the leader has applied {@code index}.
   *
   * @param index the index to wait for
   */
  void pumpUntilLeaderApplied(long index) {
    while (applied[leader] < index) {
      boolean busy = false;
      for (int i = 0; i < nodes.length; i++) {
        busy |= drain(i);
      }
      busy |= deliverAll();
      if (!busy && applied[leader] < index) {
        throw new IllegalStateException("stalled before index " + index);
      }
    }
  }

  /** Handles every batch node {@code i} has, as a host would; says if there was any. */
  private boolean drain(int i) {
    RaftStateMachine node = nodes[i];
    boolean any = false;
    while (node.hasOutput()) {
      Output out = node.poll();
      if (out.isEmpty()) {
        break;
      }
      any = true;
      batches++;
      // 1. Persist (pretended): remember how far the log was handed out.
      List<LogEntry> toPersist = out.entriesToPersist();
      if (!toPersist.isEmpty()) {
        persisted[i] = toPersist.get(toPersist.size() - 1).index();
      }
      // 2. Send.
      List<Envelope> messages = out.messages();
      for (int m = 0; m < messages.size(); m++) {
        enqueue(i, messages.get(m));
      }
      // 3. Apply.
      List<LogEntry> committed = out.committed();
      if (!committed.isEmpty()) {
        applied[i] = committed.get(committed.size() - 1).index();
        if (applied[i] - lastSnapshot[i] >= SNAPSHOT_EVERY) {
          node.snapshotTaken(applied[i], SNAPSHOT_DATA);
          lastSnapshot[i] = applied[i];
        }
      }
    }
    return any;
  }

  private boolean deliverAll() {
    boolean any = size > 0;
    while (size > 0) {
      int from = queueFrom[head];
      Envelope e = queueEnvelope[head];
      queueEnvelope[head] = null;
      head = (head + 1) & (queueFrom.length - 1);
      size--;
      Message m = e.message();
      nodes[(int) e.to().value() - 1].step(nodes[from].id(), m);
      delivered++;
    }
    return any;
  }

  private void enqueue(int from, Envelope e) {
    if (size == queueFrom.length) {
      grow();
    }
    int tail = (head + size) & (queueFrom.length - 1);
    queueFrom[tail] = from;
    queueEnvelope[tail] = e;
    size++;
  }

  private void grow() {
    int[] f = new int[queueFrom.length * 2];
    Envelope[] e = new Envelope[f.length];
    for (int k = 0; k < size; k++) {
      int at = (head + k) & (queueFrom.length - 1);
      f[k] = queueFrom[at];
      e[k] = queueEnvelope[at];
    }
    queueFrom = f;
    queueEnvelope = e;
    head = 0;
  }

  /**
   * Returns the leader's applied index.
   *
   * @return the index
   */
  long leaderApplied() {
    return applied[leader];
  }

  /**
   * Returns how many non-empty batches the nodes polled so far.
   *
   * @return the count
   */
  long batches() {
    return batches;
  }

  /**
   * Returns how many messages were delivered so far.
   *
   * @return the count
   */
  long delivered() {
    return delivered;
  }
}
