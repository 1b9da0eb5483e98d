package dev.gitops.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gitops.model.PathEscapeException;
import dev.gitops.model.Snapshot;
import dev.gitops.model.SnapshotFileNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sub-path snapshots, {@code ..} and symbolic links: inside the repository only. */
class SnapshotPathScopingTest {

  private final InMemoryGitRepository git = InMemoryGitRepository.create("paths");

  @Test
  void scopedSnapshotListsPathsRelativeToItsRoot() {
    git.commit().add("apps/prod/kustomization.yaml", "k: 1\n").add("apps/base/cm.yaml", "b: 1\n")
        .add("README.md", "hi\n").call();

    Snapshot prod = git.source().fetch(GitRef.branch("main"), "apps/prod");

    assertThat(prod.root()).isEqualTo("apps/prod");
    assertThat(prod.files()).containsExactly("kustomization.yaml");
    assertThat(prod.readString("kustomization.yaml")).isEqualTo("k: 1\n");
  }

  @Test
  void dotDotReachesSiblingsInsideTheRepository() {
    git.commit().add("apps/prod/kustomization.yaml", "k: 1\n").add("apps/base/cm.yaml", "b: 1\n").call();

    Snapshot prod = git.source().fetch(GitRef.branch("main"), "apps/prod");

    assertThat(prod.readString("../base/cm.yaml")).isEqualTo("b: 1\n");
    assertThat(prod.scope("../base").files()).containsExactly("cm.yaml");
    assertThat(prod.isDirectory("../base")).isTrue();
  }

  @Test
  void dotDotAboveTheRepositoryIsRefused() {
    git.commit().add("apps/prod/kustomization.yaml", "k: 1\n").call();
    Snapshot prod = git.source().fetch(GitRef.branch("main"), "apps/prod");

    assertThatThrownBy(() -> prod.read("../../../etc/passwd"))
        .isInstanceOf(PathEscapeException.class)
        .hasMessage("path '../../../etc/passwd' from 'apps/prod' leaves the repository")
        .satisfies(e -> assertThat(((PathEscapeException) e).path()).isEqualTo("../../../etc/passwd"));
    assertThatThrownBy(() -> prod.read("/etc/passwd"))
        .isInstanceOf(PathEscapeException.class).hasMessageContaining("absolute path");
    assertThatThrownBy(() -> git.source().fetch(GitRef.branch("main"), "../outside"))
        .isInstanceOf(PathEscapeException.class);
  }

  @Test
  void missingPathIsNamedWithTheRevision() {
    String id = git.commit().add("a.yaml", "a: 1\n").call();

    assertThatThrownBy(() -> git.source().fetch(GitRef.branch("main"), "apps/none"))
        .isInstanceOf(SnapshotFileNotFoundException.class)
        .hasMessageContaining("'apps/none'")
        .hasMessageContaining(id.substring(0, 12));
  }

  @Test
  void symlinkInsideTheRepositoryIsReadAsItsTarget() {
    git.commit().add("shared/cm.yaml", "s: 1\n").symlink("apps/prod/cm.yaml", "../../shared/cm.yaml")
        .symlink("apps/prod/shared", "../../shared").call();

    Snapshot prod = git.source().fetch(GitRef.branch("main"), "apps/prod");

    assertThat(prod.readString("cm.yaml")).isEqualTo("s: 1\n");
    assertThat(prod.readString("shared/cm.yaml")).isEqualTo("s: 1\n");
    assertThat(prod.files()).containsExactly("cm.yaml", "shared/cm.yaml");
  }

  @Test
  void symlinkLeavingTheRepositoryIsRefusedNamingTheLink() {
    git.commit().add("apps/cm.yaml", "a: 1\n").symlink("apps/secret", "../../../etc/shadow").call();

    assertThatThrownBy(() -> git.source().fetch(GitRef.branch("main"), "apps"))
        .isInstanceOf(PathEscapeException.class)
        .hasMessageContaining("symbolic link 'apps/secret'")
        .hasMessageContaining("outside the repository");
  }

  @Test
  void absoluteSymlinkIsRefused() {
    git.commit().add("a.yaml", "a: 1\n").symlink("passwd", "/etc/passwd").call();

    assertThatThrownBy(() -> git.source().fetch(GitRef.branch("main")))
        .isInstanceOf(PathEscapeException.class).hasMessageContaining("symbolic link 'passwd'");
  }

  @Test
  void symlinkLoopIsRefused() {
    git.commit().add("a.yaml", "a: 1\n").symlink("x", "y").symlink("y", "x").call();

    assertThatThrownBy(() -> git.source().fetch(GitRef.branch("main")))
        .isInstanceOf(PathEscapeException.class).hasMessageContaining("loops");
  }

  @Test
  void symlinkEscapeIsRefusedFromALocalRepositoryOnDisk(@TempDir Path dir) throws Exception {
    try (Git local = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
      Files.writeString(dir.resolve("ok.yaml"), "a: 1\n");
      Files.createSymbolicLink(dir.resolve("escape"), Path.of("../outside.yaml"));
      local.add().addFilepattern(".").call();
      local.commit().setMessage("symlink").setSign(false).call();
      Repository repo = local.getRepository();

      assertThatThrownBy(() -> RepositorySource.builder(repo).build().fetch(GitRef.branch("main")))
          .isInstanceOf(PathEscapeException.class)
          .hasMessageContaining("symbolic link 'escape' points to '../outside.yaml'");
    }
  }
}
