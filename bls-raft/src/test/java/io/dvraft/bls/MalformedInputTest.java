package io.dvraft.bls;

import static org.assertj.core.api.Assertions.assertThat;

import io.dvraft.bls.BlsCluster.Node;
import io.dvraft.bls.BlsCluster.Sent;
import io.dvraft.bls.BlsCluster.TestKey;
import io.dvraft.raft.Envelope;
import io.dvraft.raft.message.AppendEntries;
import io.dvraft.raft.message.AppendEntriesResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Malformed peer data is dropped with an event and never stops Raft; malformed or unsignable
 * entries are given up on with an event and do not hold the finalized index back.
 */
class MalformedInputTest {

  @Test
  void malformedRequestIsDroppedButTheAppendIsStillHandled() {
    BlsCluster cluster = BlsCluster.of(3, 41);
    Node leader = cluster.electLeader();
    Node follower = cluster.followersOf(leader).get(0);
    AppendEntries append = lastAppendTo(cluster, follower);

    for (byte[] garbage :
        new byte[][] {
          {7}, {1, 0, 0}, {2, 0, 0, 0, 0, 0, 0, 0, 0}, {1, 0, 0, 0, 0, 0, 0, 0, 1, 9}
        }) {
      follower.bls.step(leader.id, append.withExtension(garbage));
      BlsOutput out = follower.bls.poll();
      assertThat(out.events())
          .singleElement()
          .isInstanceOfSatisfying(
              BlsEvent.ExtensionDropped.class,
              e -> {
                assertThat(e.from()).isEqualTo(leader.id);
                assertThat(e.messageType()).isEqualTo("AppendEntries");
              });
      assertThat(out.raft().messages())
          .extracting(Envelope::message)
          .singleElement()
          .isInstanceOf(AppendEntriesResponse.class);
    }
  }

  @Test
  void finalizedIndexAboveTheLeadersCommitIsMalformed() {
    BlsCluster cluster = BlsCluster.of(3, 42);
    Node leader = cluster.electLeader();
    Node follower = cluster.followersOf(leader).get(0);
    AppendEntries append = lastAppendTo(cluster, follower);

    follower.bls.step(
        leader.id,
        append.withExtension(
            ExtensionCodec.encodeRequest(new SignatureRequest(append.leaderCommit() + 1))));

    assertThat(follower.bls.poll().events())
        .singleElement()
        .isInstanceOf(BlsEvent.ExtensionDropped.class);
  }

  @Test
  void malformedSharesAreDroppedButTheAcknowledgementStillCommits() {
    BlsCluster cluster = BlsCluster.of(3, 43);
    Node leader = cluster.electLeader();
    TestKey key = cluster.addKey(leader, 1, 2, cluster.plainMembers());
    cluster.stabilize();
    Node garbler = cluster.followersOf(leader).get(0);
    Node other = cluster.followersOf(leader).get(1);
    garbler.tamper = r -> r.extension().length == 0 ? r : r.withExtension(new byte[] {1, 0, 5});
    cluster.cut(other, leader);

    BlsProposalResult r = cluster.proposeDuty(leader, key.id(), BlsCluster.root("m"), "m");
    cluster.settle(2);
    long index = ((BlsProposalResult.Accepted) r).index();

    assertThat(leader.bls.status().commitIndex()).isGreaterThanOrEqualTo(index);
    assertThat(cluster.emitted).isEmpty();
    assertThat(leader.events(BlsEvent.ExtensionDropped.class))
        .isNotEmpty()
        .allSatisfy(e -> assertThat(e.from()).isEqualTo(garbler.id));

    cluster.heal();
    cluster.settle(2);
    assertThat(cluster.firstEmissions()).containsKey(index);
    cluster.assertEmissionsValid(Map.of(key.id(), key));
  }

  @Test
  void malformedAndUnknownKeyEntriesAreUnsignableAndDoNotBlockLaterDuties() {
    BlsCluster cluster = BlsCluster.of(3, 44);
    Node leader = cluster.electLeader();
    TestKey key = cluster.addKey(leader, 1, 2, cluster.plainMembers());
    cluster.stabilize();
    byte[] malformed = "dvBL\u0001\u0001garbage".getBytes(StandardCharsets.ISO_8859_1);
    long bad =
        ((io.dvraft.raft.ProposalResult.Accepted) leader.bls.inner().propose(malformed)).index();
    byte[] unknownKeyDuty =
        BlsCommandCodec.encode(
            new BlsCommand.SignDuty(KeyId.of(999), BlsCluster.root("u"), new byte[0], new byte[0]));
    long unknown =
        ((io.dvraft.raft.ProposalResult.Accepted) leader.bls.inner().propose(unknownKeyDuty))
            .index();
    leader.drain();
    BlsProposalResult later =
        cluster.proposeDuty(leader, key.id(), BlsCluster.root("after"), "after");
    assertThat(leader.bls.proposeCommand(malformed))
        .isEqualTo(
            new BlsProposalResult.BlsRefused(
                BlsRefusalReason.RESERVED_PREFIX,
                "application commands must not start with the BLS-Raft magic"));
    cluster.settle(2);

    assertThat(leader.events(BlsEvent.EntryUnsignable.class))
        .extracting(BlsEvent.EntryUnsignable::index, BlsEvent.EntryUnsignable::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(bad, UnsignableReason.MALFORMED),
            org.assertj.core.groups.Tuple.tuple(unknown, UnsignableReason.UNKNOWN_KEY));
    assertThat(cluster.firstEmissions())
        .containsOnlyKeys(((BlsProposalResult.Accepted) later).index());
    assertThat(leader.bls.finalizedIndex()).isEqualTo(leader.bls.status().commitIndex());
  }

  private static AppendEntries lastAppendTo(BlsCluster cluster, Node follower) {
    AppendEntries found = null;
    for (Sent s : cluster.sentLog) {
      if (s.to().equals(follower.id) && s.message() instanceof AppendEntries a) {
        found = a;
      }
    }
    assertThat(found).isNotNull();
    assertThat(found.extension()).isNotEmpty();
    return found;
  }
}
