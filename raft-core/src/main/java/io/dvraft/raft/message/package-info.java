/**
 * The Raft messages nodes exchange: a sealed family of immutable records.
 *
 * <p>Every message carries the sender's term. Records check only that they are well formed
 * (nothing null); whether a message makes sense for its receiver (indexes that exist, entries that
 * follow {@code prevLogIndex}) is judged by the receiving state machine, which drops nonsense with
 * an event instead of throwing.
 */
package io.dvraft.raft.message;
