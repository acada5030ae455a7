package io.dvraft.testkit.sim;

import io.dvraft.raft.Snapshot;

/** Reads the {@link io.dvraft.testkit.check.EntryChain} a snapshot's application bytes carry. */
@FunctionalInterface
interface SnapshotCodec {

  /** Returns the chain at the snapshot's index, as recorded by the application that took it. */
  long chainOf(Snapshot snapshot);
}
