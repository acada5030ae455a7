package io.dvraft.testkit.sim;

import io.dvraft.raft.NodeId;
import io.dvraft.raft.Output;
import io.dvraft.raft.ProposalResult;
import io.dvraft.raft.RaftStatus;
import io.dvraft.raft.RequestResult;
import io.dvraft.raft.message.Message;
import java.util.Collection;

/**
 * A node as a host drives it: the inputs and outputs of {@link io.dvraft.raft.RaftStateMachine}.
 * The simulator reaches nodes only through this interface, so a decorator (BLS-Raft, a fault
 * injecting wrapper in a test) slots in by wrapping another {@code SimNode}.
 */
public interface SimNode {

  /**
   * Returns the node's id.
   *
   * @return the id
   */
  NodeId id();

  /** Advances logical time by one tick. */
  void tick();

  /**
   * Delivers a message from a peer.
   *
   * @param from the sender
   * @param message the message
   */
  void step(NodeId from, Message message);

  /**
   * Proposes a command.
   *
   * @param command the command bytes
   * @return where it was appended, or why not
   */
  ProposalResult propose(byte[] command);

  /**
   * Asks for a linearizable read.
   *
   * @param readId the host's id for it
   * @return whether it was taken
   */
  RequestResult readIndex(long readId);

  /**
   * Asks for a membership change.
   *
   * @param voters the voters after the change
   * @param learners the learners after the change
   * @return whether it was started
   */
  RequestResult changeMembership(Collection<NodeId> voters, Collection<NodeId> learners);

  /**
   * Asks for a leadership transfer.
   *
   * @param target the voter to hand leadership to
   * @return whether it was started
   */
  RequestResult transferLeadership(NodeId target);

  /**
   * Tells the node the application snapshotted its state.
   *
   * @param index the applied index the snapshot covers
   * @param data the snapshot bytes
   * @return whether it was taken
   */
  RequestResult snapshotTaken(long index, byte[] data);

  /**
   * Returns the bytes the host persists as the snapshot's data after {@link #snapshotTaken}
   * accepted {@code applicationData}: the application's bytes themselves by default; a decorator
   * that keeps state of its own in snapshots (BLS-Raft's keys) returns them wrapped. A node
   * restored from, or sent, such a snapshot gets these bytes; the application gets its own part
   * back through {@link NodeFactory#applicationSnapshot}.
   *
   * @param applicationData the bytes given to {@link #snapshotTaken}
   * @return the bytes to persist
   */
  default byte[] snapshotData(byte[] applicationData) {
    return applicationData;
  }

  /**
   * Says whether {@link #poll()} may have a batch.
   *
   * @return true if a poll may return work
   */
  boolean hasOutput();

  /**
   * Takes the next batch of work.
   *
   * @return the batch
   */
  Output poll();

  /**
   * Tells the node that its host has durably written a whole batch it polled (hard state, snapshot,
   * entries), just before the batch's messages are sent. A decorator that keeps durable state of
   * its own (a signing journal, say) makes it durable here: the host may crash between {@link
   * #poll()} and this call, losing or tearing the batch, and then this is never called for it. Does
   * nothing by default.
   *
   * @param batch the batch now on disk
   */
  default void batchPersisted(Output batch) {}

  /**
   * Returns the node's status.
   *
   * @return the status
   */
  RaftStatus status();
}
