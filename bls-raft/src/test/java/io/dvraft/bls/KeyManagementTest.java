package io.dvraft.bls;

import static org.assertj.core.api.Assertions.assertThat;

import io.dvraft.bls.BlsCluster.Node;
import io.dvraft.bls.BlsCluster.TestKey;
import io.dvraft.bls.crypto.PublicShare;
import io.dvraft.bls.crypto.ShareIndex;
import io.dvraft.bls.crypto.ThresholdKey;
import io.dvraft.raft.NodeId;
import io.dvraft.raft.ProposalResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Keys come and go through committed entries, and only sound keys are let in. */
class KeyManagementTest {

  @Test
  void addKeyIsRefusedUnlessSoundAndNew() {
    BlsCluster cluster = BlsCluster.of(4, 51);
    Node leader = cluster.electLeader();

    TestKey twoOfFour = cluster.dealKey(1, 2, cluster.plainMembers());
    assertThat(reason(cluster.proposeAddKey(leader, twoOfFour)))
        .isEqualTo(BlsRefusalReason.THRESHOLD_NOT_MAJORITY);

    TestKey threeOfFour = cluster.dealKey(2, 3, cluster.plainMembers());
    List<PublicShare> swapped = new ArrayList<>(threeOfFour.dealt().key().publicShares());
    PublicShare a = swapped.get(0);
    PublicShare b = swapped.get(1);
    swapped.set(0, new PublicShare(a.index(), b.publicKey()));
    swapped.set(1, new PublicShare(b.index(), a.publicKey()));
    ThresholdKey inconsistent = new ThresholdKey(3, threeOfFour.dealt().key().groupKey(), swapped);
    assertThat(
            reason(leader.bls.proposeAddKey(threeOfFour.id(), inconsistent, threeOfFour.members())))
        .isEqualTo(BlsRefusalReason.INVALID_KEY);

    Map<NodeId, ShareIndex> wrongMembers = new TreeMap<>(threeOfFour.members());
    wrongMembers.remove(NodeId.of(4));
    wrongMembers.put(NodeId.of(5), ShareIndex.of(99));
    assertThat(
            reason(
                leader.bls.proposeAddKey(
                    threeOfFour.id(), threeOfFour.dealt().key(), wrongMembers)))
        .isEqualTo(BlsRefusalReason.INVALID_KEY);

    assertThat(cluster.proposeAddKey(leader, threeOfFour).isAccepted()).isTrue();
    assertThat(reason(cluster.proposeAddKey(leader, threeOfFour)))
        .isEqualTo(BlsRefusalReason.KEY_EXISTS);

    Node follower = cluster.followersOf(leader).get(0);
    assertThat(
            follower.bls.proposeAddKey(
                KeyId.of(3), threeOfFour.dealt().key(), threeOfFour.members()))
        .isInstanceOf(BlsProposalResult.RaftRefused.class);
  }

