package io.dvraft.testkit.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the docs from rotting: every Java sample in README.md and docs/*.md must appear, up to
 * white space, in a test source file of the project. Those files are compiled and run by their
 * modules' tests (for example {@link ReadmeHostLoopTest}, raft-core's ExampleHostTest), so a
 * sample that no longer compiles or works fails the build.
 */
class DocsSnippetsTest {

  private static final Path ROOT = Path.of("..");
  private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

  @Test
  void everyJavaSampleInTheDocsIsCompiledTestCode() throws IOException {
    String sources = normalize(testSources());
    List<String> samples = samples();
    assertThat(samples).as("the README has at least its host loop sample").isNotEmpty();
    for (String sample : samples) {
      assertThat(sources.contains(normalize(sample)))
          .as("this sample is not in any compiled test source:%n%s", sample)
          .isTrue();
    }
  }

  @Test
  void aSampleThatIsNotInTheSourcesIsCaught() throws IOException {
    String sources = normalize(testSources());
    assertThat(sources.contains(normalize("raft.propose(command); raft." + "explode();"))).isFalse();
  }

  private static List<String> samples() throws IOException {
    List<Path> docs = new ArrayList<>();
    docs.add(ROOT.resolve("README.md"));
    try (Stream<Path> files = Files.list(ROOT.resolve("docs"))) {
      files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
    }
    List<String> out = new ArrayList<>();
    for (Path doc : docs) {
      Matcher m = JAVA_BLOCK.matcher(Files.readString(doc));
      while (m.find()) {
        out.add(m.group(1));
      }
    }
    return out;
  }

  private static String testSources() throws IOException {
    StringBuilder all = new StringBuilder();
    for (String module : List.of("raft-core", "bls-raft", "raft-testkit")) {
      Path dir = ROOT.resolve(module).resolve("src/test/java");
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
          all.append(Files.readString(p)).append('\n');
        }
      }
    }
    return all.toString();
  }

  private static String normalize(String code) {
    return code.replaceAll("\\s+", " ").trim();
  }
}
