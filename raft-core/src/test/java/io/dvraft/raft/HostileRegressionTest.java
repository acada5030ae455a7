package io.dvraft.raft;

import static io.dvraft.raft.SteppedNode.n;
import static org.assertj.core.api.Assertions.assertThat;

import io.dvraft.raft.message.AppendEntries;
import io.dvraft.raft.message.InstallSnapshot;
import io.dvraft.raft.message.InstallSnapshotResponse;
import io.dvraft.raft.message.Message;
import io.dvraft.raft.message.ReadIndexRequest;
import io.dvraft.raft.message.TimeoutNow;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bugs the hostile-message runs found, each pinned down by the smallest input that showed it.
 * Every message here survives the codec (it could arrive from the wire) unless said otherwise.
 */
class HostileRegressionTest {

  private static RaftEvent.MessageDropped onlyDrop(SteppedNode.Batch out) {
    assertThat(out.messages()).isEmpty();
    assertThat(out.entriesToPersist()).isEmpty();
    List<RaftEvent> events = out.events();
    assertThat(events).hasSize(1).first().isInstanceOf(RaftEvent.MessageDropped.class);
    return (RaftEvent.MessageDropped) events.get(0);
  }

  private static <M extends Message> M wire(M m) {
    @SuppressWarnings("unchecked")
    M decoded = (M) HostileRuns.overTheWire(m);
    assertThat(decoded).as("encodable").isNotNull();
    return decoded;
  }

  private static void sendsOnlyPossibleMessages(SteppedNode.Batch out) {
    for (Envelope e : out.messages()) {
      assertThat(HostileOracle.impossible(e.message())).as("%s", e).isNull();
    }
  }

  @Test
  void aNodeInTheLastTerm_neverCampaigns_soItsTermCannotWrapNegative() {
    // Told to campaign in term 2^63-1, the node moved to term -2^63: poll() threw building the
    // HardState. Without TimeoutNow its next pre-vote went out in term -2^63 (unencodable).
    SteppedNode node = SteppedNode.create(1, 3, b -> b.preVote(true));

    SteppedNode.Batch out = node.step(2, wire(new TimeoutNow(Long.MAX_VALUE)));
    out = new SteppedNode.Batch(concat(out, node.tick(4 * SteppedNode.ELECTION_TICKS)));

    sendsOnlyPossibleMessages(out);
    assertThat(node.raft.status().term()).isEqualTo(Long.MAX_VALUE);
    assertThat(node.raft.status().role()).isEqualTo(Role.FOLLOWER);
  }

  @Test
  void aNodeOneTermBeforeTheLast_stillCampaignsIntoIt() {
    SteppedNode node = SteppedNode.create(1, 3);
    node.step(2, wire(AppendEntries.of(Long.MAX_VALUE - 1, 0, 0, List.of(), 0, 0)));

    node.timeOut();

    assertThat(node.raft.status().term()).isEqualTo(Long.MAX_VALUE);
    assertThat(node.raft.status().role()).isEqualTo(Role.CANDIDATE);
  }

  @Test
  void aSnapshotAboveIndexTwoToThe62_isDropped_soTheLogAlwaysHasRoomToGrow() {
    // A snapshot at index 2^63-1 was installed; once that node won an election, its no-op at
    // index 2^63 threw IllegalArgumentException out of step().
    SteppedNode node = SteppedNode.create(1, 3);
    InstallSnapshot s = new InstallSnapshot(1,
        new SnapshotMetadata(Long.MAX_VALUE, 1, SteppedNode.cluster(3)), 0, new byte[] {1}, true);

    RaftEvent.MessageDropped d = onlyDrop(node.step(2, wire(s)));

    assertThat(d.reason()).contains("snapshot index");
    assertThat(node.raft.status().lastIndex()).isZero();
    node.electLeader();
    assertThat(node.raft.status().lastIndex()).isEqualTo(1);
  }

  @Test
  void aSnapshotAtIndexTwoToThe62_isInstalled_andItsNodeCanLeadAndAppend() {
    long limit = 1L << 62;
    SteppedNode node = SteppedNode.create(1, 3);
    node.step(2, wire(new InstallSnapshot(1,
        new SnapshotMetadata(limit, 1, SteppedNode.cluster(3)), 0, new byte[] {1}, true)));
    assertThat(node.raft.status().lastIndex()).isEqualTo(limit);

    node.electLeader();
    node.propose("x");

    assertThat(node.raft.status().lastIndex()).isEqualTo(limit + 2);
  }

  @Test
  void aSnapshotChunkWhoseEndOverflows_isDropped_insteadOfAnsweredWithANegativeOffset() {
    // A follower that already holds the snapshot answers "done" with offset + chunk length, which
    // wrapped negative: an answer no encoder accepts (the host's send threw).
    SteppedNode node = SteppedNode.create(1, 3);
    node.step(2, AppendEntries.of(1, 0, 0, SteppedNode.entries(1, 1, 1), 2, 0));
    assertThat(node.raft.status().commitIndex()).isEqualTo(2);
    InstallSnapshot s = new InstallSnapshot(1, new SnapshotMetadata(1, 1, SteppedNode.cluster(3)),
        Long.MAX_VALUE - 2, new byte[8], true);

    RaftEvent.MessageDropped d = onlyDrop(node.step(2, wire(s)));

    assertThat(d.reason()).contains("offset");
  }

  @Test
  void aSnapshotResponseInTermZero_isDroppedWithAReason_likeEveryOtherMessageInTermZero() {
    // It was ignored without an event, while every other type in term 0 is reported: no honest
    // node answers a snapshot in term 0 (receiving one moves it to the leader's term, at least 1).
    SteppedNode node = SteppedNode.create(1, 3);

    RaftEvent.MessageDropped d = onlyDrop(node.step(2, new InstallSnapshotResponse(0, 1, 0, true)));

    assertThat(d.messageType()).isEqualTo("InstallSnapshotResponse");
    assertThat(d.reason()).contains("term 0");
  }

  @Test
  void aMessageWithoutSender_isReportedUnderItsTypeName() {
    // The event carried the whole message rendering where its javadoc promises the type's name.
    SteppedNode node = SteppedNode.create(1, 3);
    node.raft.step(null, new ReadIndexRequest(1, 7));
    node.raft.step(n(2), null);

    List<RaftEvent> events = node.drain().events();

    assertThat(events).containsExactly(
        new RaftEvent.MessageDropped(null, "ReadIndexRequest", "null sender or message"),
        new RaftEvent.MessageDropped(n(2), "null", "null sender or message"));
  }

  private static List<Output> concat(SteppedNode.Batch a, SteppedNode.Batch b) {
    List<Output> all = new java.util.ArrayList<>(a.outputs());
    all.addAll(b.outputs());
    return all;
  }
}