  @Test
  void removedKeySignsNothingAfterItsRemoval() {
    BlsCluster cluster = BlsCluster.of(3, 52);
    Node leader = cluster.electLeader();
    TestKey key = cluster.addKey(leader, 1, 2, cluster.plainMembers());
    BlsProposalResult before =
        cluster.proposeDuty(leader, key.id(), BlsCluster.root("before"), "before");
    assertThat(leader.bls.proposeRemoveKey(key.id()).isAccepted()).isTrue();
    assertThat(reason(leader.bls.proposeRemoveKey(key.id())))
        .isEqualTo(BlsRefusalReason.UNKNOWN_KEY);
    assertThat(reason(cluster.proposeDuty(leader, key.id(), BlsCluster.root("after"), "after")))
        .isEqualTo(BlsRefusalReason.UNKNOWN_KEY);
    long sneaked =
        ((ProposalResult.Accepted)
                leader
                    .bls
                    .inner()
                    .propose(
                        BlsCommandCodec.encode(
                            new BlsCommand.SignDuty(
                                key.id(), BlsCluster.root("sneaked"), new byte[0], new byte[0]))))
            .index();
    cluster.settle(2);

    assertThat(cluster.firstEmissions())
        .containsOnlyKeys(((BlsProposalResult.Accepted) before).index());
    assertThat(leader.events(BlsEvent.EntryUnsignable.class))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.index()).isEqualTo(sneaked);
              assertThat(e.reason()).isEqualTo(UnsignableReason.UNKNOWN_KEY);
            });
    for (Node n : cluster.nodes.values()) {
      assertThat(n.events(BlsEvent.KeyAdded.class)).hasSize(1);
      assertThat(n.events(BlsEvent.KeyRemoved.class)).hasSize(1);
    }
  }

  @Test
  void aMemberWithoutItsSecretShareRefusesAndTheOthersSign() {
    BlsCluster cluster = BlsCluster.of(3, 53);
    Node leader = cluster.electLeader();
    TestKey key = cluster.dealKey(1, 2, cluster.plainMembers());
    Node forgetful = cluster.followersOf(leader).get(0);
    forgetful.ring.remove(key.id());
    assertThat(cluster.proposeAddKey(leader, key).isAccepted()).isTrue();
    BlsProposalResult r = cluster.proposeDuty(leader, key.id(), BlsCluster.root("s"), "s");
    cluster.settle(2);

    assertThat(forgetful.events(BlsEvent.SecretShareUnusable.class)).hasSize(1);
    assertThat(forgetful.journal()).isEmpty();
    assertThat(cluster.firstEmissions()).containsKey(((BlsProposalResult.Accepted) r).index());
    cluster.assertEmissionsValid(Map.of(key.id(), key));
  }

  @Test
  void anEntryRefusedByMoreThanNMinusTMembersIsUnsignable() {
    BlsCluster cluster = BlsCluster.of(3, 54);
    Node leader = cluster.electLeader();
    TestKey key = cluster.dealKey(1, 2, cluster.plainMembers());
    TestKey other = cluster.dealKey(2, 2, cluster.plainMembers());
    List<Node> followers = cluster.followersOf(leader);
    followers.get(0).ring.remove(key.id());
    // The wrong key's share does not match the public share: as good as none.
    followers.get(1).ring.put(key.id(), followers.get(1).ring.get(other.id()).orElseThrow());
    assertThat(cluster.proposeAddKey(leader, key).isAccepted()).isTrue();
    BlsProposalResult r = cluster.proposeDuty(leader, key.id(), BlsCluster.root("r"), "r");
    long index = ((BlsProposalResult.Accepted) r).index();
    BlsProposalResult next = cluster.proposeCommand(leader, "plain application command");
    cluster.settle(2);

    assertThat(followers.get(1).events(BlsEvent.SecretShareUnusable.class))
        .singleElement()
        .satisfies(e -> assertThat(e.reason()).contains("does not match"));
    assertThat(leader.events(BlsEvent.EntryUnsignable.class))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.index()).isEqualTo(index);
              assertThat(e.reason()).isEqualTo(UnsignableReason.REFUSED);
            });
    assertThat(cluster.emitted).isEmpty();
    assertThat(leader.bls.finalizedIndex())
        .isGreaterThanOrEqualTo(((BlsProposalResult.Accepted) next).index());
  }

  /**
   * Removed nodes get no more appends, so a key whose members left the cluster cannot reach t: its
   * duties are reported unsignable rather than pending forever (which would hold the finalized
   * index, hence every snapshot, back for good).
   */
  @Test
  void aKeyWhoseMembersLeftTheCluster_hasItsDutiesReportedUnsignable() {
    BlsCluster cluster = BlsCluster.of(5, 55);
    Node leader = cluster.electLeader();
    List<NodeId> others = cluster.followersOf(leader).stream().map(n -> n.id).toList();
    Map<NodeId, ShareIndex> members = new TreeMap<>();
    for (int i = 0; i < 3; i++) {
      members.put(others.get(i), ShareIndex.of(i + 1));
    }
    TestKey key = cluster.addKey(leader, 1, 2, members);
    cluster.stabilize();
    // Two of the key's three members leave: one share at most can still come.
    List<NodeId> remaining = new ArrayList<>(List.of(leader.id, others.get(0), others.get(3)));
    assertThat(leader.bls.changeMembership(remaining, List.of()).ok()).isTrue();
    cluster.settle(4);
    assertThat(leader.bls.status().membership().voters()).containsExactlyInAnyOrderElementsOf(remaining);

    BlsProposalResult r = cluster.proposeDuty(leader, key.id(), BlsCluster.root("gone"), "gone");
    cluster.settle(2);
    long index = ((BlsProposalResult.Accepted) r).index();

    assertThat(leader.events(BlsEvent.EntryUnsignable.class))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.index()).isEqualTo(index);
              assertThat(e.reason()).isEqualTo(UnsignableReason.TOO_FEW_MEMBERS);
            });
    assertThat(leader.bls.finalizedIndex()).isGreaterThanOrEqualTo(index);
    assertThat(cluster.emitted).isEmpty();
  }

  private static BlsRefusalReason reason(BlsProposalResult result) {
    assertThat(result).isInstanceOf(BlsProposalResult.BlsRefused.class);
    return ((BlsProposalResult.BlsRefused) result).reason();
  }
}
