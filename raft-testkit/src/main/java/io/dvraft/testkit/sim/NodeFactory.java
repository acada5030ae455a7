package io.dvraft.testkit.sim;

import io.dvraft.raft.PersistedState;
import io.dvraft.raft.RaftConfig;
import io.dvraft.raft.Snapshot;
import io.dvraft.testkit.check.InvariantFactory;
import java.util.List;
import java.util.Map;

/** Creates the nodes a simulation drives: fresh ones at the start, restored ones after a crash. */
public interface NodeFactory {

  /** The factory of plain {@link io.dvraft.raft.RaftStateMachine} nodes. */
  NodeFactory RAFT =
      new NodeFactory() {
        @Override
        public SimNode create(RaftConfig config) {
          return RaftSimNode.create(config);
        }

        @Override
        public SimNode restore(RaftConfig config, PersistedState persisted) {
          return RaftSimNode.restore(config, persisted);
        }
      };

  /**
   * Creates a node that has persisted nothing.
   *
   * @param config its configuration
   * @return the node
   */
  SimNode create(RaftConfig config);

  /**
   * Recreates a node after a crash from what its host persisted.
   *
   * @param config its configuration (with a new seed)
   * @param persisted what the host's disk holds
   * @return the node
   * @throws IllegalArgumentException if the node refuses the persisted state
   */
  SimNode restore(RaftConfig config, PersistedState persisted);

  /**
   * Returns the factory one run uses. A factory that keeps state across a run's incarnations (a
   * durable signing journal per node, keys dealt from the seed, a record of what was signed)
   * returns a fresh one here; the simulator calls this once per run, so runs of a campaign on
   * several threads share nothing. Returns {@code this} by default.
   *
   * @param seed the run's seed
   * @return the factory for this run
   */
  default NodeFactory forRun(long seed) {
    return this;
  }

  /**
   * Returns the application's part of a snapshot as this factory's nodes persist and send it (see
   * {@link SimNode#snapshotData}): the snapshot itself by default.
   *
   * @param persisted a snapshot from the disk or from a batch's {@code snapshotToInstall}
   * @return the snapshot the application installs
   * @throws IllegalStateException if the snapshot is not in this factory's format
   */
  default Snapshot applicationSnapshot(Snapshot persisted) {
    return persisted;
  }

  /**
   * Returns what a replay file must record to create this factory again (see {@code
   * io.dvraft.testkit.Replay}): empty for plain Raft nodes, which a replay uses when it records
   * nothing.
   *
   * @return the factory's settings, by name
   */
  default Map<String, String> properties() {
    return Map.of();
  }

  /**
   * Returns the invariants that come with this factory's nodes (checked in addition to the
   * simulation's), for the factory {@link #forRun} returned. None by default.
   *
   * @return the invariants
   */
  default List<InvariantFactory> invariants() {
    return List.of();
  }
}
