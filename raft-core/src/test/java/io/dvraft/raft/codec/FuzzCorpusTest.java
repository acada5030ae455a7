package io.dvraft.raft.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Guards the Jazzer seed corpus: Jazzer finds it only by the naming convention {@code
 * <TestClass>Inputs/<method>/}, so renaming a fuzz test would silently drop its corpus from the
 * regression run. Also replays the corpus without Jazzer, so it is exercised even where the Jazzer
 * agent cannot start.
 */
class FuzzCorpusTest {

  private static final String CORPUS = CodecFuzzTest.class.getSimpleName() + "Inputs";

  private static Kind kindOf(String method) {
    switch (method) {
      case "decodeMessage": return Kind.MESSAGE;
      case "decodeAddressed": return Kind.ADDRESSED;
      case "decodeEntry": return Kind.ENTRY;
      case "decodeHardState": return Kind.HARD_STATE;
      case "decodeSnapshotMetadata": return Kind.SNAPSHOT_METADATA;
      case "decodeMembership": return Kind.MEMBERSHIP;
      default: throw new AssertionError("fuzz test without a kind: " + method);
    }
  }

  @Test
  void everyFuzzTestHasASeedCorpusThatHoldsTheProperty() throws IOException, URISyntaxException {
    List<String> methods = Arrays.stream(CodecFuzzTest.class.getDeclaredMethods())
        .filter(m -> m.isAnnotationPresent(FuzzTest.class))
        .map(Method::getName)
        .sorted()
        .toList();
    assertThat(methods).hasSize(Kind.values().length);
    for (String method : methods) {
      URL url = CodecFuzzTest.class.getResource(CORPUS + "/" + method);
      assertThat(url).as("seed corpus directory %s/%s", CORPUS, method).isNotNull();
      List<Path> seeds;
      try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
        seeds = files.filter(Files::isRegularFile).toList();
      }
      assertThat(seeds).as("seeds of %s", method).isNotEmpty();
      for (Path seed : seeds) {
        MalformedInputTest.decodeOrRefuse(kindOf(method), Files.readAllBytes(seed));
      }
    }
  }
}
