/**
 * The Raft state machine and its values: a pure, deterministic core that consumes messages, ticks
 * and proposals and emits {@link io.dvraft.raft.Output} batches for the host to persist, send and
 * apply.
 */
package io.dvraft.raft;
