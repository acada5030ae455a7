package io.dvraft.raft.tracker;

/**
 * How the leader replicates to one follower.
 *
 * <pre>
 *   PROBE --(append accepted)--> REPLICATE
 *     ^  \                          |
 *     |   +--(next compacted)--> SNAPSHOT
 *     |                             |
 *     +----(append rejected, or snapshot installed)
 * </pre>
 */
public enum ProgressState {
  /** The leader does not know where the follower's log matches: one append at a time. */
  PROBE,
  /** The logs match up to {@code match}: appends stream, up to the in-flight limit. */
  REPLICATE,
  /** The follower needs entries the leader compacted: a snapshot is being sent. */
  SNAPSHOT
}
