package io.dvraft.testkit.bls;

import static org.assertj.core.api.Assertions.assertThat;

import io.dvraft.bls.crypto.BlstThresholdScheme;
import io.dvraft.testkit.Campaign;
import io.dvraft.testkit.CampaignResult;
import io.dvraft.testkit.RunResult;
import io.dvraft.testkit.Scenario;
import io.dvraft.testkit.Simulation;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * BLS-Raft in the simulator: 3-of-5 clusters holding validator keys sign duties under swarm faults
 * (loss, partitions, crashes with torn writes, pauses, reconfigurations) while every Raft invariant
 * and every BLS invariant is checked after every step: group signatures verify, no share leaves
 * before its journal record is durable, two roots of one duty never both reach t signers, and every
 * committed duty is signed after the heal.
 */
class BlsCampaignTest {

  @Test
  void toySchemeThreeOfFiveTwoHundredFiftySeeds() {
    CampaignResult result =
        Campaign.of(Scenario.swarmDefaults().withNodes(5).withSeed(600_001))
            .nodes(BlsNodeFactory.of(new InsecureToyThresholdScheme(), 2, 3))
            .seeds(250)
            .run();

    result.assertNoViolations();
    assertThat(result.seeds()).isGreaterThanOrEqualTo(250);
    assertThat(result.totals().crashes()).isGreaterThan(50);
  }

  @Test
  void realBlstSchemeThreeOfFiveFewSeeds() {
    Campaign.of(Scenario.swarmDefaults().withNodes(5).withSeed(700_001))
        .nodes(BlsNodeFactory.of(new BlstThresholdScheme(), 1, 3))
        .seeds(4)
        .run()
        .assertNoViolations();
  }

  @Test
  void aRunReportsWhatItSigned() {
    RunResult run =
        Simulation.of(Scenario.swarmDefaults().withNodes(5).withSeed(42))
            .withNodes(BlsNodeFactory.of(new InsecureToyThresholdScheme(), 2, 3))
            .run();

    assertThat(run.violations()).isEmpty();
    assertThat(run.invariants().get("bls")).startsWith("ok").contains("liveness ok");
    // Keys were removed and added back during the run, and duties met them removed.
    assertThat(count(run, "key removals")).isPositive();
    assertThat(count(run, "unsignable")).isPositive();
  }

  private static long count(RunResult run, String what) {
    Matcher m = Pattern.compile("(\\d+) " + what).matcher(run.invariants().get("bls"));
    assertThat(m.find()).as("'%s' in %s", what, run.invariants().get("bls")).isTrue();
    return Long.parseLong(m.group(1));
  }

  /**
   * A compromised operator: node 5 corrupts every share it sends (flipped bytes, or well-formed
   * signatures of another root). Leaders must catch the bad shares and sign with the honest ones;
   * every emitted signature must still verify, and every duty with three honest signers up must
   * still be signed.
   */
  @Test
  void toySchemeThreeOfFiveWithAByzantineMember() {
    BlsNodeFactory nodes =
        BlsNodeFactory.of(new InsecureToyThresholdScheme(), 2, 3).withByzantine(5);

    Campaign.of(Scenario.swarmDefaults().withNodes(5).withSeed(800_001))
        .nodes(nodes)
        .seeds(100)
        .run()
        .assertNoViolations();

    RunResult one =
        Simulation.of(Scenario.swarmDefaults().withNodes(5).withSeed(800_001)).withNodes(nodes).run();
    assertThat(count(one, "bad shares caught")).isGreaterThan(10);
  }
}
