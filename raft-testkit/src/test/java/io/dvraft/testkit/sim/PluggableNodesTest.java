package io.dvraft.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.dvraft.raft.NodeId;
import io.dvraft.raft.Output;
import io.dvraft.raft.PersistedState;
import io.dvraft.raft.ProposalResult;
import io.dvraft.raft.RaftConfig;
import io.dvraft.raft.RaftStatus;
import io.dvraft.raft.RequestResult;
import io.dvraft.raft.message.Message;
import io.dvraft.testkit.ClusterSettings;
import io.dvraft.testkit.FaultRates;
import io.dvraft.testkit.RunResult;
import io.dvraft.testkit.Scenario;
import io.dvraft.testkit.Simulation;
import io.dvraft.testkit.WorkloadRates;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Nodes are reached only through {@link SimNode}, so a decorator (BLS-Raft, a test's wrapper) slots
 * in with its own {@link NodeFactory}, and hears when each batch it emitted is durable.
 */
class PluggableNodesTest {

  /** Counts synced batches polled and batches reported durable. */
  static final class CountingNode implements SimNode {
    final SimNode inner;
    final AtomicLong polledToSync;
    final AtomicLong persisted;

    CountingNode(SimNode inner, AtomicLong polledToSync, AtomicLong persisted) {
      this.inner = inner;
      this.polledToSync = polledToSync;
      this.persisted = persisted;
    }

    @Override
    public NodeId id() {
      return inner.id();
    }

    @Override
    public void tick() {
      inner.tick();
    }

    @Override
    public void step(NodeId from, Message message) {
      inner.step(from, message);
    }

    @Override
    public ProposalResult propose(byte[] command) {
      return inner.propose(command);
    }

    @Override
    public RequestResult readIndex(long readId) {
      return inner.readIndex(readId);
    }

    @Override
    public RequestResult changeMembership(Collection<NodeId> voters, Collection<NodeId> learners) {
      return inner.changeMembership(voters, learners);
    }

    @Override
    public RequestResult transferLeadership(NodeId target) {
      return inner.transferLeadership(target);
    }

    @Override
    public RequestResult snapshotTaken(long index, byte[] data) {
      return inner.snapshotTaken(index, data);
    }

    @Override
    public boolean hasOutput() {
      return inner.hasOutput();
    }

    @Override
    public Output poll() {
      Output out = inner.poll();
      if (out.mustSync()) {
        polledToSync.incrementAndGet();
      }
      return out;
    }

    @Override
    public void batchPersisted(Output batch) {
      if (batch.mustSync()) {
        persisted.incrementAndGet();
      }
    }

    @Override
    public RaftStatus status() {
      return inner.status();
    }
  }

  @Test
  void aDecoratorDrivesTheRunAndLearnsWhichBatchesReachedTheDisk() {
    AtomicLong polled = new AtomicLong();
    AtomicLong persisted = new AtomicLong();
    NodeFactory counting =
        new NodeFactory() {
          @Override
          public SimNode create(RaftConfig config) {
            return new CountingNode(NodeFactory.RAFT.create(config), polled, persisted);
          }

          @Override
          public SimNode restore(RaftConfig config, PersistedState state) {
            return new CountingNode(NodeFactory.RAFT.restore(config, state), polled, persisted);
          }
        };
    FaultRates tornCrashes = new FaultRates(1, 3, 0, 0, false, 0, 0, 0.02, 0, 1.0, 5, 30, 0);
    Scenario scenario =
        new Scenario(
            3,
            800,
            300,
            250,
            tornCrashes,
            false,
            WorkloadRates.DEFAULT,
            ClusterSettings.DEFAULT,
            9);

    RunResult run = Simulation.of(scenario).withNodes(counting).run();

    assertThat(run.violations()).isEmpty();
    assertThat(run.stats().crashes()).isGreaterThan(3);
    assertThat(persisted.get()).isPositive().isLessThan(polled.get());
  }
}
