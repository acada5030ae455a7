package io.dvraft.testkit.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.dvraft.raft.HardState;
import io.dvraft.raft.PersistedState;
import io.dvraft.raft.RaftConfig;
import io.dvraft.testkit.Campaign;
import io.dvraft.testkit.CampaignResult;
import io.dvraft.testkit.ClusterSettings;
import io.dvraft.testkit.FaultRates;
import io.dvraft.testkit.Replay;
import io.dvraft.testkit.RunResult;
import io.dvraft.testkit.Scenario;
import io.dvraft.testkit.Simulation;
import io.dvraft.testkit.WorkloadRates;
import io.dvraft.testkit.bls.BlsNodeFactory;
import io.dvraft.testkit.bls.InsecureToyThresholdScheme;
import io.dvraft.testkit.check.AbstractInvariant;
import io.dvraft.testkit.check.ViolationSink;
import io.dvraft.testkit.sim.NodeFactory;
import io.dvraft.testkit.sim.SimNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Runs the samples of docs/testing.md (DocsSnippetsTest checks they are quoted verbatim). */
class TestingGuideSamplesTest {

  private static Scenario scenario() {
    Scenario scenario = new Scenario(
        5,                        // nodes, all voters at the start
        2_000,                    // ticks of the fault phase
        400,                      // ticks of the final, fault-free phase
        250,                      // liveness bound after the heal
        FaultRates.SWARM_BOUNDS,  // fault rates, or their upper bounds when swarm
        true,                     // swarm: each seed draws its own fault mix
        WorkloadRates.DEFAULT,    // clients and operator
        ClusterSettings.DEFAULT,  // Raft settings, snapshot policy
        1);                       // seed
    RunResult run = Simulation.of(scenario).run();
    assertThat(run.passed()).as(String.valueOf(run.firstViolation())).isTrue();
    return scenario;
  }

  class NoLeaderChange extends AbstractInvariant {
    NoLeaderChange(ViolationSink sink) { super("no-leader-change", sink); }
    // override onBatch, onApplied, onMessageSent, onTickEnd, onRunEnd... and call violated(tick, msg)
  }

  @Test
  void aScenarioRunsAndACustomInvariantPlugsIn() {
    Scenario scenario = scenario().withDuration(300);
    CampaignResult result =
        Campaign.of(scenario).invariant(NoLeaderChange::new).seeds(100).run();
    assertThat(result.passed()).isTrue();
  }

  @Test
  void aHostThatForgetsItsVoteIsCaught() {
    // Five nodes without pre-vote, crashing often and briefly: many close elections.
    Scenario scenario = new Scenario(5, 600, 300, 250,
        new FaultRates(1, 3, 0.1, 0, true, 0.01, 0, 0.05, 0, 0, 1, 4, 0), false,
        WorkloadRates.IDLE, new ClusterSettings(10, 2, false, false, 16, 256, 0, 5, 64), 1);
    NodeFactory forgetsItsVote = new NodeFactory() {
      public SimNode create(RaftConfig c) { return NodeFactory.RAFT.create(c); }
      public SimNode restore(RaftConfig c, PersistedState p) {
        var amnesia = new HardState(p.hardState().term(), Optional.empty());
        return NodeFactory.RAFT.restore(c,
            new PersistedState(amnesia, p.snapshot(), p.entries(), p.appliedIndex()));
      }
    };
    CampaignResult result = Campaign.of(Simulation.of(scenario).withNodes(forgetsItsVote)).seeds(40).run();
    // -> fails with one-vote-per-term
    assertThat(result.passed()).isFalse();
    assertThat(result.failures().toString()).contains("one-vote-per-term");
  }

  @Test
  void aBlsClusterSignsUnderFaults() {
    CampaignResult result = Campaign.of(Scenario.swarmDefaults().withNodes(5))
        .nodes(BlsNodeFactory.of(new InsecureToyThresholdScheme(), 2, 3))  // 2 keys, 3-of-5
        .seeds(10)
        .run();
    result.assertNoViolations();
  }

  @Test
  void aReplayFileReRunsTheSameRun() throws IOException {
    Path dir = Files.createTempDirectory("dvraft-replay");
    Scenario small = Scenario.swarmDefaults().withDuration(300);
    Replay.of(Simulation.of(small).run(), "doc sample").write(dir.resolve("seed-42-liveness.replay"));
    Replay replay = Replay.read(dir.resolve("seed-42-liveness.replay"));
    RunResult run = replay.run();
    assertThat(run.traceHash()).isEqualTo(replay.traceHash().orElseThrow());
  }
}
