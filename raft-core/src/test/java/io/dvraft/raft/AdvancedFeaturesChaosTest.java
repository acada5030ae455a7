package io.dvraft.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.dvraft.raft.ScenarioCluster.Host;
import io.dvraft.raft.internal.SplitMix64;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every advanced feature at once, at random, under faults: proposals, membership changes among
 * five nodes (voters and learners), leadership transfers, ReadIndex or lease reads at any node,
 * snapshots with small chunks, crashes and restarts, partitions, message loss, reordering and
 * duplication. The scenarios pin down each feature; this one looks for their interactions.
 * {@link SafetyChecks} runs on every batch; at the end the faults stop and the cluster must
 * converge and keep committing. (Sweeps of 300-400 seeds, also at 10% loss, found the bugs fixed
 * in this branch; see the disabled open-issue scenario in MembershipScenarioTest for the one
 * liveness problem left.)
 */
class AdvancedFeaturesChaosTest {

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
  void randomMixOfAdvancedFeatures_underFaults_staysSafeAndRecovers(long seed) {
    ReadMode mode = seed % 2 == 0 ? ReadMode.LEASE : ReadMode.READ_INDEX;
    ScenarioCluster c = new ScenarioCluster(3, seed, b -> b.snapshotTrailingEntries(10)
        .snapshotChunkBytes(48).maxInflightAppends(8).maxEntriesPerAppend(16).readMode(mode));
    c.snapshotPadding = 200;
    Membership start = ScenarioCluster.voters(1, 2, 3);
    c.addNode(4, start);
    c.addNode(5, start);
    c.lossRate = 0.03;
    c.reorder = seed % 3 != 0;
    c.duplicateRate = seed % 4 == 0 ? 0.02 : 0;
    SplitMix64 r = new SplitMix64(seed * 7919);
    long readId = 0;
    int proposed = 0;
    int changes = 0;
    int transfers = 0;
    int snapshots = 0;
    int crashes = 0;

    for (int t = 0; t < 1500; t++) {
      Host l = c.leader();
      int op = r.nextInt(100);
      if (l != null && op < 30) {
        if (l.propose("c" + t).isAccepted()) {
          proposed++;
        }
      } else if (l != null && op < 32) {
        List<Long> voters = new ArrayList<>();
        List<Long> learners = new ArrayList<>();
        for (long id = 1; id <= 5; id++) {
          int x = r.nextInt(4);
          if (x < 2) {
            voters.add(id);
          } else if (x == 2) {
            learners.add(id);
          }
        }
        if (voters.size() >= 3 && l.changeMembership(voters, learners).ok()) {
          changes++;
        }
      } else if (l != null && op < 34) {
        List<NodeId> vs = l.status().membership().voters();
        if (l.transferLeadership(vs.get(r.nextInt(vs.size())).value()).ok()) {
          transfers++;
        }
      } else if (op < 44) {
        Host h = c.node(1 + r.nextInt(5));
        if (!h.down) {
          h.read(++readId);
        }
      } else if (op < 47) {
        Host h = c.node(1 + r.nextInt(5));
        if (!h.down && h.takeSnapshot().ok()) {
          snapshots++;
        }
      } else if (op == 47) {
        Host h = c.node(1 + r.nextInt(5));
        if (!h.down) {
          h.crash();
          crashes++;
        }
      } else if (op < 50) {
        Host h = c.node(1 + r.nextInt(5));
        if (h.down) {
          h.restart();
        }
      } else if (op == 50) {
        List<Long> group = new ArrayList<>();
        for (long id = 1; id <= 5; id++) {
          if (r.nextInt(2) == 0) {
            group.add(id);
          }
        }
        c.partition(group);
      } else if (op < 53) {
        c.heal();
      }
      c.tickAll();
      c.deliverRound();
    }

    // The faults stop: the cluster must recover, commit, and agree.
    c.heal();
    c.lossRate = 0;
    c.duplicateRate = 0;
    for (Host h : c.nodes.values()) {
      if (h.down) {
        h.restart();
      }
    }
    c.run(25); // a leadership transfer still in progress ends (done or aborted) within this
    c.awaitLeader();
    c.proposeAndCommit("final", 3);
    List<Long> members = new ArrayList<>();
    for (NodeId id : c.leader().status().membership().members()) {
      members.add(id.value());
    }
    c.awaitConverged(members);

    // Random crashes can keep a quorum down for long stretches: liveness is judged by the
    // recovery above, not by how much got through during the faults.
    assertThat(proposed).isPositive();
    assertThat(changes + transfers + snapshots + crashes).isGreaterThan(10);
    assertThat(c.checks.termsWithLeader()).isGreaterThan(1);
    assertThat(c.checks.readsAnswered()).isPositive();
  }
}
