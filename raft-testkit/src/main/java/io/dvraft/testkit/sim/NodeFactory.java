package io.dvraft.testkit.sim;

import io.dvraft.raft.PersistedState;
import io.dvraft.raft.RaftConfig;

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
}
