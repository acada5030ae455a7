package io.dvraft.bls;

import static org.assertj.core.api.Assertions.assertThat;

import io.dvraft.bls.BlsCluster.Node;
import io.dvraft.bls.BlsCluster.Sent;
import io.dvraft.bls.BlsCluster.TestKey;
import io.dvraft.raft.message.AppendEntriesResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Crashes at the worst moments lose no signature and never make a node sign twice. */
class CrashRecoveryTest {

  /** The leader commits a duty and dies before it recombines: the next leader signs it. */
  @Test
  void newLeaderSignsWhatTheOldOneCommittedButNeverRecombined() {
    BlsCluster cluster = BlsCluster.of(3, 4);
    Node leader = cluster.electLeader();
    TestKey key = cluster.addKey(leader, 1, 2, cluster.plainMembers());
    cluster.stabilize();
    leader.crashWhen = out -> !out.signed().isEmpty();

    BlsProposalResult r = cluster.proposeDuty(leader, key.id(), BlsCluster.root("x"), "slot/1");
    long index = ((BlsProposalResult.Accepted) r).index();
    cluster.stabilize();
    assertThat(leader.down).isTrue();
    assertThat(cluster.emitted).isEmpty();
    assertThat(leader.lostBatches.get(0).raft().committed()).anyMatch(e -> e.index() == index);

    Node next = cluster.electLeader();
    cluster.settle(2);

    assertThat(next).isNotSameAs(leader);
    assertThat(cluster.firstEmissions()).containsKey(index);
    assertThat(cluster.firstEmissions().get(index).by()).isEqualTo(next.id);
    cluster.assertEmissionsValid(Map.of(key.id(), key));
  }

  /**
   * A follower persists the batch that journals its share but dies before sending it. After the
   * restart it re-derives the share from the journal (no new decision, no new record) and the
   * entry, which needs it, gets signed.
   */
  @Test
  void followerRestartedWithItsJournalReDerivesTheShare() {
    Fixture f = new Fixture(true);

    assertThat(f.follower.journal()).filteredOn(rec -> rec.index() == f.index).hasSize(1);
    assertThat(sharesFrom(f.cluster, f.follower, f.index, Long.MAX_VALUE)).isPositive();
    assertThat(f.cluster.firstEmissions()).containsKey(f.index);
    f.cluster.assertEmissionsValid(Map.of(f.key.id(), f.key));

    // The restored policy still knows the root it signed: as leader it refuses a conflict.
    f.cluster.heal();
    f.cluster.settle(2);
    assertThat(f.leader.bls.transferLeadership(f.follower.id).ok()).isTrue();
    f.cluster.settle(3);
    assertThat(f.cluster.leader()).isSameAs(f.follower);
    BlsProposalResult conflict =
        f.cluster.proposeDuty(f.follower, f.key.id(), BlsCluster.root("other"), "slot/9");
    assertThat(conflict).isInstanceOf(BlsProposalResult.BlsRefused.class);
    assertThat(((BlsProposalResult.BlsRefused) conflict).reason())
        .isEqualTo(BlsRefusalReason.CONFLICTING_DUTY);
  }

  /**
   * A follower dies before persisting the batch that signs: the journal record and the entries are
   * lost, and so is the share, which was never sent. After the restart it decides afresh.
   */
  @Test
  void followerCrashedBeforePersistingLosesTheShareItNeverSent() {
    Fixture f = new Fixture(false);

    assertThat(f.follower.lostBatches.get(0).journalToPersist())
        .anyMatch(rec -> rec.index() == f.index);
    assertThat(sharesFrom(f.cluster, f.follower, f.index, f.restartStep)).isZero();
    assertThat(f.follower.journal()).filteredOn(rec -> rec.index() == f.index).hasSize(1);
    assertThat(f.cluster.firstEmissions()).containsKey(f.index);
    f.cluster.assertEmissionsValid(Map.of(f.key.id(), f.key));
  }

  /** Three nodes, the third cut off, so the leader needs the crashing follower's share. */
  private static final class Fixture {
    final BlsCluster cluster = BlsCluster.of(3, 6);
    final Node leader = cluster.electLeader();
    final TestKey key = cluster.addKey(leader, 1, 2, cluster.plainMembers());
    final Node follower;
    final long index;
    final long restartStep;

    Fixture(boolean persistBeforeCrash) {
      cluster.stabilize();
      List<Node> followers = cluster.followersOf(leader);
      follower = followers.get(0);
      cluster.isolate(followers.get(1));
      follower.persistBeforeCrash = persistBeforeCrash;
      follower.crashWhen = out -> !out.journalToPersist().isEmpty();
      BlsProposalResult r = cluster.proposeDuty(leader, key.id(), BlsCluster.root("y"), "slot/9");
      index = ((BlsProposalResult.Accepted) r).index();
      cluster.stabilize();
      assertThat(follower.down).isTrue();
      assertThat(cluster.emitted).isEmpty();
      int journalBefore = follower.journal().size();
      restartStep = cluster.step;
      follower.restart();
      cluster.settle(4);
      if (persistBeforeCrash) {
        assertThat(follower.journal()).hasSize(journalBefore);
      }
    }
  }

  /** How many shares for {@code index} the node sent before {@code beforeStep}. */
  static long sharesFrom(BlsCluster cluster, Node node, long index, long beforeStep) {
    long count = 0;
    for (Sent s : cluster.sentLog) {
      if (s.from().equals(node.id)
          && s.step() < beforeStep
          && s.message() instanceof AppendEntriesResponse r
          && r.extension().length > 0) {
        try {
          for (ShareItem item : ExtensionCodec.decodeShares(r.extension())) {
            if (item.index() == index && item instanceof ShareItem.Share) {
              count++;
            }
          }
        } catch (MalformedBlsDataException e) {
          throw new AssertionError(e);
        }
      }
    }
    return count;
  }
}
