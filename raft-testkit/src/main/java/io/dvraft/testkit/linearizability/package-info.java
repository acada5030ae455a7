/**
 * A linearizability checker for recorded client histories, in the Wing–Gong style with Lowe's
 * memoization (as popularized by Porcupine), plus models for a key-value store and a register.
 *
 * <p>A test records every client {@link io.dvraft.testkit.linearizability.Operation} with its call
 * and return time, then asks {@link io.dvraft.testkit.linearizability.LinearizabilityChecker}
 * whether some total order of the operations, consistent with real time, is a legal sequential run
 * of a {@link io.dvraft.testkit.linearizability.Model}.
 */
package io.dvraft.testkit.linearizability;
