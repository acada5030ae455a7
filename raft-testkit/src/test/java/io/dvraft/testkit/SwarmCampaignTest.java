package io.dvraft.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The default campaigns: every seed draws its own mix of faults (loss, duplication, reordering,
 * partitions, clogs, crashes with torn writes, pauses) and the operator reconfigures the cluster
 * and moves leadership, while every invariant is checked after every step. Longer campaigns: {@code
 * mvn -pl raft-testkit test -Dtest=SwarmCampaignTest -Ddvraft.campaign.seeds=10000}.
 */
class SwarmCampaignTest {

  @Test
  void threeNodesThreeHundredSeeds() {
    CampaignResult result = Campaign.of(Scenario.swarmDefaults()).seeds(300).run();

    result.assertNoViolations();
    assertThat(result.seeds()).isGreaterThanOrEqualTo(300);
    assertThat(result.totals().crashes()).isGreaterThan(100);
    assertThat(result.totals().tornWrites()).isGreaterThan(10);
    assertThat(result.totals().partitions()).isGreaterThan(100);
    assertThat(result.totals().membershipChanges()).isGreaterThan(100);
    assertThat(result.totals().readsCompleted()).isGreaterThan(10_000);
  }

  @Test
  void fiveNodesSixtySeeds() {
    Campaign.of(Scenario.swarmDefaults().withNodes(5).withSeed(100_001))
        .seeds(60)
        .run()
        .assertNoViolations();
  }
}
