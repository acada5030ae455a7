package io.dvraft.bls.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;

/** Deterministic keys and messages for the crypto tests. */
final class Fixtures {

  private Fixtures() {}

  static DeterministicRandom random(int seed) {
    byte[] bytes = new byte[DeterministicRandom.SEED_LENGTH];
    Arrays.fill(bytes, (byte) seed);
    return DeterministicRandom.fromSeed(bytes);
  }

  /** A valid group secret (well below r) derived from a small number. */
  static byte[] secret(int seed) {
    byte[] secret = new byte[SecretShare.LENGTH];
    Arrays.fill(secret, 1, secret.length, (byte) (seed * 37 + 11));
    secret[0] = 0x1a;
    return secret;
  }

  static byte[] root(String label) {
    byte[] root = new byte[32];
    byte[] text = label.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(text, 0, root, 0, Math.min(text.length, root.length));
    return root;
  }

  static List<ShareIndex> indexes(long... values) {
    return LongStream.of(values).mapToObj(ShareIndex::of).toList();
  }

  static List<ShareIndex> oneTo(int n) {
    return LongStream.rangeClosed(1, n).mapToObj(ShareIndex::of).toList();
  }
}
