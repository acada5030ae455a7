package io.dvraft.bls;

import io.dvraft.bls.crypto.PreparedMessage;
import io.dvraft.bls.crypto.ThresholdScheme;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Prepared signing roots (for BLS, their hash-to-curve points, the costliest part of signing), kept
 * so that the leader's signing at propose, its verification after recombination and any share check
 * all hash a root once. Least recently used out first.
 */
final class PreparedMessages {

  private final ThresholdScheme scheme;
  private final Map<ByteBuffer, PreparedMessage> cache;

  PreparedMessages(ThresholdScheme scheme, int capacity) {
    this.scheme = scheme;
    this.cache =
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<ByteBuffer, PreparedMessage> eldest) {
            return size() > capacity;
          }
        };
  }

  PreparedMessage get(byte[] root) {
    ByteBuffer key = ByteBuffer.wrap(root);
    PreparedMessage prepared = cache.get(key);
    if (prepared == null) {
      prepared = scheme.prepare(root);
      cache.put(ByteBuffer.wrap(root.clone()), prepared);
    }
    return prepared;
  }
}
