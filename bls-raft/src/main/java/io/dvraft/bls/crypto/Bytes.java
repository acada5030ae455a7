package io.dvraft.bls.crypto;

import java.util.HexFormat;

/** Byte-array checks and short renderings shared by the value types. */
final class Bytes {

  // Enough to tell keys and signatures apart in a log without a 192-character line.
  private static final int SHOWN = 8;

  private Bytes() {}

  static byte[] copyOfLength(byte[] bytes, int length, String what) {
    if (bytes == null) {
      throw new InvalidKeyMaterialException(what + " is missing");
    }
    if (bytes.length != length) {
      throw new InvalidKeyMaterialException(
          what + " must be " + length + " bytes, got " + bytes.length);
    }
    return bytes.clone();
  }

  static String shortHex(byte[] bytes) {
    int shown = Math.min(SHOWN, bytes.length);
    String hex = HexFormat.of().formatHex(bytes, 0, shown);
    return shown < bytes.length ? hex + "..." : hex;
  }
}
