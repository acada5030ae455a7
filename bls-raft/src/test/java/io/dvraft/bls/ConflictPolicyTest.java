package io.dvraft.bls;

import static org.assertj.core.api.Assertions.assertThat;

import io.dvraft.bls.BlsCluster.Node;
import io.dvraft.bls.BlsCluster.TestKey;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The conflict policy keeps two different roots for one duty from both reaching t shares. */
class ConflictPolicyTest {

  @Test
  void leaderRefusesASecondRootForTheSameDutyAtPropose() {
    BlsCluster cluster = BlsCluster.of(3, 3);
    Node leader = cluster.electLeader();
    TestKey key = cluster.addKey(leader, 1, 2, cluster.plainMembers());
    byte[] first = BlsCluster.root("block-a");

    assertThat(cluster.proposeDuty(leader, key.id(), first, "proposer/100").isAccepted()).isTrue();
    BlsProposalResult second =
        cluster.proposeDuty(leader, key.id(), BlsCluster.root("block-b"), "proposer/100");
    BlsProposalResult again = cluster.proposeDuty(leader, key.id(), first, "proposer/100");
    cluster.stabilize();

    assertThat(second).isInstanceOf(BlsProposalResult.BlsRefused.class);
    assertThat(((BlsProposalResult.BlsRefused) second).reason())
        .isEqualTo(BlsRefusalReason.CONFLICTING_DUTY);
    assertThat(leader.events(BlsEvent.ProposalRefused.class)).hasSize(1);
    assertThat(again.isAccepted()).as("the same root again is not a conflict").isTrue();
    assertThat(cluster.firstEmissions()).hasSize(2);
    for (BlsCluster.Emitted e : cluster.emitted) {
      assertThat(e.entry().duty().signingRoot()).isEqualTo(first);
    }
    cluster.assertEmissionsValid(Map.of(key.id(), key));
  }

  /**
   * A follower signs root1 for a duty that never commits; the old leader dies, a new leader that
   * never saw root1 proposes root2 for the same duty. The follower's journal makes it refuse root2,
   * the others sign it, and root1 never gets t shares.
   */
  @Test
  void followerWhoseJournalHasTheFirstRootRefusesTheNewLeadersConflictingRoot() {
    BlsCluster cluster = BlsCluster.of(5, 8);
    Node oldLeader = cluster.electLeader();
    TestKey key = cluster.addKey(oldLeader, 1, 3, cluster.plainMembers());
    cluster.stabilize();
    List<Node> followers = cluster.followersOf(oldLeader);
    Node witness = followers.get(0);
    for (Node other : followers) {
      if (other != witness) {
        cluster.cut(oldLeader, other);
      }
    }
    cluster.cut(witness, oldLeader);
    byte[] root1 = BlsCluster.root("attestation-1");
    byte[] root2 = BlsCluster.root("attestation-2");

    BlsProposalResult proposed = cluster.proposeDuty(oldLeader, key.id(), root1, "attester/7");
    cluster.deliverRound();
    long index1 = ((BlsProposalResult.Accepted) proposed).index();
    assertThat(witness.journal()).anyMatch(r -> r.index() == index1);

    oldLeader.crash();
    cluster.heal();
    cluster.isolate(witness);
    Node newLeader = cluster.electLeader();
    assertThat(newLeader).isNotIn(oldLeader, witness);
    // Keep one honest signer away, so that the entry needs the witness: it must decide, and refuse.
    Node late = followers.stream().filter(n -> n != witness && n != newLeader).findFirst().get();
    cluster.heal();
    cluster.isolate(late);
    BlsProposalResult conflicting = cluster.proposeDuty(newLeader, key.id(), root2, "attester/7");
    assertThat(conflicting.isAccepted()).isTrue();
    cluster.settle(3);
    long index2 = ((BlsProposalResult.Accepted) conflicting).index();
    assertThat(cluster.firstEmissions()).doesNotContainKey(index2);
    cluster.heal();
    cluster.settle(3);
    assertThat(witness.events(BlsEvent.SigningRefused.class))
        .anySatisfy(
            e -> {
              assertThat(e.index()).isEqualTo(index2);
              assertThat(e.reason()).isEqualTo(ShareItem.Reason.POLICY);
            });
    assertThat(cluster.firstEmissions()).containsKey(index2);
    assertThat(cluster.firstEmissions().get(index2).entry().duty().signingRoot()).isEqualTo(root2);
    cluster.assertEmissionsValid(Map.of(key.id(), key));
    long signersOfRoot1 =
        cluster.nodes.values().stream()
            .filter(n -> n.journal().stream().anyMatch(r -> Arrays.equals(r.signingRoot(), root1)))
            .count();
    long signersOfRoot2 =
        cluster.nodes.values().stream()
            .filter(n -> n.journal().stream().anyMatch(r -> Arrays.equals(r.signingRoot(), root2)))
            .count();
    assertThat(signersOfRoot1).isLessThan(3);
    assertThat(signersOfRoot2).isGreaterThanOrEqualTo(3);
    assertThat(witness.journal().stream().filter(r -> Arrays.equals(r.signingRoot(), root2)))
        .isEmpty();
  }
}
