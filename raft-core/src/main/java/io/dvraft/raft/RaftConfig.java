package io.dvraft.raft;

import java.util.Objects;

/**
 * The settings of one node. Build one with {@link #builder(NodeId, Membership)}; every setting
 * has a default that suits a small cluster on a LAN driven at one tick per 100 ms or so.
 *
 * @param id this node
 * @param membership the configuration the cluster starts with (used when the persisted state holds
 *     no snapshot and no membership entry); a node joining an existing cluster passes the
 *     configuration it is being added to
 * @param seed the seed of the pseudo-random generator that draws election timeouts; give each
 *     node a different one
 * @param electionTicks the base election timeout in ticks; a follower times out after a random
 *     number of ticks in [electionTicks, 2 * electionTicks)
 * @param heartbeatTicks the leader's heartbeat interval in ticks; less than {@code electionTicks}
 * @param preVote whether to run a pre-vote before each election (thesis 9.6), so that a node
 *     rejoining after a partition does not disrupt a healthy leader
 * @param checkQuorum whether a leader steps down when it has not heard from a quorum within an
 *     election timeout
 * @param maxEntriesPerAppend the most entries one AppendEntries carries
 * @param maxBytesPerAppend the most payload bytes one AppendEntries carries (at least one entry is
 *     always sent)
 * @param maxInflightAppends the most AppendEntries in flight to one follower in the replicate state
 * @param maxUncommittedBytes the most payload bytes the leader holds uncommitted before refusing
 *     proposals
 * @param maxCommandBytes the largest command accepted by {@code propose}
 * @param snapshotTrailingEntries how many entries before a snapshot's index are kept in the log,
 *     so slightly lagging followers catch up from the log rather than by snapshot
 * @param snapshotChunkBytes the size of the chunks InstallSnapshot sends
 * @param readMode how linearizable reads confirm leadership
 * @param leaseTicks for {@link ReadMode#LEASE}: how long a quorum acknowledgement keeps the lease;
 *     must be less than {@code electionTicks}
 */
