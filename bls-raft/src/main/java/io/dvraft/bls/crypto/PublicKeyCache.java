package io.dvraft.bls.crypto;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import supranational.blst.P1_Affine;

/**
 * Decoded, subgroup-checked public keys, so that a key is checked once (when it is imported or
 * first used) rather than on every verification. Bounded, least recently used first out, because
 * keys come and go at run time with the validators a cluster runs.
 *
 * <p>Only valid keys are stored. Cached points are never mutated (jblst's mutators are only ever
 * called on copies), so handing the same instance to several threads is safe.
 */
final class PublicKeyCache {

  private final Map<ByteBuffer, P1_Affine> points;

  PublicKeyCache(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("cache capacity must be at least 1, got " + capacity);
    }
    this.points = new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<ByteBuffer, P1_Affine> eldest) {
        return size() > capacity;
      }
    };
  }

  /**
   * Returns the checked point for {@code bytes}, decoding and checking it on a miss.
   *
   * @throws InvalidKeyMaterialException if the bytes are not a valid public key
   */
  P1_Affine get(byte[] bytes, String what) {
    ByteBuffer key = ByteBuffer.wrap(bytes.clone());
    synchronized (points) {
      P1_Affine cached = points.get(key);
      if (cached != null) {
        return cached;
      }
    }
    // Decode outside the lock: it costs tens of microseconds and other threads may hit meanwhile.
    P1_Affine point = BlstPoints.publicKey(bytes, what);
    synchronized (points) {
      points.put(key, point);
    }
    return point;
  }

  /** Stores a point the caller computed itself and so knows to be valid. */
  void put(byte[] bytes, P1_Affine point) {
    synchronized (points) {
      points.put(ByteBuffer.wrap(bytes.clone()), point);
    }
  }

  int size() {
    synchronized (points) {
      return points.size();
    }
  }
}
