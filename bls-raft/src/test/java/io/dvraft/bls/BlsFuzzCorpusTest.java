package io.dvraft.bls;

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
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Guards the Jazzer seed corpus of {@link BlsFuzzTest} (Jazzer finds it only by the naming
 * convention {@code <TestClass>Inputs/<method>/}, so a renamed fuzz test would silently lose it) and
 * replays it without Jazzer, so the properties are checked where the Jazzer agent cannot start.
 */
class BlsFuzzCorpusTest {

  private static final Map<String, Consumer<byte[]>> CHECKS =
      Map.of(
          "decodeRequest", BlsFuzzChecks::request,
          "decodeShares", BlsFuzzChecks::shares,
          "decodeCommand", BlsFuzzChecks::command,
          "decodeJournalRecord", BlsFuzzChecks::journalRecord,
          "decodeSnapshot", BlsFuzzChecks::snapshot,
          "leaderGivenAnyShareExtension_stillSignsWithTheHonestShares",
              BlsFuzzChecks::leaderWithAByzantineMember);

  @Test
  void everyFuzzTestHasASeedCorpusThatHoldsTheProperty() throws IOException, URISyntaxException {
    List<String> methods =
        Arrays.stream(BlsFuzzTest.class.getDeclaredMethods())
            .filter(m -> m.isAnnotationPresent(FuzzTest.class))
            .map(Method::getName)
            .sorted()
            .toList();
    assertThat(methods).containsExactlyInAnyOrderElementsOf(CHECKS.keySet());
    for (String method : methods) {
      URL url = BlsFuzzTest.class.getResource(BlsFuzzTest.class.getSimpleName() + "Inputs/" + method);
      assertThat(url).as("seed corpus of %s", method).isNotNull();
      List<Path> seeds;
      try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
        seeds = files.filter(Files::isRegularFile).toList();
      }
      assertThat(seeds).as("seeds of %s", method).isNotEmpty();
      for (Path seed : seeds) {
        CHECKS.get(method).accept(Files.readAllBytes(seed));
      }
    }
  }
}
