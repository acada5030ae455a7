package io.dvraft.bls.crypto;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.random.RandomGenerator;

/**
 * A random generator expanded from a 32-byte seed with SHA-256 in counter mode: the same seed
 * always gives the same stream, so dealing from a seed is reproducible.
 *
 * <p>For tests, simulations and devnets. Its output is as secret as its seed and no more; keys that
 * guard real funds must be dealt from a {@link java.security.SecureRandom}. Not thread-safe.
 */
public final class DeterministicRandom implements RandomGenerator {

  /** Bytes of a seed. */
  public static final int SEED_LENGTH = 32;

  private static final byte[] DOMAIN = "dvraft-deterministic-random-v1".getBytes(
      java.nio.charset.StandardCharsets.US_ASCII);

  private final byte[] seed;
  private final MessageDigest sha256;
  private final ByteBuffer block = ByteBuffer.allocate(32);
  private long counter;

  private DeterministicRandom(byte[] seed) {
    this.seed = seed;
    try {
      this.sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
    block.position(block.limit());
  }

  /**
   * Returns a generator for the given seed.
   *
   * @param seed 32 bytes; copied
   * @return a generator at the start of the seed's stream
   * @throws IllegalArgumentException if the seed is not 32 bytes
   */
  public static DeterministicRandom fromSeed(byte[] seed) {
    if (seed == null || seed.length != SEED_LENGTH) {
      throw new IllegalArgumentException(
          "seed must be " + SEED_LENGTH + " bytes, got " + (seed == null ? "none" : seed.length));
    }
    return new DeterministicRandom(seed.clone());
  }

  /**
   * Returns the next 64 bits of the stream.
   *
   * @return the next value
   */
  @Override
  public long nextLong() {
    if (block.remaining() < Long.BYTES) {
      sha256.update(DOMAIN);
      sha256.update(seed);
      sha256.update(ByteBuffer.allocate(Long.BYTES).putLong(0, counter++));
      block.clear();
      block.put(sha256.digest());
      block.flip();
    }
    return block.getLong();
  }
}
