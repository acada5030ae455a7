package io.dvraft.testkit.sim;

import io.dvraft.raft.LogEntry;
import io.dvraft.raft.NodeId;
import io.dvraft.raft.Output;
import io.dvraft.raft.SnapshotMetadata;
import io.dvraft.raft.message.Message;
import io.dvraft.testkit.check.ClusterView;
import io.dvraft.testkit.check.Invariant;
import io.dvraft.testkit.check.NodeView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Calls every invariant of a run in turn. */
final class InvariantSet implements Invariant {

  private final List<Invariant> invariants;

  InvariantSet(List<Invariant> invariants) {
    this.invariants = List.copyOf(invariants);
  }

  @Override
  public String name() {
    return "all";
  }

  Map<String, String> summaries() {
    Map<String, String> out = new LinkedHashMap<>();
    for (Invariant i : invariants) {
      out.put(i.name(), i.summary());
    }
    return out;
  }

  @Override
  public void onPersisted(long tick, NodeView node, List<LogEntry> written) {
    for (Invariant i : invariants) {
      i.onPersisted(tick, node, written);
    }
  }

  @Override
  public void onMessageSent(long tick, NodeView from, NodeId to, Message message) {
    for (Invariant i : invariants) {
      i.onMessageSent(tick, from, to, message);
    }
  }

  @Override
  public void onApplied(long tick, NodeView node, LogEntry entry, long chain) {
    for (Invariant i : invariants) {
      i.onApplied(tick, node, entry, chain);
    }
  }

  @Override
  public void onSnapshotInstalled(long tick, NodeView node, SnapshotMetadata metadata, long chain) {
    for (Invariant i : invariants) {
      i.onSnapshotInstalled(tick, node, metadata, chain);
    }
  }

  @Override
  public void onBatch(long tick, NodeView node, Output batch) {
    for (Invariant i : invariants) {
      i.onBatch(tick, node, batch);
    }
  }

  @Override
  public void onCrash(long tick, NodeView node) {
    for (Invariant i : invariants) {
      i.onCrash(tick, node);
    }
  }

  @Override
  public void onRestart(long tick, NodeView node) {
    for (Invariant i : invariants) {
      i.onRestart(tick, node);
    }
  }

  @Override
  public void onTickEnd(ClusterView cluster) {
    for (Invariant i : invariants) {
      i.onTickEnd(cluster);
    }
  }

  @Override
  public void onRunEnd(ClusterView cluster) {
    for (Invariant i : invariants) {
      i.onRunEnd(cluster);
    }
  }
}
