package io.dvraft.bls;

import io.dvraft.bls.crypto.ThresholdScheme;
import io.dvraft.raft.RaftConfig;
import java.util.Objects;

/**
 * The settings of one BLS-Raft node.
 *
 * @param raft the inner Raft node's settings
 * @param scheme the threshold scheme ({@code BlstThresholdScheme} for real keys); thread-safe, so
 *     one instance may serve every node of a process
 * @param maxSharesPerResponse the most share items one AppendEntriesResponse carries; the lowest
 *     entries not yet sent go first and the rest follow on later responses
 * @param preparedCacheSize how many prepared signing roots (hash-to-curve points) to keep
 */
public record BlsConfig(
    RaftConfig raft, ThresholdScheme scheme, int maxSharesPerResponse, int preparedCacheSize) {

  /** The default for {@link #maxSharesPerResponse}. */
  public static final int DEFAULT_MAX_SHARES_PER_RESPONSE = 128;

  /** The default for {@link #preparedCacheSize}. */
  public static final int DEFAULT_PREPARED_CACHE_SIZE = 4096;

  /**
   * Checks the settings.
   *
   * @param raft the inner Raft node's settings
   * @param scheme the threshold scheme ({@code BlstThresholdScheme} for real keys); thread-safe, so
   *     one instance may serve every node of a process
   * @param maxSharesPerResponse the most share items one AppendEntriesResponse carries; the lowest
   *     entries not yet sent go first and the rest follow on later responses
   * @param preparedCacheSize how many prepared signing roots (hash-to-curve points) to keep
   * @throws IllegalArgumentException if a bound is out of range
   */
  public BlsConfig {
    Objects.requireNonNull(raft, "raft");
    Objects.requireNonNull(scheme, "scheme");
    if (maxSharesPerResponse < 1 || maxSharesPerResponse > ExtensionCodec.MAX_ITEMS) {
      throw new IllegalArgumentException(
          "maxSharesPerResponse must be in [1, " + ExtensionCodec.MAX_ITEMS + "]");
    }
    if (preparedCacheSize < 1) {
      throw new IllegalArgumentException("preparedCacheSize must be at least 1");
    }
  }

  /**
   * Returns settings with the defaults.
   *
   * @param raft the inner Raft node's settings
   * @param scheme the threshold scheme
   * @return the settings
   */
  public static BlsConfig of(RaftConfig raft, ThresholdScheme scheme) {
    return new BlsConfig(
        raft, scheme, DEFAULT_MAX_SHARES_PER_RESPONSE, DEFAULT_PREPARED_CACHE_SIZE);
  }

  /**
   * Returns these settings with another share bound.
   *
   * @param value the most share items per response
   * @return the new settings
   */
  public BlsConfig withMaxSharesPerResponse(int value) {
    return new BlsConfig(raft, scheme, value, preparedCacheSize);
  }
}
