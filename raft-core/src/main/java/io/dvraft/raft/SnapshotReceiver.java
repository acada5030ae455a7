package io.dvraft.raft;

import io.dvraft.raft.internal.GrowableBytes;

/**
 * Reassembles a snapshot a follower receives in chunks. Only the next expected chunk is taken;
 * anything else is answered with the offset it expects, which is how a transfer resumes after a
 * lost or duplicated chunk. A chunk of another snapshot restarts the transfer. Nothing here is
 * persisted: a follower that crashes mid-transfer simply starts over.
 */
final class SnapshotReceiver {

  private SnapshotMetadata receiving;
  private GrowableBytes bytes = new GrowableBytes();

  /**
   * Takes a chunk if it is the next one.
   *
   * @param metadata the snapshot it belongs to
   * @param offset its offset
   * @param chunk its bytes
   * @return the offset expected next (the number of bytes held)
   */
  long accept(SnapshotMetadata metadata, long offset, byte[] chunk) {
    if (!metadata.equals(receiving)) {
      clear();
      if (offset != 0) {
        return 0;
      }
      receiving = metadata;
    }
    if (offset == bytes.size()) {
      bytes.append(chunk);
    }
    return bytes.size();
  }

  /**
   * Returns the reassembled bytes and forgets them.
   *
   * @return the snapshot bytes
   */
  byte[] take() {
    byte[] out = bytes.toArray();
    clear();
    return out;
  }

  /** Forgets any partial transfer. */
  void clear() {
    receiving = null;
    bytes = new GrowableBytes();
  }
}
