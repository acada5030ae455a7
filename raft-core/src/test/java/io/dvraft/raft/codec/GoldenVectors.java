package io.dvraft.raft.codec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses golden vectors ("name: hex bytes" lines) from the resource file or from the doc. */
final class GoldenVectors {

  static final String RESOURCE = "golden-vectors.txt";

  private static final Pattern LINE =
      Pattern.compile("^([a-z0-9][a-z0-9-]*): ([0-9a-f]{2}(?: [0-9a-f]{2})*)$");

  private GoldenVectors() {}

  /** Returns the vectors of the test resource, in file order. */
  static Map<String, byte[]> fromResource() {
    try (InputStream in = GoldenVectors.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Parses every vector line of a text. In strict mode every line must be a comment, blank or a
   * vector; otherwise (a markdown doc) other lines are skipped.
   */
  static Map<String, byte[]> parse(String text, boolean strict) {
    Map<String, byte[]> vectors = new LinkedHashMap<>();
    for (String line : text.split("\r?\n")) {
      Matcher m = LINE.matcher(line.strip());
      if (m.matches()) {
        byte[] bytes = HexFormat.of().parseHex(m.group(2).replace(" ", ""));
        if (vectors.put(m.group(1), bytes) != null) {
          throw new IllegalStateException("duplicate golden vector " + m.group(1));
        }
      } else if (strict && !line.isBlank() && !line.startsWith("#")) {
        throw new IllegalStateException("not a golden vector line: " + line);
      }
    }
    return vectors;
  }

  static String hex(byte[] bytes) {
    return HexFormat.ofDelimiter(" ").formatHex(bytes);
  }
}
