package io.dvraft.bls;

import static org.assertj.core.api.Assertions.assertThat;

import io.dvraft.bls.BlsCluster.Node;
import io.dvraft.bls.BlsCluster.TestKey;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Keys survive log compaction: they travel in the snapshot, to followers and across restarts. */
class SnapshotTest {

  @Test
  void aFollowerCaughtUpBySnapshotKnowsTheKeysAndSigns() {
    BlsCluster cluster =
        new BlsCluster(
            BlsCluster.Mode.BLS, List.of(1L, 2L, 3L), 71, b -> b.snapshotTrailingEntries(0));
    Node leader = cluster.electLeader();
    TestKey key = cluster.addKey(leader, 1, 2, cluster.plainMembers());
    cluster.stabilize();
    List<Node> followers = cluster.followersOf(leader);
    Node behind = followers.get(0);
    Node helper = followers.get(1);
    cluster.isolate(behind);
    for (int i = 0; i < 3; i++) {
      cluster.proposeDuty(leader, key.id(), BlsCluster.root("s" + i), "s" + i);
    }
    cluster.settle(2);
    byte[] app = {42, 43};
    leader.takeSnapshot(app);
    assertThat(leader.raftEvents).anyMatch(e -> e instanceof io.dvraft.raft.RaftEvent.LogCompacted);

    cluster.heal();
    cluster.isolate(helper);
    cluster.settle(3);
    assertThat(behind.installedApplicationSnapshots)
        .singleElement()
        .satisfies(s -> assertThat(s.data()).isEqualTo(app));
    assertThat(behind.storage.snapshot.data()).isNotEqualTo(app);

    BlsProposalResult r = cluster.proposeDuty(leader, key.id(), BlsCluster.root("after"), "after");
    cluster.settle(2);
    long index = ((BlsProposalResult.Accepted) r).index();
    assertThat(cluster.firstEmissions()).containsKey(index);

    // The follower restarts from the snapshot it installed and still signs with the key.
    behind.crash();
    behind.restart();
    BlsProposalResult again =
        cluster.proposeDuty(leader, key.id(), BlsCluster.root("again"), "again");
    cluster.settle(3);
    assertThat(cluster.firstEmissions()).containsKey(((BlsProposalResult.Accepted) again).index());
    assertThat(behind.events(BlsEvent.SnapshotUnreadable.class)).isEmpty();
    cluster.assertEmissionsValid(Map.of(key.id(), key));
  }

  @Test
  void snapshotAboveTheFinalizedIndex_isDeferredUntilItsDutiesAreSigned() {
    BlsCluster cluster =
        new BlsCluster(
            BlsCluster.Mode.BLS, List.of(1L, 2L, 3L), 72, b -> b.snapshotTrailingEntries(0));
    Node leader = cluster.electLeader();
    TestKey key = cluster.addKey(leader, 1, 3, cluster.plainMembers());
    cluster.stabilize();
    Node away = cluster.followersOf(leader).get(0);
    cluster.isolate(away);
    BlsProposalResult r = cluster.proposeDuty(leader, key.id(), BlsCluster.root("d"), "d");
    cluster.settle(2);
    long index = ((BlsProposalResult.Accepted) r).index();
    // Committed by two of three, but a 3-of-3 key needs the third share.
    assertThat(leader.storage.applied).isGreaterThanOrEqualTo(index);
    assertThat(cluster.firstEmissions()).doesNotContainKey(index);

    assertThat(leader.bls.snapshotTaken(leader.storage.applied, new byte[] {1}).ok()).isFalse();
    leader.drain();
    assertThat(leader.events(BlsEvent.SnapshotDeferred.class))
        .singleElement()
        .satisfies(e -> assertThat(e.finalizedIndex()).isLessThan(index));
    assertThat(leader.raftEvents).noneMatch(e -> e instanceof io.dvraft.raft.RaftEvent.LogCompacted);

    cluster.heal();
    cluster.settle(3);
    assertThat(cluster.firstEmissions()).containsKey(index);
    leader.takeSnapshot(new byte[] {1});
    assertThat(leader.raftEvents).anyMatch(e -> e instanceof io.dvraft.raft.RaftEvent.LogCompacted);
    cluster.assertEmissionsValid(Map.of(key.id(), key));
  }
}
