package io.dvraft.bls;

import static org.assertj.core.api.Assertions.assertThat;

import io.dvraft.bls.BlsCluster.Node;
import io.dvraft.bls.BlsCluster.TestKey;
import io.dvraft.bls.crypto.ShareIndex;
import io.dvraft.raft.LogEntry;
import io.dvraft.raft.NodeId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Fault-free clusters sign every committed duty with the group secret's exact signature. */
class SigningClusterTest {

  @Test
  void threeNodesTwoOfThreeSignEveryCommittedDuty() {
    runCluster(3, 2, 20);
  }

  @Test
  void fiveNodesThreeOfFiveSignEveryCommittedDuty() {
    runCluster(5, 3, 12);
  }

  private static void runCluster(int size, int threshold, int duties) {
    BlsCluster cluster = BlsCluster.of(size, 11);
    Node leader = cluster.electLeader();
    TestKey key = cluster.addKey(leader, 1, threshold, cluster.plainMembers());
    cluster.stabilize();
    List<Long> indexes = new ArrayList<>();
    for (int i = 0; i < duties; i++) {
      BlsProposalResult r =
          cluster.proposeDuty(leader, key.id(), BlsCluster.root("duty-" + i), "attester/" + i);
      assertThat(r.isAccepted()).as("proposal %s: %s", i, r).isTrue();
      indexes.add(((BlsProposalResult.Accepted) r).index());
      if (i % 3 == 2) {
        cluster.stabilize();
      }
    }
    cluster.stabilize();

    assertThat(cluster.firstEmissions().keySet()).containsExactlyElementsOf(indexes);
    cluster.assertEmissionsValid(Map.of(key.id(), key));
    for (Node n : cluster.nodes.values()) {
      assertThat(n.journal()).as("journal of %s", n.id).hasSize(duties);
      assertThat(n.events(BlsEvent.BadShare.class)).isEmpty();
    }
    assertThat(leader.bls.finalizedIndex()).isEqualTo(leader.bls.status().commitIndex());
  }

  @Test
  void operatorIdsAsNodeIdsAndShareIndexes() {
    BlsCluster cluster = new BlsCluster(BlsCluster.Mode.BLS, List.of(7L, 42L, 1001L), 5, b -> {});
    Node leader = cluster.electLeader();
    Map<NodeId, ShareIndex> members = new TreeMap<>();
    members.put(NodeId.of(7), ShareIndex.of(70));
    members.put(NodeId.of(42), ShareIndex.of(4242));
    members.put(NodeId.of(1001), ShareIndex.of(31337));
    TestKey key = cluster.addKey(leader, 9, 2, members);
    for (int i = 0; i < 6; i++) {
      assertThat(
              cluster
                  .proposeDuty(leader, key.id(), BlsCluster.root("op-" + i), "d" + i)
                  .isAccepted())
          .isTrue();
    }
    cluster.stabilize();

    assertThat(cluster.firstEmissions()).hasSize(6);
    cluster.assertEmissionsValid(Map.of(key.id(), key));
  }

  @Test
  void fiftyKeysInOneCluster() {
    BlsCluster cluster = BlsCluster.of(3, 21);
    Node leader = cluster.electLeader();
    Map<KeyId, TestKey> keys = new TreeMap<>();
    for (long k = 100; k < 150; k++) {
      TestKey key = cluster.addKey(leader, k, 2, cluster.plainMembers());
      keys.put(key.id(), key);
    }
    cluster.stabilize();
    List<KeyId> ids = new ArrayList<>(keys.keySet());
    int duties = 0;
    for (int round = 0; round < 2; round++) {
      for (KeyId id : ids) {
        assertThat(
                cluster
                    .proposeDuty(leader, id, BlsCluster.root(id + "/" + round), "slot/" + round)
                    .isAccepted())
            .isTrue();
        duties++;
      }
      cluster.stabilize();
    }

    assertThat(cluster.firstEmissions()).hasSize(duties);
    cluster.assertEmissionsValid(keys);
    long keyAdded = cluster.node(2).events(BlsEvent.KeyAdded.class).size();
    assertThat(keyAdded).isEqualTo(50);
    for (LogEntry e : leader.applied) {
      assertThat(e.index()).isPositive();
    }
  }
}
