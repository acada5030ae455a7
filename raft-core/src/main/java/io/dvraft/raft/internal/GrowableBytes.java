package io.dvraft.raft.internal;

import java.util.Arrays;

/**
 * A growable byte array, for reassembling snapshot chunks without java.io.
 */
public final class GrowableBytes {

  private byte[] bytes = new byte[0];
  private int size;

  /**
   * Appends bytes.
   *
   * @param chunk the bytes to append
   */
  public void append(byte[] chunk) {
    if (size + chunk.length > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(size + chunk.length, bytes.length * 2));
    }
    System.arraycopy(chunk, 0, bytes, size, chunk.length);
    size += chunk.length;
  }

  /**
   * Returns the number of bytes held.
   *
   * @return the size
   */
  public int size() {
    return size;
  }

  /**
   * Returns a copy of the bytes held.
   *
   * @return the bytes
   */
  public byte[] toArray() {
    return Arrays.copyOf(bytes, size);
  }
}
