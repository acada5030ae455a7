package io.dvraft.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.dvraft.raft.HardState;
import io.dvraft.raft.PersistedState;
import io.dvraft.raft.RaftConfig;
import io.dvraft.testkit.sim.NodeFactory;
import io.dvraft.testkit.sim.SimNode;
import org.junit.jupiter.api.Test;

/**
 * The checkers catch a broken host: this one "forgets" its vote on restart (it restores the
 * persisted term but not the vote), which lets a node vote twice in a term.
 */
class InjectedBugTest {

  /** Restores nodes without their persisted vote. */
  static final NodeFactory FORGETS_ITS_VOTE =
      new NodeFactory() {
        @Override
        public SimNode create(RaftConfig config) {
          return NodeFactory.RAFT.create(config);
        }

        @Override
        public SimNode restore(RaftConfig config, PersistedState p) {
          HardState forgetful = new HardState(p.hardState().term(), java.util.Optional.empty());
          return NodeFactory.RAFT.restore(
              config, new PersistedState(forgetful, p.snapshot(), p.entries(), p.appliedIndex()));
        }
      };

  /** Five nodes without pre-vote, crashing often and briefly: many close elections. */
  private static final Scenario CRASHY =
      new Scenario(
          5,
          600,
          300,
          250,
          new FaultRates(1, 3, 0.1, 0, true, 0.01, 0, 0.05, 0, 0, 1, 4, 0),
          false,
          WorkloadRates.IDLE,
          new ClusterSettings(10, 2, false, false, 16, 256, 0, 5, 64),
          1);

  @Test
  void aNodeThatForgetsItsVoteIsCaughtVotingTwice() {
    CampaignResult result =
        Campaign.of(Simulation.of(CRASHY).withNodes(FORGETS_ITS_VOTE))
            .seeds(40)
            .shrinkAttempts(0)
            .run();

    assertThat(result.failuresByInvariant()).containsKey("one-vote-per-term");
  }

  @Test
  void theSameScheduleWithACorrectHostIsFine() {
    Campaign.of(CRASHY).seeds(40).run().assertNoViolations();
  }
}
