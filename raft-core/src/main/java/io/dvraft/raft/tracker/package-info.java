/**
 * The leader's view of each follower's replication (etcd's progress tracker): what it has
 * matched, what to send next, and whether to probe, stream or snapshot.
 */
package io.dvraft.raft.tracker;
