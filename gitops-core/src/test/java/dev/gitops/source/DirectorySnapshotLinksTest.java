package dev.gitops.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.gitops.model.PathEscapeException;
import dev.gitops.model.Snapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Snapshot#ofDirectory} resolves symbolic links exactly as the Git sources resolve the
 * commit of the same directory: the same files, or the same refusal with the same message.
 */
class DirectorySnapshotLinksTest {

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "inside-file", "inside-directory", "chain", "dangling", // read as their targets, or left out
      "escaping", "escaping-directory", "absolute-inside", "root", "loop"}) // refused
  void aDirectoryResolvesSymbolicLinksExactlyAsItsCommitDoes(String layout) throws Exception {
    Path work = Files.createDirectories(dir.resolve("work"));
    Files.createDirectories(work.resolve("shared"));
    Files.writeString(work.resolve("shared/cm.yaml"), "s: 1\n");
    Files.writeString(dir.resolve("outside.yaml"), "secret: 1\n");
    switch (layout) {
      case "inside-file" -> link(work, "cm.yaml", "shared/cm.yaml");
      case "inside-directory" -> link(work, "apps/shared", "../shared");
      case "chain" -> {
        link(work, "a.yaml", "b.yaml");
        link(work, "b.yaml", "shared/cm.yaml");
      }
      case "dangling" -> link(work, "gone.yaml", "missing.yaml");
      case "escaping" -> link(work, "secret.yaml", "../outside.yaml");
      case "escaping-directory" -> link(work, "up", "..");
      case "absolute-inside" -> link(work, "abs.yaml", work.resolve("shared/cm.yaml").toString());
      case "root" -> link(work, "self", ".");
      case "loop" -> {
        link(work, "x", "y");
        link(work, "y", "x");
      }
      default -> throw new IllegalArgumentException(layout);
    }

    Object fromDisk = outcome(() -> Snapshot.ofDirectory(work));
    Object fromCommit = outcome(() -> commitAndFetch(work));

    assertThat(fromDisk).isEqualTo(fromCommit);
    boolean refused = layout.startsWith("escaping") || layout.equals("absolute-inside")
        || layout.equals("root") || layout.equals("loop");
    assertThat(fromDisk).asString().startsWith(refused ? PathEscapeException.class.getSimpleName() : "{");
  }

  private static void link(Path root, String link, String target) throws Exception {
    Path at = root.resolve(link);
    Files.createDirectories(at.getParent());
    Files.createSymbolicLink(at, Path.of(target));
  }

  private static Snapshot commitAndFetch(Path work) throws Exception {
    try (Git git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
      git.add().addFilepattern(".").call();
      git.commit().setMessage("links").setSign(false).call();
      return RepositorySource.builder(git.getRepository()).build().fetch(GitRef.branch("main"));
    }
  }

  /** The files and their text, or the exception's type and message. */
  private static Object outcome(SnapshotCall call) {
    Snapshot snapshot;
    try {
      snapshot = call.make();
    } catch (Exception e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
    Map<String, String> files = new LinkedHashMap<>();
    snapshot.files().forEach(f -> files.put(f, snapshot.readString(f)));
    return files;
  }

  private interface SnapshotCall {
    Snapshot make() throws Exception;
  }
}
