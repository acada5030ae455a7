package io.dvraft.testkit.choice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The replay file's text format. */
class ReplayFileTest {

  private static final ReplayFile EXAMPLE =
      new ReplayFile(
          headers("seed", "42", "description", "3 nodes, partition"), new long[] {3, 7, 0, 12, 1});

  private static Map<String, String> headers(String... keysAndValues) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  @Test
  void theTextIsTheDocumentedFormat() {
    assertThat(EXAMPLE.toText())
        .isEqualTo(
            "dvraft-replay v1\n"
                + "seed=42\n"
                + "description=3 nodes, partition\n"
                + "choices 5\n"
                + "3 7 0 12 1\n");
  }

  @Test
  void aReplayFileRoundTripsThroughText() {
    ReplayFile parsed = ReplayFile.parse(EXAMPLE.toText());

    assertThat(parsed).isEqualTo(EXAMPLE);
    assertThat(parsed.header("seed")).contains("42");
    assertThat(parsed.headers().keySet()).containsExactly("seed", "description");
  }

  @Test
  void aReplayFileRoundTripsThroughAFile(@TempDir Path dir) throws IOException {
    Path path = dir.resolve("failure.replay");

    EXAMPLE.write(path);

    assertThat(ReplayFile.read(path)).isEqualTo(EXAMPLE);
  }

  @Test
  void longSequencesAndExtremeValuesRoundTrip() {
    long[] choices = new long[1000];
    for (int i = 0; i < choices.length; i++) {
      choices[i] = i * 7919L;
    }
    choices[0] = Long.MIN_VALUE;
    choices[1] = Long.MAX_VALUE;
    choices[2] = -1;
    ReplayFile file = new ReplayFile(Map.of(), choices);

    assertThat(ReplayFile.parse(file.toText()).choices()).containsExactly(choices);
  }

  @Test
  void anEmptyChoiceSequenceRoundTrips() {
    ReplayFile file = new ReplayFile(headers("seed", "1"), new long[0]);

    assertThat(ReplayFile.parse(file.toText())).isEqualTo(file);
  }

  @Test
  void headerValuesAreOpaqueEvenWithLineBreaksBackslashesAndEqualsSigns() {
    String value = "line one\nline two\r\\n is not a break = fine";
    ReplayFile file = new ReplayFile(headers("description", value), new long[] {1});

    assertThat(ReplayFile.parse(file.toText()).header("description")).contains(value);
  }

  @Test
  void commentsAndBlankLinesAfterTheFirstLineAreIgnored() {
    String text =
        "dvraft-replay v1\n# saved by a test\n\nseed=42\r\n# the choices:\nchoices 3\n1 2\n\n3\n";

    ReplayFile file = ReplayFile.parse(text);

    assertThat(file.headers()).isEqualTo(Map.of("seed", "42"));
    assertThat(file.choices()).containsExactly(1, 2, 3);
  }

  @Test
  void aHeaderKeyOutsideTheAllowedCharactersIsRejectedWhenBuilding() {
    assertThatThrownBy(() -> new ReplayFile(headers("a key", "v"), new long[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad header key 'a key'");
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of("empty text", "", 0, "empty"),
        Arguments.of("not a replay file", "hello\n", 1, "not a replay file"),
        Arguments.of(
            "another version", "dvraft-replay v2\nchoices 0\n", 1, "unsupported version 'v2'"),
        Arguments.of(
            "a line that is no header",
            "dvraft-replay v1\nseed 42\nchoices 0\n",
            2,
            "expected a 'key=value' header"),
        Arguments.of(
            "a repeated header",
            "dvraft-replay v1\na=1\na=2\nchoices 0\n",
            3,
            "duplicate header 'a'"),
        Arguments.of(
            "an unknown escape", "dvraft-replay v1\na=x\\ty\nchoices 0\n", 2, "bad escape"),
        Arguments.of("no choices line", "dvraft-replay v1\nseed=1\n", 0, "missing the 'choices"),
        Arguments.of("a bad count", "dvraft-replay v1\nchoices many\n", 2, "choice count 'many'"),
        Arguments.of(
            "a choice that is no number",
            "dvraft-replay v1\nchoices 2\n1 x\n",
            3,
            "choice 'x' is not"),
        Arguments.of(
            "a choice beyond 64 bits",
            "dvraft-replay v1\nchoices 1\n9223372036854775808\n",
            3,
            "is not a signed 64-bit"),
        Arguments.of(
            "fewer choices than announced",
            "dvraft-replay v1\nchoices 3\n1 2\n",
            0,
            "announced 3 choices but found 2"),
        Arguments.of(
            "more choices than announced",
            "dvraft-replay v1\nchoices 1\n1 2\n",
            3,
            "more choices than the 1 announced"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void aMalformedReplayIsRejectedWithTheLineAndTheProblem(
      String name, String text, int line, String problem) {
    assertThatThrownBy(() -> ReplayFile.parse(text))
        .isInstanceOf(ReplayFormatException.class)
        .hasMessageContaining(problem)
        .satisfies(e -> assertThat(((ReplayFormatException) e).line()).isEqualTo(line));
  }

  @Test
  void aMalformedFileIsReportedWithItsPathAndLine(@TempDir Path dir) throws IOException {
    Path path = dir.resolve("bad.replay");
    Files.writeString(path, "dvraft-replay v1\nchoices 1\noops\n");

    assertThatThrownBy(() -> ReplayFile.read(path))
        .isInstanceOf(ReplayFormatException.class)
        .hasMessageStartingWith(path + ":3: choice 'oops'");
  }
}
