package io.dvraft.bls;

import java.util.Arrays;

/** Big-endian writing into a growing array; the counterpart of {@link ByteReader}. */
final class ByteWriter {

  private byte[] buffer;
  private int size;

  ByteWriter(int capacity) {
    this.buffer = new byte[Math.max(16, capacity)];
  }

  ByteWriter u8(int value) {
    ensure(1);
    buffer[size++] = (byte) value;
    return this;
  }

  ByteWriter u16(int value) {
    if (value < 0 || value > 0xffff) {
      throw new IllegalArgumentException("value does not fit 16 bits: " + value);
    }
    ensure(2);
    buffer[size++] = (byte) (value >>> 8);
    buffer[size++] = (byte) value;
    return this;
  }

  ByteWriter u32(long value) {
    if (value < 0 || value > 0xffffffffL) {
      throw new IllegalArgumentException("value does not fit 32 bits: " + value);
    }
    ensure(4);
    for (int shift = 24; shift >= 0; shift -= 8) {
      buffer[size++] = (byte) (value >>> shift);
    }
    return this;
  }

  ByteWriter u63(long value) {
    if (value < 0) {
      throw new IllegalArgumentException("value must not be negative: " + value);
    }
    ensure(8);
    for (int shift = 56; shift >= 0; shift -= 8) {
      buffer[size++] = (byte) (value >>> shift);
    }
    return this;
  }

  ByteWriter bytes(byte[] value) {
    ensure(value.length);
    System.arraycopy(value, 0, buffer, size, value.length);
    size += value.length;
    return this;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buffer, size);
  }

  private void ensure(int more) {
    if (size + more > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
    }
  }
}
