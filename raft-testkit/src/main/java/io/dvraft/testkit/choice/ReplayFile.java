package io.dvraft.testkit.choice;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A saved run: the scenario's parameters and the choice sequence that reproduces it.
 *
 * <p>The text format, version 1 (UTF-8):
 *
 * <pre>
 * dvraft-replay v1
 * # lines starting with '#', and blank lines, are ignored after the first line
 * seed=42
 * description=3 nodes, partition at tick 40\nshrunk from 912 choices
 * choices 5
 * 3 7 0 12
 * 1
 * </pre>
 *
 * <ul>
 *   <li>The first line is exactly {@code dvraft-replay v1}.
 *   <li>Then header lines {@code key=value}, in the order given; keys are unique and made of
 *       letters, digits, {@code .}, {@code _} and {@code -}; values are opaque strings to the file
 *       (the scenario interprets them), with {@code \\}, {@code \n} and {@code \r} escaping a
 *       backslash and line breaks.
 *   <li>Then {@code choices N}, followed by exactly N signed decimal 64-bit numbers separated by
 *       spaces or line breaks, and nothing else.
 * </ul>
 *
 * @param headers the scenario parameters, in file order
 * @param choices the choice sequence, for {@link ChoiceSource#replay}
 */
public record ReplayFile(Map<String, String> headers, long[] choices) {

  /** The first line of every version-1 replay file. */
  public static final String MAGIC = "dvraft-replay v1";

  private static final String MAGIC_PREFIX = "dvraft-replay ";
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._-]+");
  private static final int NUMBERS_PER_LINE = 20;

  /**
   * Checks and copies the parts, keeping the header order.
   *
   * @param headers the scenario parameters, in file order
   * @param choices the choice sequence
   * @throws IllegalArgumentException if a header key is not made of letters, digits, '.', '_' and
   *     '-'
   * @throws NullPointerException if a part, key or value is null
   */
  public ReplayFile {
    Map<String, String> copy = new LinkedHashMap<>();
    for (Map.Entry<String, String> header : headers.entrySet()) {
      String key = Objects.requireNonNull(header.getKey(), "header key");
      if (!KEY.matcher(key).matches()) {
        throw new IllegalArgumentException("bad header key '" + key + "'");
      }
      copy.put(key, Objects.requireNonNull(header.getValue(), "value of header " + key));
    }
    headers = Collections.unmodifiableMap(copy);
    choices = choices.clone();
  }

  /**
   * Returns a header's value.
   *
   * @param key the header key
   * @return its value, or empty if the file has no such header
   */
  public Optional<String> header(String key) {
    return Optional.ofNullable(headers.get(key));
  }

  /**
   * Returns a copy of the choice sequence.
   *
   * @return the choices
   */
  @Override
  public long[] choices() {
    return choices.clone();
  }

  /**
   * Renders the file in the version-1 text format.
   *
   * @return the text, ending with a line break
   */
  public String toText() {
    StringBuilder text = new StringBuilder(MAGIC).append('\n');
    headers.forEach(
        (key, value) -> text.append(key).append('=').append(escape(value)).append('\n'));
    text.append("choices ").append(choices.length).append('\n');
    for (int i = 0; i < choices.length; i++) {
      text.append(choices[i]);
      boolean endOfLine = (i + 1) % NUMBERS_PER_LINE == 0 || i == choices.length - 1;
      text.append(endOfLine ? '\n' : ' ');
    }
    return text.toString();
  }

  /**
   * Writes the file, replacing any existing one.
   *
   * @param path where to write
   * @throws IOException if writing fails
   */
  public void write(Path path) throws IOException {
    Files.writeString(path, toText(), StandardCharsets.UTF_8);
  }

  /**
   * Parses the version-1 text format.
   *
   * @param text the text
   * @return the replay file
   * @throws ReplayFormatException if the text is not a valid version-1 replay file
   */
  public static ReplayFile parse(String text) {
    return parse(text, "replay text");
  }

  /**
   * Reads a replay file.
   *
   * @param path the file
   * @return the replay file
   * @throws IOException if reading fails
   * @throws ReplayFormatException if the file is not a valid version-1 replay file
   */
  public static ReplayFile read(Path path) throws IOException {
    return parse(Files.readString(path, StandardCharsets.UTF_8), path.toString());
  }

  private static ReplayFile parse(String text, String source) {
    List<String> lines = text.lines().toList();
    if (lines.isEmpty()) {
      throw new ReplayFormatException(
          source, 0, "empty; a replay file starts with '" + MAGIC + "'");
    }
    String first = lines.get(0);
    if (!first.equals(MAGIC)) {
      if (first.startsWith(MAGIC_PREFIX)) {
        throw new ReplayFormatException(
            source,
            1,
            "unsupported version '"
                + first.substring(MAGIC_PREFIX.length())
                + "'; this reader supports v1");
      }
      throw new ReplayFormatException(
          source,
          1,
          "not a replay file: the first line must be '" + MAGIC + "', got '" + first + "'");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    int i = 1;
    for (; i < lines.size(); i++) {
      String line = lines.get(i);
      if (ignorable(line)) {
        continue;
      }
      if (line.startsWith("choices ")) {
        break;
      }
      int eq = line.indexOf('=');
      String key = eq < 0 ? "" : line.substring(0, eq);
      if (!KEY.matcher(key).matches()) {
        throw new ReplayFormatException(
            source,
            i + 1,
            "expected a 'key=value' header or 'choices <count>', got '" + line + "'");
      }
      if (headers.containsKey(key)) {
        throw new ReplayFormatException(source, i + 1, "duplicate header '" + key + "'");
      }
      headers.put(key, unescape(line.substring(eq + 1), source, i + 1));
    }
    if (i == lines.size()) {
      throw new ReplayFormatException(source, 0, "missing the 'choices <count>' line");
    }
    int count = parseCount(lines.get(i), source, i + 1);
    long[] choices = new long[count];
    int filled = 0;
    for (i++; i < lines.size(); i++) {
      String line = lines.get(i);
      if (ignorable(line)) {
        continue;
      }
      for (String token : line.trim().split("\\s+")) {
        if (filled == count) {
          throw new ReplayFormatException(
              source, i + 1, "more choices than the " + count + " announced");
        }
        try {
          choices[filled++] = Long.parseLong(token);
        } catch (NumberFormatException e) {
          throw new ReplayFormatException(
              source, i + 1, "choice '" + token + "' is not a signed 64-bit decimal number");
        }
      }
    }
    if (filled != count) {
      throw new ReplayFormatException(
          source, 0, "announced " + count + " choices but found " + filled + " (truncated file?)");
    }
    return new ReplayFile(headers, choices);
  }

  private static int parseCount(String line, String source, int lineNumber) {
    String count = line.substring("choices ".length()).trim();
    try {
      int value = Integer.parseInt(count);
      if (value >= 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ReplayFormatException(
        source, lineNumber, "choice count '" + count + "' is not a non-negative integer");
  }

  private static boolean ignorable(String line) {
    return line.isBlank() || line.startsWith("#");
  }

  private static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
  }

  private static String unescape(String value, String source, int lineNumber) {
    StringBuilder out = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char next = i + 1 < value.length() ? value.charAt(++i) : ' ';
      switch (next) {
        case '\\' -> out.append('\\');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        default ->
            throw new ReplayFormatException(
                source,
                lineNumber,
                "bad escape in header value; only \\\\, \\n and \\r are allowed");
      }
    }
    return out.toString();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ReplayFile that
        && headers.equals(that.headers)
        && Arrays.equals(choices, that.choices);
  }

  @Override
  public int hashCode() {
    return 31 * headers.hashCode() + Arrays.hashCode(choices);
  }

  @Override
  public String toString() {
    return "ReplayFile" + headers + " with " + choices.length + " choices";
  }
}
