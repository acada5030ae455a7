package io.dvraft.testkit;

import io.dvraft.raft.Membership;
import io.dvraft.raft.NodeId;
import io.dvraft.raft.RaftConfig;

/**
 * The Raft settings every simulated node runs with, and the hosts' snapshot policy.
 *
 * @param electionTicks the base election timeout
 * @param heartbeatTicks the heartbeat interval
 * @param preVote whether nodes pre-vote
 * @param checkQuorum whether leaders step down without a live quorum
 * @param maxEntriesPerAppend the most entries per AppendEntries
 * @param maxInflightAppends the most AppendEntries in flight per follower
 * @param snapshotInterval a host snapshots its application every this many applied entries; 0 never
 * @param snapshotTrailingEntries how many entries before a snapshot stay in the log
 * @param snapshotChunkBytes the InstallSnapshot chunk size (small, so transfers take several
 *     chunks)
 */
public record ClusterSettings(
    int electionTicks,
    int heartbeatTicks,
    boolean preVote,
    boolean checkQuorum,
    int maxEntriesPerAppend,
    int maxInflightAppends,
    int snapshotInterval,
    int snapshotTrailingEntries,
    int snapshotChunkBytes) {

  /**
   * Election after 10 to 20 ticks, heartbeat every 2, snapshots every 40 entries, 256 appends in
   * flight (raft-core's default).
   */
  public static final ClusterSettings DEFAULT =
      new ClusterSettings(10, 2, true, true, 16, 256, 40, 5, 64);

  /**
   * Checks the settings.
   *
   * @throws IllegalArgumentException if a value is out of range
   * @param electionTicks the base election timeout
   * @param heartbeatTicks the heartbeat interval
   * @param preVote whether nodes pre-vote
   * @param checkQuorum whether leaders step down without a live quorum
   * @param maxEntriesPerAppend the most entries per AppendEntries
   * @param maxInflightAppends the most AppendEntries in flight per follower
   * @param snapshotInterval a host snapshots its application every this many applied entries; 0
   *     never
   * @param snapshotTrailingEntries how many entries before a snapshot stay in the log
   * @param snapshotChunkBytes the InstallSnapshot chunk size (small, so transfers take several
   *     chunks)
   */
  public ClusterSettings {
    if (snapshotInterval < 0 || snapshotTrailingEntries < 0) {
      throw new IllegalArgumentException("snapshot settings must not be negative");
    }
  }

  /**
   * Returns the configuration of one node.
   *
   * @param id the node
   * @param membership the initial membership
   * @param seed the node's PRNG seed
   * @return the configuration
   */
  public RaftConfig configFor(NodeId id, Membership membership, long seed) {
    return RaftConfig.builder(id, membership)
        .seed(seed)
        .electionTicks(electionTicks)
        .heartbeatTicks(heartbeatTicks)
        .preVote(preVote)
        .checkQuorum(checkQuorum)
        .maxEntriesPerAppend(maxEntriesPerAppend)
        .maxInflightAppends(maxInflightAppends)
        .snapshotTrailingEntries(snapshotTrailingEntries)
        .snapshotChunkBytes(snapshotChunkBytes)
        .build();
  }
}
