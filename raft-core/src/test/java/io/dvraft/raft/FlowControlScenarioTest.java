package io.dvraft.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.dvraft.raft.ScenarioCluster.Host;
import io.dvraft.raft.message.AppendEntries;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pipelined replication's flow control under loss (found by {@link AdvancedFeaturesChaosTest}):
 * a follower in the replicate state may have at most maxInflightAppends appends unacknowledged.
 */
class FlowControlScenarioTest {

  /**
   * If every append in a full window is lost, the follower's answers to heartbeats (at its match)
   * free nothing, so without help the leader would never send another append and never learn of
   * the gap: the follower would stay behind forever on a healthy network.
   */
  @Test
  void replicate_recoversWhenTheWholeInflightWindowIsLost() {
    ScenarioCluster c = new ScenarioCluster(3, 501, b -> b.maxInflightAppends(2));
    Host l = c.awaitLeader();
    c.proposeAndCommit("a", 3);
    c.awaitConverged(List.of(1L, 2L, 3L));
    Host f = c.node(l.id.value() == 1 ? 2 : 1);
    c.dropIf = m -> m.to().equals(f.id) && m.message() instanceof AppendEntries a
        && !a.entries().isEmpty();
    for (int i = 0; i < 6; i++) {
      assertThat(l.propose("b" + i).isAccepted()).isTrue();
      c.deliverRound();
    }
    c.dropIf = m -> false;
    c.awaitConverged(List.of(1L, 2L, 3L));
    assertThat(f.commands()).contains("b5");
  }

  /**
   * A follower goes down while being replicated to: the window fills with appends it never gets,
   * and the leader compacts past its match (routine snapshots). A heartbeat needs the term at
   * the match, which is gone; the leader must fall back to a snapshot rather than go silent, or
   * the restarted follower is never contacted again and campaigns in vain forever.
   */
  @Test
  void replicate_followerDownWhileTheWindowFillsAndTheLogIsCompacted_getsASnapshotOnRestart() {
    ScenarioCluster c = new ScenarioCluster(3, 503,
        b -> b.maxInflightAppends(2).snapshotTrailingEntries(0));
    Host l = c.awaitLeader();
    c.proposeAndCommit("a", 3);
    c.awaitConverged(List.of(1L, 2L, 3L));
    Host f = c.node(l.id.value() == 1 ? 2 : 1);
    f.crash();
    c.proposeAndCommit("b", 6);
    assertThat(l.takeSnapshot().ok()).isTrue();
    assertThat(l.status().firstIndex()).isGreaterThan(f.status().lastIndex() + 1);
    f.restart();
    c.awaitConverged(List.of(1L, 2L, 3L));
    assertThat(f.installed).hasSize(1);
    c.proposeAndCommit("c", 1);
    c.awaitConverged(List.of(1L, 2L, 3L));
    assertThat(f.commands()).contains("c0");
  }
}
