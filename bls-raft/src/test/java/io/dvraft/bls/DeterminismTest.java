package io.dvraft.bls;

import static org.assertj.core.api.Assertions.assertThat;

import io.dvraft.bls.BlsCluster.Node;
import io.dvraft.bls.BlsCluster.TestKey;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Same inputs, same outputs, byte for byte: extensions, journals and signatures included. */
class DeterminismTest {

  private record Trace(
      List<BlsCluster.Sent> sent,
      List<BlsCluster.Emitted> emitted,
      List<List<JournalRecord>> journals) {}

  @Test
  void twoRunsOfTheSameScheduleAreIdentical() {
    assertThat(run()).isEqualTo(run());
  }

  private static Trace run() {
    BlsCluster cluster = BlsCluster.of(3, 81);
    Node leader = cluster.electLeader();
    TestKey a = cluster.addKey(leader, 1, 2, cluster.plainMembers());
    TestKey b = cluster.addKey(leader, 2, 2, cluster.plainMembers());
    for (int i = 0; i < 4; i++) {
      cluster.proposeDuty(leader, (i % 2 == 0 ? a : b).id(), BlsCluster.root("d" + i), "d" + i);
    }
    cluster.deliverRound();
    leader.crash();
    Node next = cluster.electLeader();
    cluster.proposeDuty(next, a.id(), BlsCluster.root("late"), "late");
    cluster.settle(3);
    List<List<JournalRecord>> journals = new ArrayList<>();
    for (Node n : cluster.nodes.values()) {
      journals.add(List.copyOf(n.journal()));
    }
    assertThat(cluster.emitted).isNotEmpty();
    return new Trace(List.copyOf(cluster.sentLog), List.copyOf(cluster.emitted), journals);
  }
}
