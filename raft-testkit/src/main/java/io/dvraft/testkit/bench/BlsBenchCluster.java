package io.dvraft.testkit.bench;

import io.dvraft.bls.BlsCommand;
import io.dvraft.bls.BlsCommandCodec;
import io.dvraft.bls.BlsConfig;
import io.dvraft.bls.BlsOutput;
import io.dvraft.bls.BlsProposalResult;
import io.dvraft.bls.BlsRaftStateMachine;
import io.dvraft.bls.ConflictRefusingPolicy;
import io.dvraft.bls.KeyId;
import io.dvraft.bls.KeyRing;
import io.dvraft.bls.SignedEntry;
import io.dvraft.bls.crypto.DealtKey;
import io.dvraft.bls.crypto.DeterministicRandom;
import io.dvraft.bls.crypto.ShareIndex;
import io.dvraft.bls.crypto.ThresholdScheme;
import io.dvraft.raft.Envelope;
import io.dvraft.raft.LogEntry;
import io.dvraft.raft.Membership;
import io.dvraft.raft.NodeId;
import io.dvraft.raft.Output;
import io.dvraft.raft.ProposalResult;
import io.dvraft.raft.RaftConfig;
import io.dvraft.raft.RaftStateMachine;
import io.dvraft.raft.Role;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A BLS-Raft cluster driven in one thread for benchmarks, with one validator key dealt t-of-n over
 * its nodes. Messages are handed over in memory in FIFO order, persistence (Raft state and signing
 * journal) is pretended, and every node runs the host loop of {@link BlsOutput}: poll, persist,
 * send, apply.
 *
 * <p>In {@link Mode#PLAIN} the same cluster runs plain {@link RaftStateMachine}s and proposes the
 * same encoded entries as application commands, so that the two modes run the same schedule and
 * their message counts can be compared (DESIGN section 5: message parity).
 */
final class BlsBenchCluster {

  /** Whether the nodes are BLS-Raft nodes or plain Raft nodes. */
  enum Mode {
    /** {@link BlsRaftStateMachine}s that sign what they commit. */
    BLS,
    /** {@link RaftStateMachine}s that only commit the same entries. */
    PLAIN
  }

  /** The one validator key of the cluster. */
  static final KeyId KEY = KeyId.of(1);

  /** Applied entries between two snapshots of each node, so that long runs keep a bounded log. */
  private static final long SNAPSHOT_EVERY = 1 << 14;

  private static final byte[] SNAPSHOT_DATA = new byte[0];

  private final Mode mode;
  private final BlsRaftStateMachine[] bls;
  private final RaftStateMachine[] plain;
  private final long[] applied;
  private final long[] lastSnapshot;
  private final DealtKey dealt;
  private final ArrayDeque<Envelope> network = new ArrayDeque<>();
  private final ArrayDeque<Integer> senders = new ArrayDeque<>();
  private final byte[] dutyKey = new byte[16];
  private final byte[] payload = new byte[0];

  private long leaderSigned;
  private SignedEntry lastSigned;
  private long delivered;
  private long journalRecords;

  /**
   * Creates a cluster of {@code n} voters with ids 1..n, elects node 1, deals a {@code
   * threshold}-of-n key (share index = node id) and, in BLS mode, commits its {@code AddKey}.
   *
   * @param mode BLS-Raft or plain Raft nodes
   * @param scheme the threshold scheme
   * @param n the number of voters
   * @param threshold t
   */
  BlsBenchCluster(Mode mode, ThresholdScheme scheme, int n, int threshold) {
    this.mode = mode;
    List<NodeId> ids = new ArrayList<>();
    Map<NodeId, ShareIndex> members = new TreeMap<>();
    for (int i = 1; i <= n; i++) {
      ids.add(NodeId.of(i));
      members.put(NodeId.of(i), ShareIndex.of(i));
    }
    dealt = scheme.deal(
        threshold,
        List.copyOf(members.values()),
        DeterministicRandom.fromSeed(fixedBytes(DeterministicRandom.SEED_LENGTH, 7)));
    Membership membership = Membership.of(ids, List.of());
    bls = new BlsRaftStateMachine[n];
    plain = new RaftStateMachine[n];
    applied = new long[n];
    lastSnapshot = new long[n];
    for (int i = 0; i < n; i++) {
      RaftConfig raft = RaftConfig.builder(ids.get(i), membership).build();
      if (mode == Mode.BLS) {
        KeyRing ring = new KeyRing().put(KEY, dealt.secretShare(ShareIndex.of(i + 1)).orElseThrow());
        bls[i] = BlsRaftStateMachine.create(
            BlsConfig.of(raft, scheme), ring, new ConflictRefusingPolicy());
      } else {
        plain[i] = RaftStateMachine.create(raft);
      }
    }
    electNodeOne();
    long addKey;
    if (mode == Mode.BLS) {
      addKey = accepted(bls[0].proposeAddKey(KEY, dealt.key(), members));
    } else {
      addKey = propose(BlsCommandCodec.encode(BlsCommand.AddKey.of(KEY, dealt.key(), members)));
    }
    pumpUntilApplied(addKey);
  }

  private void electNodeOne() {
    // Node 1 times out first: tick it alone until it leads, then let the no-op commit.
    for (int t = 0; t < 1000 && role(0) != Role.LEADER; t++) {
      if (mode == Mode.BLS) {
        bls[0].tick();
      } else {
        plain[0].tick();
      }
      pump();
    }
    if (role(0) != Role.LEADER) {
      throw new IllegalStateException("node 1 was not elected");
    }
    pump();
  }

  private Role role(int i) {
    return mode == Mode.BLS ? bls[i].status().role() : plain[i].status().role();
  }

  /**
   * Proposes at the leader a duty to sign with {@link #KEY}: slot {@code slot}'s attestation, with
   * a root made from the slot (each slot a new duty key, so the signing policy allows them all).
   *
   * @param slot the duty's slot, a new one for every call
   * @return the log index the duty was given
   */
  long proposeDuty(long slot) {
    byte[] root = new byte[BlsCommand.SignDuty.ROOT_LENGTH];
    ByteBuffer.wrap(root).putLong(slot).putLong(~slot);
    ByteBuffer.wrap(dutyKey).putLong(0x6174746573746174L).putLong(slot); // "attestat" + slot
    if (mode == Mode.PLAIN) {
      return propose(BlsCommandCodec.encode(new BlsCommand.SignDuty(KEY, root, dutyKey, payload)));
    }
    return accepted(bls[0].proposeDuty(KEY, root, dutyKey, payload));
  }

  private static long accepted(BlsProposalResult r) {
    if (r instanceof BlsProposalResult.Accepted a) {
      return a.index();
    }
    throw new IllegalStateException("proposal refused: " + r);
  }

  private long propose(byte[] command) {
    ProposalResult r = plain[0].propose(command);
    if (r instanceof ProposalResult.Accepted a) {
      return a.index();
    }
    throw new IllegalStateException("proposal refused: " + r);
  }

  /**
   * Runs the host loops until the leader has signed (BLS) or applied (plain) entry {@code index}:
   * the moment a host can publish the duty.
   *
   * @param index the duty's log index
   */
  void pumpUntilDone(long index) {
    if (mode == Mode.BLS) {
      while (lastSigned == null || lastSigned.entry().index() < index) {
        if (!step()) {
          throw new IllegalStateException("stalled before signing index " + index);
        }
      }
    } else {
      pumpUntilApplied(index);
    }
  }

  private void pumpUntilApplied(long index) {
    while (applied[0] < index) {
      if (!step()) {
        throw new IllegalStateException("stalled before index " + index);
      }
    }
  }

  private void pump() {
    while (step()) {
      // until the cluster is quiet
    }
  }

  /** One round: every node's host loop, then every message in flight. Says if anything moved. */
  private boolean step() {
    boolean busy = false;
    for (int i = 0; i < applied.length; i++) {
      busy |= mode == Mode.BLS ? drainBls(i) : drainPlain(i);
    }
    busy |= !network.isEmpty();
    while (!network.isEmpty()) {
      Envelope e = network.poll();
      NodeId from = NodeId.of(senders.poll() + 1);
      int to = (int) e.to().value() - 1;
      if (mode == Mode.BLS) {
        bls[to].step(from, e.message());
      } else {
        plain[to].step(from, e.message());
      }
      delivered++;
    }
    return busy;
  }

  private boolean drainBls(int i) {
    boolean any = false;
    while (bls[i].hasOutput()) {
      BlsOutput out = bls[i].poll();
      if (out.isEmpty()) {
        break;
      }
      any = true;
      journalRecords += out.journalToPersist().size(); // 1. persist (pretended)
      send(i, out.raft().messages()); // 2. send
      apply(i, out.raft()); // 3. apply and publish
      if (i == 0 && !out.signed().isEmpty()) {
        leaderSigned += out.signed().size();
        lastSigned = out.signed().get(out.signed().size() - 1);
      }
      snapshotIfDue(i);
    }
    return any;
  }

  private boolean drainPlain(int i) {
    boolean any = false;
    while (plain[i].hasOutput()) {
      Output out = plain[i].poll();
      if (out.isEmpty()) {
        break;
      }
      any = true;
      send(i, out.messages());
      apply(i, out);
      snapshotIfDue(i);
    }
    return any;
  }

  private void snapshotIfDue(int i) {
    if (applied[i] - lastSnapshot[i] < SNAPSHOT_EVERY) {
      return;
    }
    if (mode == Mode.BLS) {
      bls[i].snapshotTaken(applied[i], SNAPSHOT_DATA);
    } else {
      plain[i].snapshotTaken(applied[i], SNAPSHOT_DATA);
    }
    lastSnapshot[i] = applied[i];
  }

  private void send(int from, List<Envelope> messages) {
    for (Envelope e : messages) {
      network.add(e);
      senders.add(from);
    }
  }

  private void apply(int i, Output out) {
    List<LogEntry> committed = out.committed();
    if (!committed.isEmpty()) {
      applied[i] = committed.get(committed.size() - 1).index();
    }
  }

  /**
   * Returns how many entries the leader has signed (BLS mode).
   *
   * @return the count
   */
  long leaderSigned() {
    return leaderSigned;
  }

  /**
   * Returns the last entry the leader signed (BLS mode), or null.
   *
   * @return the signed entry
   */
  SignedEntry lastSigned() {
    return lastSigned;
  }

  /**
   * Returns how many messages were delivered so far.
   *
   * @return the count
   */
  long delivered() {
    return delivered;
  }

  /**
   * Returns how many signing-journal records the nodes handed out to persist (BLS mode).
   *
   * @return the count
   */
  long journalRecords() {
    return journalRecords;
  }

  /**
   * Returns the dealt key: its public side and every member's secret share.
   *
   * @return the key
   */
  DealtKey dealt() {
    return dealt;
  }

  private static byte[] fixedBytes(int length, int value) {
    byte[] b = new byte[length];
    Arrays.fill(b, (byte) value);
    return b;
  }
}
