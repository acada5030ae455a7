package io.dvraft.raft.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.dvraft.raft.EntryType;
import io.dvraft.raft.LogEntry;
import io.dvraft.raft.message.Message;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Checks every golden vector in both directions, and that docs/wire-format.md shows exactly the
 * vectors the tests check, so the published format cannot drift from the code.
 */
class GoldenVectorsTest {

  /** Surefire runs with the module directory (raft-core/) as working directory. */
  private static final Path DOC = Path.of("..", "docs", "wire-format.md");

  private static final Map<String, byte[]> VECTORS = GoldenVectors.fromResource();
  private static final Map<String, Object> VALUES = GoldenValues.all();

  @TestFactory
  Stream<DynamicTest> encodeMatchesVector() {
    return VECTORS.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
      Object value = VALUES.get(e.getKey());
      assertThat(value).as("value for golden vector %s", e.getKey()).isNotNull();
      assertThat(GoldenVectors.hex(Kind.of(value).encode(value)))
          .isEqualTo(GoldenVectors.hex(e.getValue()));
    }));
  }

  @TestFactory
  Stream<DynamicTest> decodeMatchesValue() {
    return VECTORS.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
      Object value = VALUES.get(e.getKey());
      assertThat(value).as("value for golden vector %s", e.getKey()).isNotNull();
      assertThat(Kind.of(value).decode(e.getValue())).isEqualTo(value);
    }));
  }

  @Test
  void everyValueHasAVector() {
    assertThat(VECTORS.keySet()).containsExactlyElementsOf(VALUES.keySet());
  }

  @Test
  void vectorsCoverEveryKindAndMessageType() {
    assertThat(VALUES.values().stream().map(Kind::of).distinct()).containsExactlyInAnyOrder(Kind.values());
    assertThat(VALUES.values().stream()
            .filter(v -> v instanceof Message)
            .<Class<?>>map(Object::getClass)
            .distinct())
        .containsExactlyInAnyOrder(
            Message.class.getPermittedSubclasses());
    assertThat(VALUES.values().stream()
            .filter(v -> v instanceof LogEntry)
            .map(v -> ((LogEntry) v).type())
            .distinct())
        .containsExactlyInAnyOrder(EntryType.values());
  }

  @Test
  void docShowsExactlyTheTestedVectors() throws IOException {
    assertThat(DOC).as("docs/wire-format.md, relative to the module directory").exists();
    Map<String, byte[]> inDoc =
        GoldenVectors.parse(Files.readString(DOC, StandardCharsets.UTF_8), false);
    assertThat(hexes(inDoc)).containsExactlyEntriesOf(hexes(VECTORS));
  }

  private static Map<String, String> hexes(Map<String, byte[]> vectors) {
    Map<String, String> out = new LinkedHashMap<>();
    vectors.forEach((k, v) -> out.put(k, GoldenVectors.hex(v)));
    return out;
  }
}
