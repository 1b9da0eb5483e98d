package dev.gitops.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gitops.render.PlainRenderer;
import dev.gitops.render.RenderResult;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotOfDirectoryTest {

  @Test
  void localDirectoryRendersInOneCallWithItsUncommittedFiles(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("apps/prod"));
    Files.createDirectories(dir.resolve(".git"));
    Files.writeString(dir.resolve(".git/config"), "[core]\n");
    Files.writeString(dir.resolve("apps/prod/cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n");

    Snapshot snapshot = Snapshot.ofDirectory(dir);
    RenderResult result = PlainRenderer.strict().render(snapshot.scope("apps/prod"));

    assertThat(snapshot.files()).containsExactly("apps/prod/cm.yaml");
    assertThat(result.objects()).singleElement().satisfies(m -> assertThat(m.source().path()).isEqualTo("apps/prod/cm.yaml"));
  }

  @Test
  void equalTreesHaveEqualIdsAndAChangeMakesAnotherOne(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("a.yaml"), "x: 1\n");
    String first = Snapshot.ofDirectory(dir).revision().commitId();
    assertThat(Snapshot.ofDirectory(dir).revision().commitId()).isEqualTo(first);
    Files.writeString(dir.resolve("a.yaml"), "x: 2\n");
    assertThat(Snapshot.ofDirectory(dir).revision().commitId()).isNotEqualTo(first);
  }

  @Test
  void symbolicLinkOutOfTheDirectoryIsRefused(@TempDir Path dir, @TempDir Path outside) throws Exception {
    Files.writeString(outside.resolve("secret.yaml"), "x: 1\n");
    Files.createSymbolicLink(dir.resolve("link.yaml"), outside.resolve("secret.yaml"));
    assertThatThrownBy(() -> Snapshot.ofDirectory(dir)).isInstanceOf(PathEscapeException.class)
        .hasMessageContaining("link.yaml");
  }

  @Test
  void scopeToAFileSaysItIsAFile(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("app.yaml"), "x: 1\n");
    assertThatThrownBy(() -> Snapshot.ofDirectory(dir).scope("app.yaml"))
        .isInstanceOf(SnapshotFileNotFoundException.class).hasMessageContaining("is a file, not a directory");
  }

  @Test
  void theRevisionSaysItIsALocalDirectoryNotACommit(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("a.yaml"), "x: 1\n");

    Revision revision = Snapshot.ofDirectory(dir).revision();

    assertThat(revision.ref()).isEqualTo("local-directory:" + dir.toRealPath());
    assertThat(revision.toString()).startsWith("local-directory:");
    assertThat(revision.message()).contains("local directory").contains("not a commit");
    assertThat(revision.verification().reason()).contains("local directory");
  }

  @Test
  void aWorktreesDotGitFileIsLeftOutLikeTheDotGitDirectory(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve(".git"), "gitdir: /elsewhere/.git/worktrees/x\n");
    Files.writeString(dir.resolve("a.yaml"), "x: 1\n");

    assertThat(Snapshot.ofDirectory(dir).files()).containsExactly("a.yaml");
  }
}
