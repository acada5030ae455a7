package io.dvraft.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClusterReplicationTest {

  @ParameterizedTest(name = "{0} nodes, seed {1}")
  @CsvSource({"3, 1", "3, 2", "5, 3", "5, 4"})
  void commits10000ProposalsWithLossAndReordering(int size, long seed) {
    TestCluster cluster = new TestCluster(size, seed);
    cluster.dropRate = 0.05;
    cluster.reorder = true;
    int proposed = 0;
    int guard = 0;
    while (committedEverywhere(cluster) < 10_000 && guard++ < 200_000) {
      TestCluster.Node leader = cluster.leader();
      if (leader != null && proposed < 10_000 + 2_000) {
        for (int i = 0; i < 20; i++) {
          ProposalResult r = leader.raft.propose(("cmd-" + proposed).getBytes(StandardCharsets.UTF_8));
          if (r.isAccepted()) {
            proposed++;
          }
        }
      }
      cluster.tickAll();
      cluster.deliverRound();
      cluster.assertAppliedPrefixesAgree();
    }
    assertThat(committedEverywhere(cluster)).isGreaterThanOrEqualTo(10_000);
    cluster.assertAppliedPrefixesAgree();
  }

  private static int committedEverywhere(TestCluster cluster) {
    int min = Integer.MAX_VALUE;
    for (TestCluster.Node n : cluster.nodes.values()) {
      int commands = (int) n.applied.stream().filter(e -> e.type() == EntryType.COMMAND).count();
      min = Math.min(min, commands);
    }
    return min;
  }
}
