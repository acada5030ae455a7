package io.dvraft.testkit.check;

import io.dvraft.raft.Output;
import io.dvraft.raft.RaftEvent;
import io.dvraft.raft.RaftStatus;
import io.dvraft.raft.Role;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Leader completeness (Raft figure 3): an entry committed in a term is in the log of every leader
 * of a later term. Each leader's commit index is recorded with the term it leads and the chain of
 * its log there; when a node becomes leader of term T, its (just persisted) log must hold, with the
 * same chain, the highest index committed by a leader of a term below T.
 */
public final class LeaderCompleteness extends AbstractInvariant {

  /** The name violations carry. */
  public static final String NAME = "leader-completeness";

  private final TreeMap<Long, CommitPoint> highestCommitOfTerm = new TreeMap<>();

  private record CommitPoint(long index, long chain, String leader) {}

  /**
   * Creates the checker.
   *
   * @param sink where to report
   */
  public LeaderCompleteness(ViolationSink sink) {
    super(NAME, sink);
  }

  @Override
  public void onBatch(long tick, NodeView node, Output batch) {
    for (RaftEvent event : batch.events()) {
      if (event instanceof RaftEvent.StateChanged s && s.role() == Role.LEADER) {
        checkNewLeader(tick, node, s.term());
      }
    }
    RaftStatus status = node.status().orElse(null);
    if (status != null && status.role() == Role.LEADER && status.commitIndex() > 0) {
      CommitPoint known = highestCommitOfTerm.get(status.term());
      if (known == null || known.index() < status.commitIndex()) {
        OptionalLong chain = node.durableChainAt(status.commitIndex());
        if (chain.isPresent()) {
          highestCommitOfTerm.put(
              status.term(),
              new CommitPoint(status.commitIndex(), chain.getAsLong(), node.id().toString()));
        }
      }
    }
  }

  private void checkNewLeader(long tick, NodeView node, long term) {
    CommitPoint highest = null;
    for (Map.Entry<Long, CommitPoint> e : highestCommitOfTerm.headMap(term).entrySet()) {
      if (highest == null || e.getValue().index() > highest.index()) {
        highest = e.getValue();
      }
    }
    if (highest == null || node.durableSnapshotIndex() > highest.index()) {
      return;
    }
    OptionalLong chain = node.durableChainAt(highest.index());
    if (chain.isEmpty()) {
      violated(
          tick,
          node.id()
              + " became leader of term "
              + term
              + " without entry "
              + highest.index()
              + ", committed by "
              + highest.leader()
              + " (its last index is "
              + node.durableLastIndex()
              + ")");
    } else if (chain.getAsLong() != highest.chain()) {
      violated(
          tick,
          node.id()
              + " became leader of term "
              + term
              + " with a log that differs,"
              + " at or before index "
              + highest.index()
              + ", from what "
              + highest.leader()
              + " committed");
    }
  }
}
