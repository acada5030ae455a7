package io.dvraft.raft.codec;

import java.util.Arrays;

/**
 * Reads the wire primitives from a slice of an array, rejecting anything that is not canonical.
 *
 * <p>Every method checks the remaining input before touching it, and every length or count is
 * checked against the remaining input before anything is allocated for it, so a hostile length
 * field cannot make the decoder allocate more than a small constant factor of the input. Errors
 * carry the offset of the field they concern, counted from the start of the slice.
 */
final class ByteReader {

  private final byte[] buf;
  private final int start;
  private final int limit;
  private int pos;

  ByteReader(byte[] buf, int offset, int length) {
    this.buf = buf;
    this.start = offset;
    this.limit = offset + length;
    this.pos = offset;
  }

  /** Returns the current offset, relative to the start of the slice. */
  int offset() {
    return pos - start;
  }

  int remaining() {
    return limit - pos;
  }

  MalformedMessageException error(int offset, String reason) {
    return new MalformedMessageException(reason, offset);
  }

  private MalformedMessageException truncated(int at, String what) {
    return error(at - start, "truncated input: " + what + " is cut off");
  }

  int readByte(String what) throws MalformedMessageException {
    if (pos >= limit) {
      throw truncated(pos, what);
    }
    return buf[pos++] & 0xFF;
  }

  boolean readBoolean(String what) throws MalformedMessageException {
    int at = pos;
    int b = readByte(what);
    if (b > 1) {
      throw error(at - start, what + ": a boolean must be 0 or 1, got " + b);
    }
    return b == 1;
  }

  /**
   * Reads a canonical unsigned LEB128 varint of up to 64 bits; values of 2^63 and more come back
   * negative (the u64 bit pattern).
   */
  long readVarint(String what) throws MalformedMessageException {
    // One-byte values (0..127) are the common case for terms, flags and short lengths.
    if (pos < limit && buf[pos] >= 0) {
      return buf[pos++];
    }
    int at = pos;
    long result = 0;
    for (int shift = 0; ; shift += 7) {
      if (pos >= limit) {
        throw truncated(at, what);
      }
      int b = buf[pos++] & 0xFF;
      if (shift == 63 && b > 1) {
        // The tenth byte has room for bit 63 only; more, or a continuation, is past 64 bits.
        throw error(at - start, what + ": varint longer than 64 bits");
      }
      result |= (long) (b & 0x7F) << shift;
      if (b < 0x80) {
        if (b == 0 && shift > 0) {
          // A zero last group adds nothing: the same value has a shorter encoding.
          throw error(at - start, what + ": non-canonical varint (overlong encoding)");
        }
        return result;
      }
    }
  }

  /** Reads a varint that must fit a non-negative long (terms, indexes, ids, offsets). */
  long readNonNegative(String what) throws MalformedMessageException {
    int at = pos;
    long v = readVarint(what);
    if (v < 0) {
      throw error(at - start, what + " out of range: 2^63 or more");
    }
    return v;
  }

  /** Reads a varint that must be at least 1 (log entry and snapshot indexes and terms). */
  long readPositive(String what) throws MalformedMessageException {
    int at = pos;
    long v = readNonNegative(what);
    if (v == 0) {
      throw error(at - start, what + " out of range: must be at least 1, got 0");
    }
    return v;
  }

  /**
   * Reads a count of items that each take at least {@code minBytesEach} bytes, refusing any count
   * the remaining input cannot hold, so that sizing an array by it is safe.
   */
  int readCount(String what, int minBytesEach) throws MalformedMessageException {
    int at = pos;
    long n = readVarint(what);
    // Unsigned compare: a "negative" (>= 2^63) count is absurd too.
    if (Long.compareUnsigned(n, (limit - pos) / minBytesEach) > 0) {
      throw error(at - start, what + " count absurd or input truncated: "
          + Long.toUnsignedString(n) + " items of at least " + minBytesEach
          + " bytes cannot fit in the " + (limit - pos) + " bytes left");
    }
    return (int) n;
  }

  /** Reads a length-prefixed byte string into a fresh array. */
  byte[] readBytes(String what) throws MalformedMessageException {
    int at = pos;
    // The length's own varint errors name the field: concatenating "length" here would allocate a
    // string per field on the hot path.
    long n = readVarint(what);
    if (Long.compareUnsigned(n, limit - pos) > 0) {
      throw error(at - start, what + " length absurd or input truncated: "
          + Long.toUnsignedString(n) + " bytes claimed, " + (limit - pos) + " left");
    }
    int from = pos;
    pos += (int) n;
    return Arrays.copyOfRange(buf, from, pos);
  }

  void expectEnd(String what) throws MalformedMessageException {
    if (pos != limit) {
      throw error(pos - start, "trailing bytes: " + (limit - pos) + " after the end of the " + what);
    }
  }
}
