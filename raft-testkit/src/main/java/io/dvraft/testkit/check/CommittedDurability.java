package io.dvraft.testkit.check;

import io.dvraft.raft.Membership;
import io.dvraft.raft.NodeId;
import io.dvraft.raft.Output;
import io.dvraft.raft.RaftStatus;
import io.dvraft.raft.Role;
import io.dvraft.raft.message.AppendEntriesResponse;
import io.dvraft.raft.message.InstallSnapshotResponse;
import io.dvraft.raft.message.Message;
import io.dvraft.raft.message.VoteResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Committed entries are never lost across crashes. Two checks:
 *
 * <ul>
 *   <li>persist before send: a message that promises durability (an AppendEntries or snapshot
 *       acknowledgement, a granted vote) only leaves a host whose disk already backs it, so a crash
 *       right after sending cannot take the promise back;
 *   <li>durable quorum: the highest index a leader committed while its (non-joint) membership was
 *       stable stays, with the same chain, on the disks of a majority of that membership's voters,
 *       whatever crashes happen afterwards.
 * </ul>
 */
public final class CommittedDurability extends AbstractInvariant {

  /** The name violations carry. */
  public static final String NAME = "committed-durability";

  private final Map<String, Membership> lastMembershipOfLeader = new HashMap<>();
  private CommitPoint point;

  private record CommitPoint(long index, long chain, Membership membership, String leader) {}

  /**
   * Creates the checker.
   *
   * @param sink where to report
   */
  public CommittedDurability(ViolationSink sink) {
    super(NAME, sink);
  }

  @Override
  public void onMessageSent(long tick, NodeView from, NodeId to, Message message) {
    if (message instanceof AppendEntriesResponse r && r.success() && !holds(from, r.index())) {
      violated(
          tick,
          from.id()
              + " acknowledged index "
              + r.index()
              + " to "
              + to
              + " but its disk ends at "
              + from.durableLastIndex());
    } else if (message instanceof VoteResponse v && v.granted() && !v.preVote()) {
      var hs = from.durableHardState();
      boolean backed =
          hs.term() > v.term()
              || (hs.term() == v.term() && hs.votedFor().filter(to::equals).isPresent());
      if (!backed) {
        violated(
            tick,
            from.id()
                + " granted its vote in term "
                + v.term()
                + " to "
                + to
                + " but its disk holds "
                + hs);
      }
    } else if (message instanceof InstallSnapshotResponse s
        && s.done()
        && !holds(from, s.snapshotIndex())) {
      violated(
          tick,
          from.id()
              + " acknowledged snapshot "
              + s.snapshotIndex()
              + " but its disk ends at "
              + from.durableLastIndex());
    }
  }

  private static boolean holds(NodeView node, long index) {
    return node.durableSnapshotIndex() >= index || node.durableLastIndex() >= index;
  }

  @Override
  public void onBatch(long tick, NodeView node, Output batch) {
    RaftStatus status = node.status().orElse(null);
    if (status == null || status.role() != Role.LEADER) {
      return;
    }
    String key = node.id() + "@" + status.term();
    Membership before = lastMembershipOfLeader.put(key, status.membership());
    boolean stable = status.membership().equals(before) && !status.membership().isJoint();
    if (stable && (point == null || status.commitIndex() > point.index())) {
      OptionalLong chain = node.durableChainAt(status.commitIndex());
      if (chain.isPresent()) {
        point =
            new CommitPoint(
                status.commitIndex(), chain.getAsLong(), status.membership(), node.id().toString());
      }
    }
  }

  @Override
  public void onTickEnd(ClusterView cluster) {
    if (point == null) {
      return;
    }
    int holders = 0;
    for (NodeId voter : point.membership().voters()) {
      NodeView node = cluster.node(voter);
      OptionalLong chain = node.durableChainAt(point.index());
      if (node.durableSnapshotIndex() >= point.index()
          || (chain.isPresent() && chain.getAsLong() == point.chain())) {
        holders++;
      }
    }
    int voters = point.membership().voters().size();
    if (holders * 2 <= voters) {
      violated(
          cluster.tick(),
          "index "
              + point.index()
              + ", committed by "
              + point.leader()
              + ", is durable on only "
              + holders
              + " of the "
              + voters
              + " voters "
              + point.membership().voters());
      point = null;
    }
  }
}
