package io.dvraft.testkit.check;

import io.dvraft.raft.LogEntry;
import io.dvraft.raft.NodeId;
import io.dvraft.raft.Output;
import io.dvraft.raft.SnapshotMetadata;
import io.dvraft.raft.message.Message;
import java.util.List;

/**
 * A property the simulator checks while a run goes on. The simulator calls these methods, on its
 * one thread, as a host handles each batch; an implementation keeps whatever history it needs and
 * reports breakage to the {@link ViolationSink} it was created with. Every method does nothing by
 * default.
 *
 * <p>Order for one batch: {@link #onPersisted}, then {@link #onMessageSent} for each message, then
 * {@link #onSnapshotInstalled} and {@link #onApplied} for what the host applied, then {@link
 * #onBatch}. A crash in the middle of a batch ends that sequence early (after {@link #onPersisted}
 * if part of the batch reached the disk) and calls {@link #onCrash}.
 */
public interface Invariant {

  /**
   * Returns the invariant's short name, used in violations and replay files.
   *
   * @return the name, for example {@code election-safety}
   */
  String name();

  /**
   * Called when a host wrote (part of) a batch to its disk.
   *
   * @param tick the current tick
   * @param node the host, its durable state already updated
   * @param written the log entries written, in order (possibly fewer than the batch had, if the
   *     write was torn by a crash)
   */
  default void onPersisted(long tick, NodeView node, List<LogEntry> written) {}

  /**
   * Called when a host hands a message to the network (after persisting its batch).
   *
   * @param tick the current tick
   * @param from the sender's host
   * @param to the destination
   * @param message the message
   */
  default void onMessageSent(long tick, NodeView from, NodeId to, Message message) {}

  /**
   * Called when a host's application applies a committed entry.
   *
   * @param tick the current tick
   * @param node the host, with {@link NodeView#appliedIndex()} already at the entry
   * @param entry the entry
   * @param chain the {@link EntryChain} of the host's applied sequence up to this entry
   */
  default void onApplied(long tick, NodeView node, LogEntry entry, long chain) {}

  /**
   * Called when a host's application installs a snapshot received from a leader.
   *
   * @param tick the current tick
   * @param node the host
   * @param metadata what the snapshot covers
   * @param chain the {@link EntryChain} value the snapshot carries for its index
   */
  default void onSnapshotInstalled(
      long tick, NodeView node, SnapshotMetadata metadata, long chain) {}

  /**
   * Called once a host has handled a whole batch (persisted, sent, applied, served reads).
   *
   * @param tick the current tick
   * @param node the host
   * @param batch the batch
   */
  default void onBatch(long tick, NodeView node, Output batch) {}

  /**
   * Called when a host crashes; what it had not persisted is gone.
   *
   * @param tick the current tick
   * @param node the host, now down
   */
  default void onCrash(long tick, NodeView node) {}

  /**
   * Called when a host restarts from its disk.
   *
   * @param tick the current tick
   * @param node the host, up again with a restored state machine
   */
  default void onRestart(long tick, NodeView node) {}

  /**
   * Called at the end of every tick, after all deliveries.
   *
   * @param cluster the cluster
   */
  default void onTickEnd(ClusterView cluster) {}

  /**
   * Called once when the run ends; the place for checks over the whole run.
   *
   * @param cluster the cluster
   */
  default void onRunEnd(ClusterView cluster) {}

  /**
   * Returns a one-line account for the run's summary, for example {@code ok} or {@code inconclusive
   * (budget)}.
   *
   * @return the summary
   */
  default String summary() {
    return "checked";
  }
}
