package io.dvraft.bls;

import java.util.Arrays;

/**
 * Strict big-endian reading of untrusted bytes: every read checks that the bytes are there, so that
 * no length field can make a decoder read past the end or allocate more than it was given.
 */
final class ByteReader {

  private final byte[] data;
  private int position;

  ByteReader(byte[] data) {
    this.data = data;
  }

  int remaining() {
    return data.length - position;
  }

  int u8(String what) throws MalformedBlsDataException {
    need(1, what);
    return data[position++] & 0xff;
  }

  int u16(String what) throws MalformedBlsDataException {
    need(2, what);
    int value = ((data[position] & 0xff) << 8) | (data[position + 1] & 0xff);
    position += 2;
    return value;
  }

  long u32(String what) throws MalformedBlsDataException {
    need(4, what);
    long value = 0;
    for (int i = 0; i < 4; i++) {
      value = (value << 8) | (data[position + i] & 0xff);
    }
    position += 4;
    return value;
  }

  /** A signed 64-bit value that must not be negative (indexes, terms, ids). */
  long u63(String what) throws MalformedBlsDataException {
    need(8, what);
    long value = 0;
    for (int i = 0; i < 8; i++) {
      value = (value << 8) | (data[position + i] & 0xff);
    }
    position += 8;
    if (value < 0) {
      throw new MalformedBlsDataException(what + " is negative");
    }
    return value;
  }

  byte[] bytes(long length, String what) throws MalformedBlsDataException {
    if (length < 0 || length > remaining()) {
      throw new MalformedBlsDataException(
          "truncated at "
              + what
              + ": needs "
              + length
              + " bytes but only "
              + remaining()
              + " remain");
    }
    byte[] out = Arrays.copyOfRange(data, position, position + (int) length);
    position += (int) length;
    return out;
  }

  byte[] rest() {
    byte[] out = Arrays.copyOfRange(data, position, data.length);
    position = data.length;
    return out;
  }

  void end(String what) throws MalformedBlsDataException {
    if (remaining() != 0) {
      throw new MalformedBlsDataException(remaining() + " trailing bytes after " + what);
    }
  }

  private void need(int count, String what) throws MalformedBlsDataException {
    if (remaining() < count) {
      throw new MalformedBlsDataException("truncated at " + what);
    }
  }
}
