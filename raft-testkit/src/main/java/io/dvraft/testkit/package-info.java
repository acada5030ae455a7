/**
 * Deterministic, single-threaded cluster simulation for dvraft: fault injection, invariant
 * checkers, shrinking and replay.
 */
package io.dvraft.testkit;
