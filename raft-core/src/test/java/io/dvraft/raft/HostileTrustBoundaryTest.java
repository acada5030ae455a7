package io.dvraft.raft;

import static io.dvraft.raft.SteppedNode.n;
import static org.assertj.core.api.Assertions.assertThat;

import io.dvraft.raft.message.AppendEntries;
import io.dvraft.raft.message.Message;
import io.dvraft.raft.message.ReadIndexResponse;
import io.dvraft.raft.message.TimeoutNow;
import io.dvraft.raft.message.VoteRequest;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Where the state machine's trust ends, so that hosts know what their transport must guarantee.
 *
 * <p>A node drops messages from senders outside every configuration it knows, with two
 * exceptions kept for liveness: a member follows an AppendEntries or InstallSnapshot from an
 * unknown sender in a term at least its own (the leader of a configuration it missed sends exactly
 * that), and a node outside its own configuration (joining) takes messages from anyone. So a
 * sender that is not an operator of the cluster at all must be refused by the transport: the state
 * machine would follow such an impostor's entries and commit them. These tests pin that boundary
 * down; HostileNetworkAdversaryTest withholds exactly these messages in threat model (a), and the
 * byzantine tests step them in.
 */
class HostileTrustBoundaryTest {

  private static SteppedNode followerOfN2WithTwoCommittedEntries() {
    SteppedNode node = SteppedNode.create(1, 3);
    node.step(2, AppendEntries.of(1, 0, 0, SteppedNode.entries(1, 1, 1), 2, 0));
    assertThat(node.raft.status().commitIndex()).isEqualTo(2);
    return node;
  }

  @Test
  void aNonMemberClaimingLeadershipOfTheReceiversTerm_isFollowed_andItsEntriesCommitted() {
    SteppedNode node = followerOfN2WithTwoCommittedEntries();

    SteppedNode.Batch out =
        node.step(99, AppendEntries.of(1, 2, 1, SteppedNode.entries(3, 1, 1), 4, 0));

    assertThat(node.raft.status().leader()).contains(n(99));
    assertThat(out.committed()).extracting(LogEntry::index).containsExactly(3L, 4L);
  }

  @Test
  void aNonMemberClaimingLeadershipOfAnOlderTerm_isDroppedWithoutAnAnswer() {
    SteppedNode node = followerOfN2WithTwoCommittedEntries();
    node.step(2, AppendEntries.of(2, 2, 1, List.of(), 2, 0));
    RaftStatus before = node.raft.status();

    SteppedNode.Batch out = node.step(99, AppendEntries.of(1, 2, 1, List.of(), 2, 0));

    assertThat(out.messages()).isEmpty();
    assertThat(out.events()).singleElement().isInstanceOf(RaftEvent.MessageDropped.class);
    assertThat(node.raft.status()).isEqualTo(before);
  }

  @Test
  void aNonMembersOtherMessages_areDroppedWhateverTheirTerm() {
    SteppedNode node = followerOfN2WithTwoCommittedEntries();
    RaftStatus before = node.raft.status();
    List<Message> claims = List.of(new TimeoutNow(5), new ReadIndexResponse(5, 1, 0),
        new VoteRequest(5, 9, 5, false, true));

    for (Message m : claims) {
      SteppedNode.Batch out = node.step(99, m);
      assertThat(out.events()).singleElement().isInstanceOf(RaftEvent.MessageDropped.class);
    }

    assertThat(node.raft.status()).isEqualTo(before);
  }

  @Test
  void aJoiningNode_takesMessagesFromAnySender_evenALeaderClaimInAReadIndexResponse() {
    // n4 starts with the configuration it is being added to, {n1, n2, n3}, which lacks it.
    SteppedNode joining = SteppedNode.create(SteppedNode.paperConfig(4, 3).build());

    joining.step(99, new ReadIndexResponse(3, 1, 0));

    assertThat(joining.raft.status().term()).isEqualTo(3);
    assertThat(joining.raft.status().leader()).isEqualTo(Optional.of(n(99)));
  }

  @Test
  void aDuplicatedReadIndexResponse_isSurfacedAgain_soAHostMustNeverReuseAReadId() {
    // Duplicates are normal on the network. A host that reused read id 7 (say, a counter reset by
    // a restart) would serve its new read at the old index 2, missing later writes.
    SteppedNode node = followerOfN2WithTwoCommittedEntries();
    node.raft.readIndex(7);
    node.drain();
    ReadIndexResponse answer = new ReadIndexResponse(1, 7, 2);
    node.step(2, answer);
    node.step(2, AppendEntries.of(1, 2, 1, SteppedNode.entries(3, 1, 1), 4, 0));

    SteppedNode.Batch duplicate = node.step(2, answer);

    assertThat(duplicate.outputs()).flatExtracting(Output::readsReady)
        .containsExactly(new ReadState(7, 2));
  }
}
