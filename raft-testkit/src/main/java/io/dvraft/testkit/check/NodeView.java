package io.dvraft.testkit.check;

import io.dvraft.raft.HardState;
import io.dvraft.raft.NodeId;
import io.dvraft.raft.RaftStatus;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What an invariant may look at of one simulated host: the node's status while it runs, and what
 * the host has durably stored, which survives crashes.
 */
public interface NodeView {

  /**
   * Returns the node's id.
   *
   * @return the id
   */
  NodeId id();

  /**
   * Says whether the node is running (not crashed). A paused node is running.
   *
   * @return true if up
   */
  boolean isUp();

  /**
   * Returns the state machine's status.
   *
   * @return the status, empty while the node is down
   */
  Optional<RaftStatus> status();

  /**
   * Returns the hard state on the host's disk.
   *
   * @return the durable term and vote
   */
  HardState durableHardState();

  /**
   * Returns the index of the last entry on the host's disk (or of its snapshot if the log is
   * empty).
   *
   * @return the durable last index
   */
  long durableLastIndex();

  /**
   * Returns the index covered by the snapshot on the host's disk.
   *
   * @return the snapshot index, 0 if none
   */
  long durableSnapshotIndex();

  /**
   * Returns the {@link EntryChain} of the durable log at an index, if the host holds it: the index
   * is the snapshot's or that of an entry still on disk.
   *
   * @param index the log index
   * @return the chain value, or empty if the index is compacted away or beyond the log
   */
  OptionalLong durableChainAt(long index);

  /**
   * Returns the highest index the host's application has applied (durable with the application
   * state).
   *
   * @return the applied index
   */
  long appliedIndex();

  /**
   * Returns the {@link EntryChain} of the applied sequence at {@link #appliedIndex()}.
   *
   * @return the chain value
   */
  long appliedChain();
}
