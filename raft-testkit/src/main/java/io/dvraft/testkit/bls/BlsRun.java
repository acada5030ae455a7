package io.dvraft.testkit.bls;

import io.dvraft.bls.BlsConfig;
import io.dvraft.bls.BlsRaftStateMachine;
import io.dvraft.bls.BlsSnapshot;
import io.dvraft.bls.ConflictRefusingPolicy;
import io.dvraft.bls.JournalRecord;
import io.dvraft.bls.KeyId;
import io.dvraft.bls.KeyRing;
import io.dvraft.bls.MalformedBlsDataException;
import io.dvraft.bls.crypto.DealtKey;
import io.dvraft.bls.crypto.ShareIndex;
import io.dvraft.bls.crypto.ThresholdScheme;
import io.dvraft.raft.NodeId;
import io.dvraft.raft.PersistedState;
import io.dvraft.raft.RaftConfig;
import io.dvraft.raft.Snapshot;
import io.dvraft.testkit.check.InvariantFactory;
import io.dvraft.testkit.sim.NodeFactory;
import io.dvraft.testkit.sim.SimNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/** One run's BLS state: the dealt keys, each node's durable journal, and the invariants. */
final class BlsRun implements NodeFactory {

  final ThresholdScheme scheme;
  final int threshold;
  /** The nodes whose outgoing shares are corrupted. */
  final Set<NodeId> byzantine;
  private final int keyCount;
  private final long seed;
  final Map<KeyId, DealtKey> keys = new TreeMap<>();
  final Map<NodeId, ShareIndex> members = new TreeMap<>();
  private final Map<NodeId, List<JournalRecord>> durableJournals = new HashMap<>();
  BlsInvariants checks;

  BlsRun(
      ThresholdScheme scheme, int keyCount, int threshold, Set<NodeId> byzantine, long seed) {
    this.scheme = scheme;
    this.byzantine = Set.copyOf(byzantine);
    this.keyCount = keyCount;
    this.threshold = threshold;
    this.seed = seed;
  }

  private void deal(RaftConfig config) {
    if (!keys.isEmpty()) {
      return;
    }
    List<ShareIndex> indexes = new ArrayList<>();
    for (NodeId id : config.membership().members()) {
      members.put(id, ShareIndex.of(id.value()));
    }
    indexes.addAll(members.values());
    SplittableRandom random = new SplittableRandom(seed * 0x9e3779b97f4a7c15L + 0xb15L);
    for (int k = 1; k <= keyCount; k++) {
      keys.put(KeyId.of(k), scheme.deal(threshold, indexes, random.split()));
    }
  }

  private KeyRing ringOf(NodeId id) {
    KeyRing ring = new KeyRing();
    ShareIndex index = members.get(id);
    if (index != null) {
      for (Map.Entry<KeyId, DealtKey> k : keys.entrySet()) {
        k.getValue().secretShare(index).ifPresent(s -> ring.put(k.getKey(), s));
      }
    }
    return ring;
  }

  /**
   * Returns the application's part of a snapshot BLS-Raft made (its key directory stripped).
   *
   * @param persisted a snapshot from the disk or a batch
   * @return the application's snapshot
   * @throws IllegalStateException if the snapshot is not one BLS-Raft made
   */
  @Override
  public Snapshot applicationSnapshot(Snapshot persisted) {
    try {
      return new Snapshot(persisted.metadata(), BlsSnapshot.applicationData(persisted.data()));
    } catch (MalformedBlsDataException e) {
      throw new IllegalStateException("not a BLS-Raft snapshot: " + e.getMessage(), e);
    }
  }

  @Override
  public SimNode create(RaftConfig config) {
    deal(config);
    BlsRaftStateMachine bls =
        BlsRaftStateMachine.create(
            BlsConfig.of(config, scheme), ringOf(config.id()), new ConflictRefusingPolicy());
    return new BlsSimNode(bls, this, config.seed());
  }

  @Override
  public SimNode restore(RaftConfig config, PersistedState persisted) {
    deal(config);
    BlsRaftStateMachine bls =
        BlsRaftStateMachine.restore(
            BlsConfig.of(config, scheme),
            ringOf(config.id()),
            new ConflictRefusingPolicy(),
            persisted,
            List.copyOf(durableJournal(config.id())));
    return new BlsSimNode(bls, this, config.seed());
  }

  @Override
  public List<InvariantFactory> invariants() {
    return List.of(
        sink -> {
          checks = new BlsInvariants(this, sink);
          return checks;
        });
  }

  List<JournalRecord> durableJournal(NodeId id) {
    return durableJournals.computeIfAbsent(id, k -> new ArrayList<>());
  }

  /** A batch's journal records reached the disk with the rest of the batch. */
  void journalDurable(NodeId id, List<JournalRecord> records) {
    durableJournal(id).addAll(records);
    if (checks != null) {
      checks.journalDurable(id, records);
    }
  }
}
