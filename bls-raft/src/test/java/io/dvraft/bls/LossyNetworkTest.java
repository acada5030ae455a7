package io.dvraft.bls;

import static org.assertj.core.api.Assertions.assertThat;

import io.dvraft.bls.BlsCluster.Node;
import io.dvraft.bls.BlsCluster.TestKey;
import io.dvraft.raft.LogEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Lost, reordered and bounded answers, and leaders crashing and restarting, only delay signatures:
 * every committed duty gets one, and every one verifies.
 */
class LossyNetworkTest {

  @Test
  void answersBeyondThePerResponseBoundFollowOnLaterResponses() {
    BlsCluster cluster = new BlsCluster(BlsCluster.Mode.BLS, List.of(1L, 2L, 3L), 91, b -> {}, 1);
    Node leader = cluster.electLeader();
    TestKey key = cluster.addKey(leader, 1, 2, cluster.plainMembers());
    cluster.stabilize();
    for (int i = 0; i < 8; i++) {
      // Proposed between polls: one AppendEntries carries all eight, each answer carries one.
      assertThat(
              leader
                  .bls
                  .proposeDuty(
                      key.id(), BlsCluster.root("b" + i), ("b" + i).getBytes(), new byte[0])
                  .isAccepted())
          .isTrue();
    }
    cluster.stabilize();
    cluster.settle(10);

    assertThat(cluster.firstEmissions()).hasSize(8);
    cluster.assertEmissionsValid(Map.of(key.id(), key));
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(longs = {92, 93, 94, 95, 96, 97})
  void everyCommittedDutyIsSignedOnceTheNetworkHeals(long seed) {
    BlsCluster cluster = BlsCluster.of(5, seed);
    Node first = cluster.electLeader();
    TestKey key = cluster.addKey(first, 1, 3, cluster.plainMembers());
    cluster.stabilize();
    cluster.dropRate = 0.3;
    cluster.reorder = true;
    int proposed = 0;
    Node crashed = null;
    for (int round = 0; round < 120; round++) {
      if (round % 30 == 10) {
        crashed = cluster.leader();
        if (crashed != null) {
          crashed.crash();
        }
      } else if (round % 30 == 25 && crashed != null) {
        crashed.restart();
        crashed = null;
      }
      Node leader = cluster.leader();
      if (leader != null && round % 2 == 0) {
        if (cluster
            .proposeDuty(leader, key.id(), BlsCluster.root("l" + round), "l" + round)
            .isAccepted()) {
          proposed++;
        }
      }
      cluster.tickAll();
      cluster.deliverRound();
    }
    if (crashed != null) {
      crashed.restart();
    }
    cluster.dropRate = 0;
    cluster.reorder = false;
    cluster.settle(30);

    Node leader = cluster.leader();
    TreeSet<Long> committedDuties = new TreeSet<>();
    for (LogEntry e : leader.applied) {
      if (MirroredEntry.of(e).duty() != null) {
        committedDuties.add(e.index());
      }
    }
    assertThat(proposed).isPositive();
    assertThat(committedDuties).isNotEmpty();
    assertThat(cluster.firstEmissions().keySet()).containsAll(committedDuties);
    cluster.assertEmissionsValid(Map.of(key.id(), key));
    List<Long> emittedIndexes = new ArrayList<>(cluster.firstEmissions().keySet());
    assertThat(committedDuties).containsAll(emittedIndexes);
  }
}
