package io.dvraft.testkit.check;

import io.dvraft.raft.LogEntry;
import io.dvraft.raft.Output;
import io.dvraft.raft.RaftStatus;
import io.dvraft.raft.SnapshotMetadata;
import java.util.HashMap;
import java.util.Map;

/**
 * Commit and apply only move forward, per node. While a node runs its commit index never decreases;
 * its application applies index after index with no gap or repeat (a snapshot may only jump
 * forward); and across a restart the application resumes from where it durably was, never behind,
 * with the restored commit index at least the applied index.
 */
public final class MonotonicProgress extends AbstractInvariant {

  /** The name violations carry. */
  public static final String NAME = "monotonic-progress";

  private final Map<String, long[]> progress = new HashMap<>();

  /**
   * Creates the checker.
   *
   * @param sink where to report
   */
  public MonotonicProgress(ViolationSink sink) {
    super(NAME, sink);
  }

  /** [0] last commit index seen while up, [1] last applied index. */
  private long[] of(NodeView node) {
    return progress.computeIfAbsent(node.id().toString(), k -> new long[2]);
  }

  @Override
  public void onBatch(long tick, NodeView node, Output batch) {
    checkCommit(tick, node);
  }

  @Override
  public void onTickEnd(ClusterView cluster) {
    for (NodeView node : cluster.nodes()) {
      checkCommit(cluster.tick(), node);
    }
  }

  private void checkCommit(long tick, NodeView node) {
    RaftStatus status = node.status().orElse(null);
    if (status == null) {
      return;
    }
    long[] p = of(node);
    if (status.commitIndex() < p[0]) {
      violated(
          tick,
          node.id() + "'s commit index went back from " + p[0] + " to " + status.commitIndex());
    }
    p[0] = Math.max(p[0], status.commitIndex());
    if (status.appliedIndex() > status.commitIndex()) {
      violated(
          tick,
          node.id()
              + " applied "
              + status.appliedIndex()
              + " beyond its commit index "
              + status.commitIndex());
    }
  }

  @Override
  public void onApplied(long tick, NodeView node, LogEntry entry, long chain) {
    long[] p = of(node);
    if (entry.index() != p[1] + 1) {
      violated(tick, node.id() + " applied index " + entry.index() + " right after " + p[1]);
    }
    p[1] = entry.index();
  }

  @Override
  public void onSnapshotInstalled(long tick, NodeView node, SnapshotMetadata metadata, long chain) {
    long[] p = of(node);
    if (metadata.index() <= p[1]) {
      violated(
          tick,
          node.id()
              + " installed a snapshot at "
              + metadata.index()
              + " though it had applied up to "
              + p[1]);
    }
    p[1] = metadata.index();
  }

  @Override
  public void onRestart(long tick, NodeView node) {
    long[] p = of(node);
    if (node.appliedIndex() < p[1]) {
      violated(
          tick,
          node.id()
              + " restarted with applied index "
              + node.appliedIndex()
              + " below the "
              + p[1]
              + " it had applied");
    }
    p[1] = node.appliedIndex();
    RaftStatus status = node.status().orElseThrow();
    if (status.commitIndex() < node.appliedIndex()) {
      violated(
          tick,
          node.id()
              + " restarted with commit index "
              + status.commitIndex()
              + " below its applied index "
              + node.appliedIndex());
    }
    p[0] = status.commitIndex();
  }
}
