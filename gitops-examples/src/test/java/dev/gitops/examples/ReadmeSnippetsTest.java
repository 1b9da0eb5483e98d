package dev.gitops.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every Java block of README.md stands, line for line and in order, in ReadmeExamples.java, which compiles. */
class ReadmeSnippetsTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @Test
  void everyReadmeJavaSnippetIsCompiledCode() throws IOException {
    List<List<String>> snippets = javaBlocks(Files.readAllLines(ROOT.resolve("README.md")));
    List<String> code = Files.readAllLines(
        ROOT.resolve("gitops-examples/src/main/java/dev/gitops/examples/ReadmeExamples.java")).stream()
        .map(String::strip).toList();

    assertThat(snippets).as("Java blocks in README.md").hasSizeGreaterThanOrEqualTo(3);
    for (List<String> snippet : snippets) {
      assertThat(indexOfRun(code, snippet)).as("README snippet found in ReadmeExamples.java:%n%s",
          String.join("\n", snippet)).isNotNegative();
    }
  }

  private static List<List<String>> javaBlocks(List<String> readme) {
    List<List<String>> blocks = new ArrayList<>();
    List<String> current = null;
    for (String line : readme) {
      if (current == null && line.strip().equals("```java")) {
        current = new ArrayList<>();
      } else if (current != null && line.strip().equals("```")) {
        blocks.add(current);
        current = null;
      } else if (current != null && !line.isBlank()) {
        current.add(line.strip());
      }
    }
    return blocks;
  }

  /** Where the lines stand one after the other in the code (blank lines there are skipped), or -1. */
  private static int indexOfRun(List<String> code, List<String> lines) {
    List<String> nonBlank = code.stream().filter(l -> !l.isEmpty()).toList();
    for (int i = 0; i + lines.size() <= nonBlank.size(); i++) {
      if (nonBlank.subList(i, i + lines.size()).equals(lines)) {
        return i;
      }
    }
    return -1;
  }
}
