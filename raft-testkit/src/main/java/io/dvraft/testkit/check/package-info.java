/**
 * Invariant checkers for simulated Raft clusters.
 *
 * <p>The simulator reports everything a host sees (batches persisted, messages sent, entries
 * applied, crashes, restarts) to a list of {@link io.dvraft.testkit.check.Invariant}s after every
 * step, and each one reports what it finds wrong to a {@link
 * io.dvraft.testkit.check.ViolationSink}. {@link io.dvraft.testkit.check.Invariants#standard()}
 * lists the checkers every simulation runs; a user adds their own through the same interface.
 */
package io.dvraft.testkit.check;