public record RaftConfig(
    NodeId id,
    Membership membership,
    long seed,
    int electionTicks,
    int heartbeatTicks,
    boolean preVote,
    boolean checkQuorum,
    int maxEntriesPerAppend,
    long maxBytesPerAppend,
    int maxInflightAppends,
    long maxUncommittedBytes,
    int maxCommandBytes,
    long snapshotTrailingEntries,
    int snapshotChunkBytes,
    ReadMode readMode,
    int leaseTicks) {

  /**
   * Checks the settings.
   *
   * @param id this node
   * @param membership the configuration the cluster starts with (used when the persisted state
   *     holds no snapshot and no membership entry); a node joining an existing cluster passes the
   *     configuration it is being added to
   * @param seed the seed of the pseudo-random generator that draws election timeouts; give each
   *     node a different one
   * @param electionTicks the base election timeout in ticks; a follower times out after a random
   *     number of ticks in [electionTicks, 2 * electionTicks)
   * @param heartbeatTicks the leader's heartbeat interval in ticks; less than {@code electionTicks}
   * @param preVote whether to run a pre-vote before each election (thesis 9.6), so that a node
   *     rejoining after a partition does not disrupt a healthy leader
   * @param checkQuorum whether a leader steps down when it has not heard from a quorum within an
   *     election timeout
   * @param maxEntriesPerAppend the most entries one AppendEntries carries
   * @param maxBytesPerAppend the most payload bytes one AppendEntries carries (at least one entry
   *     is always sent)
   * @param maxInflightAppends the most AppendEntries in flight to one follower in the replicate
   *     state
   * @param maxUncommittedBytes the most payload bytes the leader holds uncommitted before refusing
   *     proposals
   * @param maxCommandBytes the largest command accepted by {@code propose}
   * @param snapshotTrailingEntries how many entries before a snapshot's index are kept in the log,
   *     so slightly lagging followers catch up from the log rather than by snapshot
   * @param snapshotChunkBytes the size of the chunks InstallSnapshot sends
   * @param readMode how linearizable reads confirm leadership
   * @param leaseTicks for {@link ReadMode#LEASE}: how long a quorum acknowledgement keeps the
   *     lease; must be less than {@code electionTicks}
   * @throws IllegalArgumentException if a setting is out of range or they contradict each other
   */
  public RaftConfig {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(membership, "membership");
    Objects.requireNonNull(readMode, "readMode");
    require(heartbeatTicks >= 1, "heartbeatTicks must be at least 1");
    require(electionTicks > heartbeatTicks, "electionTicks must be greater than heartbeatTicks");
    require(maxEntriesPerAppend >= 1, "maxEntriesPerAppend must be at least 1");
    require(maxBytesPerAppend >= 1, "maxBytesPerAppend must be at least 1");
    require(maxInflightAppends >= 1, "maxInflightAppends must be at least 1");
    require(maxUncommittedBytes >= 1, "maxUncommittedBytes must be at least 1");
    require(maxCommandBytes >= 0, "maxCommandBytes must not be negative");
    require(snapshotTrailingEntries >= 0, "snapshotTrailingEntries must not be negative");
    require(snapshotChunkBytes >= 1, "snapshotChunkBytes must be at least 1");
    require(
        readMode != ReadMode.LEASE || checkQuorum,
        "lease reads need checkQuorum: without it a deposed leader could keep serving reads");
    require(
        leaseTicks >= 1 && leaseTicks < electionTicks,
        "leaseTicks must be in [1, electionTicks)");
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }

  /**
   * Starts a builder with the defaults.
   *
   * @param id this node
   * @param membership the initial configuration
   * @return the builder
   */
  public static Builder builder(NodeId id, Membership membership) {
    return new Builder(id, membership);
  }

  /**
   * Returns a builder holding these settings, to derive a variant.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    return new Builder(id, membership)
        .seed(seed)
        .electionTicks(electionTicks)
        .heartbeatTicks(heartbeatTicks)
        .preVote(preVote)
        .checkQuorum(checkQuorum)
        .maxEntriesPerAppend(maxEntriesPerAppend)
        .maxBytesPerAppend(maxBytesPerAppend)
        .maxInflightAppends(maxInflightAppends)
        .maxUncommittedBytes(maxUncommittedBytes)
        .maxCommandBytes(maxCommandBytes)
        .snapshotTrailingEntries(snapshotTrailingEntries)
        .snapshotChunkBytes(snapshotChunkBytes)
        .readMode(readMode)
        .leaseTicks(leaseTicks);
  }

  /** Builds a {@link RaftConfig}; every setter returns the builder. */
  public static final class Builder {
    private final NodeId id;
    private final Membership membership;
    private long seed;
    private int electionTicks = 10;
    private int heartbeatTicks = 1;
    private boolean preVote = true;
    private boolean checkQuorum = true;
    private int maxEntriesPerAppend = 512;
    private long maxBytesPerAppend = 1 << 20;
    private int maxInflightAppends = 256;
    private long maxUncommittedBytes = 64L << 20;
    private int maxCommandBytes = 1 << 20;
    private long snapshotTrailingEntries = 1_000;
    private int snapshotChunkBytes = 1 << 20;
    private ReadMode readMode = ReadMode.READ_INDEX;
    private int leaseTicks = -1;

    private Builder(NodeId id, Membership membership) {
      this.id = id;
      this.membership = membership;
      this.seed = id.value();
    }

    /**
     * Sets the PRNG seed (default: the node id's value).
     *
     * @param value the seed
     * @return this builder
     */
    public Builder seed(long value) {
      this.seed = value;
      return this;
    }

    /**
     * Sets the base election timeout in ticks (default 10).
     *
     * @param value ticks
     * @return this builder
     */
    public Builder electionTicks(int value) {
      this.electionTicks = value;
      return this;
    }

    /**
     * Sets the heartbeat interval in ticks (default 1).
     *
     * @param value ticks
     * @return this builder
     */
    public Builder heartbeatTicks(int value) {
      this.heartbeatTicks = value;
      return this;
    }

    /**
     * Turns pre-vote on or off (default on).
     *
     * @param value whether to pre-vote
     * @return this builder
     */
    public Builder preVote(boolean value) {
      this.preVote = value;
      return this;
    }

    /**
     * Turns check-quorum on or off (default on).
     *
     * @param value whether leaders check their quorum
     * @return this builder
     */
    public Builder checkQuorum(boolean value) {
      this.checkQuorum = value;
      return this;
    }

    /**
     * Sets the most entries per AppendEntries (default 512).
     *
     * @param value entries
     * @return this builder
     */
    public Builder maxEntriesPerAppend(int value) {
      this.maxEntriesPerAppend = value;
      return this;
    }

    /**
     * Sets the most payload bytes per AppendEntries (default 1 MiB).
     *
     * @param value bytes
     * @return this builder
     */
    public Builder maxBytesPerAppend(long value) {
      this.maxBytesPerAppend = value;
      return this;
    }

    /**
     * Sets the most AppendEntries in flight per follower (default 256).
     *
     * @param value messages
     * @return this builder
     */
    public Builder maxInflightAppends(int value) {
      this.maxInflightAppends = value;
      return this;
    }

    /**
     * Sets the uncommitted-bytes limit (default 64 MiB).
     *
     * @param value bytes
     * @return this builder
     */
    public Builder maxUncommittedBytes(long value) {
      this.maxUncommittedBytes = value;
      return this;
    }

    /**
     * Sets the largest accepted command (default 1 MiB).
     *
     * @param value bytes
     * @return this builder
     */
    public Builder maxCommandBytes(int value) {
      this.maxCommandBytes = value;
      return this;
    }

    /**
     * Sets how many entries before a snapshot stay in the log (default 1000).
     *
     * @param value entries
     * @return this builder
     */
    public Builder snapshotTrailingEntries(long value) {
      this.snapshotTrailingEntries = value;
      return this;
    }

    /**
     * Sets the InstallSnapshot chunk size (default 1 MiB).
     *
     * @param value bytes
     * @return this builder
     */
    public Builder snapshotChunkBytes(int value) {
      this.snapshotChunkBytes = value;
      return this;
    }

    /**
     * Sets the read mode (default {@link ReadMode#READ_INDEX}).
     *
     * @param value the mode
     * @return this builder
     */
    public Builder readMode(ReadMode value) {
      this.readMode = value;
      return this;
    }

    /**
     * Sets the lease length for lease reads (default: four fifths of the election timeout,
     * rounded down, at least 1).
     *
     * @param value ticks
     * @return this builder
     */
    public Builder leaseTicks(int value) {
      this.leaseTicks = value;
      return this;
    }

    /**
     * Builds the configuration.
     *
     * @return the checked configuration
     * @throws IllegalArgumentException if a setting is invalid
     */
    public RaftConfig build() {
      int lease = leaseTicks > 0 ? leaseTicks : Math.max(1, electionTicks * 4 / 5);
      return new RaftConfig(
          id, membership, seed, electionTicks, heartbeatTicks, preVote, checkQuorum,
          maxEntriesPerAppend, maxBytesPerAppend, maxInflightAppends, maxUncommittedBytes,
          maxCommandBytes, snapshotTrailingEntries, snapshotChunkBytes, readMode, lease);
    }
  }
}
