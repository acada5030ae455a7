package io.dvraft.testkit.check;

import io.dvraft.raft.NodeId;
import io.dvraft.raft.message.Message;
import io.dvraft.raft.message.VoteResponse;
import java.util.HashMap;
import java.util.Map;

/**
 * A node grants at most one vote per term (Raft 5.2), even across crashes and restarts: every
 * granted (non-pre-vote) vote that leaves a host is remembered per (voter, term), and a grant to a
 * second candidate in the same term is a violation. Pre-votes change nothing and are not counted.
 */
public final class OneVotePerTerm extends AbstractInvariant {

  /** The name violations carry. */
  public static final String NAME = "one-vote-per-term";

  private final Map<Long, NodeId> votes = new HashMap<>();

  /**
   * Creates the checker.
   *
   * @param sink where to report
   */
  public OneVotePerTerm(ViolationSink sink) {
    super(NAME, sink);
  }

  @Override
  public void onMessageSent(long tick, NodeView from, NodeId to, Message message) {
    if (message instanceof VoteResponse r && r.granted() && !r.preVote()) {
      long key = (from.id().value() << 40) ^ r.term();
      NodeId previous = votes.putIfAbsent(key, to);
      if (previous != null && !previous.equals(to)) {
        violated(
            tick,
            from.id() + " voted for " + previous + " and then for " + to + " in term " + r.term());
      }
    }
  }
}
