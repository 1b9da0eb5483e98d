package dev.gitops.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gitops.source.GitRef;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocationTest {
  @Test
  void httpsWithBranchAndPath() {
    assertThat(Location.parse("https://git.example.com/team/config.git@main:apps/prod/"))
        .isEqualTo(new Location.Git("https://git.example.com/team/config.git", GitRef.branch("main"), "apps/prod"));
  }

  @Test
  void scpStyleWithTagAndNoPath() {
    assertThat(Location.parse("git@github.com:team/config.git@refs/tags/v1.2.0"))
        .isEqualTo(new Location.Git("git@github.com:team/config.git", GitRef.tag("v1.2.0"), ""));
  }

  @Test
  void aFullCommitIdIsACommitAndRefsHeadsABranch() {
    String id = "0123456789ABCDEF0123456789abcdef01234567";
    assertThat(Location.parse("ssh://h/r@" + id + ":x")).isEqualTo(
        new Location.Git("ssh://h/r", GitRef.commit(id.toLowerCase(java.util.Locale.ROOT)), "x"));
    assertThat(Location.parse("ssh://h/r@refs/heads/release/1")).isEqualTo(
        new Location.Git("ssh://h/r", GitRef.branch("release/1"), ""));
  }

  @Test
  void anExistingDirectoryIsLocalEvenWithAnAt(@TempDir Path tmp) throws Exception {
    Path dir = java.nio.file.Files.createDirectories(tmp.resolve("team@prod"));

    assertThat(Location.parse(dir.toString())).isEqualTo(new Location.Local(dir));
  }

  @Test
  void aRepositoryWithoutRefSuggestsOne() {
    assertThatThrownBy(() -> Location.parse("https://git.example.com/config.git"))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("a repository needs @REF, for example https://git.example.com/config.git@main");
  }

  @Test
  void anEmptyOrInvalidRefIsRefused() {
    assertThatThrownBy(() -> Location.parse("https://h/r.git@:apps")).hasMessageContaining("the ref after '@' is empty");
    assertThatThrownBy(() -> Location.parse("https://h/r.git@refs/remotes/x")).hasMessageContaining("invalid ref");
  }
}
