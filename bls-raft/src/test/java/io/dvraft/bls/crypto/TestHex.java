package io.dvraft.bls.crypto;

import java.util.HexFormat;

/** The conformance files' {@code 0x}-prefixed hex. */
final class TestHex {

  private TestHex() {}

  static byte[] decode(String hex) {
    return HexFormat.of().parseHex(hex.startsWith("0x") ? hex.substring(2) : hex);
  }

  static String encode(byte[] bytes) {
    return "0x" + HexFormat.of().formatHex(bytes);
  }
}
