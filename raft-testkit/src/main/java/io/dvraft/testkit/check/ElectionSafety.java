package io.dvraft.testkit.check;

import io.dvraft.raft.NodeId;
import io.dvraft.raft.Output;
import io.dvraft.raft.RaftEvent;
import io.dvraft.raft.Role;
import java.util.HashMap;
import java.util.Map;

/**
 * Election safety (Raft figure 3): at most one leader is elected in a term. Watches every node's
 * role changes and remembers, for each term, which node became its leader, across crashes.
 */
public final class ElectionSafety extends AbstractInvariant {

  /** The name violations carry. */
  public static final String NAME = "election-safety";

  private final Map<Long, NodeId> leaderOfTerm = new HashMap<>();

  /**
   * Creates the checker.
   *
   * @param sink where to report
   */
  public ElectionSafety(ViolationSink sink) {
    super(NAME, sink);
  }

  @Override
  public void onBatch(long tick, NodeView node, Output batch) {
    for (RaftEvent event : batch.events()) {
      if (event instanceof RaftEvent.StateChanged s && s.role() == Role.LEADER) {
        NodeId previous = leaderOfTerm.putIfAbsent(s.term(), node.id());
        if (previous != null && !previous.equals(node.id())) {
          violated(tick, "two leaders in term " + s.term() + ": " + previous + " and " + node.id());
        }
      }
    }
  }
}
