package io.dvraft.testkit.sim;

import io.dvraft.raft.NodeId;
import io.dvraft.raft.Output;
import io.dvraft.raft.PersistedState;
import io.dvraft.raft.ProposalResult;
import io.dvraft.raft.RaftConfig;
import io.dvraft.raft.RaftStateMachine;
import io.dvraft.raft.RaftStatus;
import io.dvraft.raft.RequestResult;
import io.dvraft.raft.message.Message;
import java.util.Collection;
import java.util.Objects;

/** A {@link SimNode} that is a plain {@link RaftStateMachine}. */
public final class RaftSimNode implements SimNode {

  private final RaftStateMachine raft;

  /**
   * Wraps a state machine.
   *
   * @param raft the state machine to drive
   */
  public RaftSimNode(RaftStateMachine raft) {
    this.raft = Objects.requireNonNull(raft, "raft");
  }

  /**
   * Creates a fresh node.
   *
   * @param config its configuration
   * @return the node
   */
  public static RaftSimNode create(RaftConfig config) {
    return new RaftSimNode(RaftStateMachine.create(config));
  }

  /**
   * Restores a node from persisted state.
   *
   * @param config its configuration
   * @param persisted what its host stored
   * @return the node
   */
  public static RaftSimNode restore(RaftConfig config, PersistedState persisted) {
    return new RaftSimNode(RaftStateMachine.restore(config, persisted));
  }

  /**
   * Returns the wrapped state machine.
   *
   * @return the state machine
   */
  public RaftStateMachine raft() {
    return raft;
  }

  @Override
  public NodeId id() {
    return raft.id();
  }

  @Override
  public void tick() {
    raft.tick();
  }

  @Override
  public void step(NodeId from, Message message) {
    raft.step(from, message);
  }

  @Override
  public ProposalResult propose(byte[] command) {
    return raft.propose(command);
  }

  @Override
  public RequestResult readIndex(long readId) {
    return raft.readIndex(readId);
  }

  @Override
  public RequestResult changeMembership(Collection<NodeId> voters, Collection<NodeId> learners) {
    return raft.changeMembership(voters, learners);
  }

  @Override
  public RequestResult transferLeadership(NodeId target) {
    return raft.transferLeadership(target);
  }

  @Override
  public RequestResult snapshotTaken(long index, byte[] data) {
    return raft.snapshotTaken(index, data);
  }

  @Override
  public boolean hasOutput() {
    return raft.hasOutput();
  }

  @Override
  public Output poll() {
    return raft.poll();
  }

  @Override
  public RaftStatus status() {
    return raft.status();
  }
}
