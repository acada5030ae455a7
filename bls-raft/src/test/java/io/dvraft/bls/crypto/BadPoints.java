package io.dvraft.bls.crypto;

import java.math.BigInteger;
import supranational.blst.P1_Affine;
import supranational.blst.P2_Affine;

/**
 * Encodings that decode to curve points outside the prime-order subgroups: the inputs a subgroup
 * check exists for. Found by trying small x coordinates until one is on the curve; almost every
 * curve point lies outside the subgroup, which the tests assert rather than assume.
 */
final class BadPoints {

  private static final int COMPRESSED = 0x80;

  private BadPoints() {}

  static byte[] g1NotInSubgroup() {
    for (int x = 1; ; x++) {
      byte[] bytes = fieldElement(x);
      bytes[0] |= (byte) COMPRESSED;
      try {
        P1_Affine point = new P1_Affine(bytes);
        if (!point.in_group()) {
          return bytes;
        }
      } catch (RuntimeException notOnCurve) {
        // try the next x
      }
    }
  }

  static byte[] g2NotInSubgroup() {
    for (int x = 1; ; x++) {
      byte[] bytes = new byte[96];
      // Compressed G2 is x.c1 || x.c0; take x = x + 0*i.
      System.arraycopy(fieldElement(x), 0, bytes, 48, 48);
      bytes[0] |= (byte) COMPRESSED;
      try {
        P2_Affine point = new P2_Affine(bytes);
        if (!point.in_group()) {
          return bytes;
        }
      } catch (RuntimeException notOnCurve) {
        // try the next x
      }
    }
  }

  static byte[] g1Infinity() {
    byte[] bytes = new byte[48];
    bytes[0] = (byte) 0xc0;
    return bytes;
  }

  static byte[] g2Infinity() {
    byte[] bytes = new byte[96];
    bytes[0] = (byte) 0xc0;
    return bytes;
  }

  private static byte[] fieldElement(int x) {
    byte[] raw = BigInteger.valueOf(x).toByteArray();
    byte[] out = new byte[48];
    System.arraycopy(raw, 0, out, 48 - raw.length, raw.length);
    return out;
  }
}
