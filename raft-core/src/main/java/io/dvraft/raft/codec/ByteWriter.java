package io.dvraft.raft.codec;

/**
 * Writes the wire primitives into an array that the caller has sized exactly beforehand.
 *
 * <p>There are no bounds checks beyond the JVM's own: {@link RaftCodec} computes the exact size
 * (with {@link #varintSize} and {@link #bytesSize}) before writing, so the write pass is a straight
 * copy. Sizing also validates values, so nothing here can fail on a value.
 */
final class ByteWriter {

  private final byte[] buf;
  private int pos;

  ByteWriter(byte[] buf, int pos) {
    this.buf = buf;
    this.pos = pos;
  }

  int position() {
    return pos;
  }

  void writeByte(int b) {
    buf[pos++] = (byte) b;
  }

  void writeBoolean(boolean b) {
    buf[pos++] = b ? (byte) 1 : (byte) 0;
  }

  /** Writes {@code v} as an unsigned LEB128 varint; a negative long is taken as its u64 value. */
  void writeVarint(long v) {
    while ((v & ~0x7FL) != 0) {
      buf[pos++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    buf[pos++] = (byte) v;
  }

  /** Writes a length-prefixed byte string. */
  void writeBytes(byte[] b) {
    writeVarint(b.length);
    System.arraycopy(b, 0, buf, pos, b.length);
    pos += b.length;
  }

  /** Returns the size of {@code v} as a varint, 1 to 10 bytes (u64 view for negatives). */
  static int varintSize(long v) {
    // Bits needed (at least 1, so 0 takes one byte), seven per byte, rounded up.
    return (70 - Long.numberOfLeadingZeros(v | 1)) / 7;
  }

  /** Returns the size of a length-prefixed byte string. */
  static int bytesSize(byte[] b) {
    return varintSize(b.length) + b.length;
  }
}
