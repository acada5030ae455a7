/**
 * The in-memory Raft log: entries after the compacted prefix, the commit and apply cursors, and
 * which entries the host has yet to persist.
 */
package io.dvraft.raft.log;
