package dev.gitops.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GitRefTest {

  @ParameterizedTest
  @ValueSource(strings = {"main\u0000evil", "ma\nin", "rel\u007f", "a b", "a..b", "x@{1}", "a~1",
      "a^", "a:b", "a?", "a*", "a[b", "a\\b", "-main", "/main", "main/", "a//b", "main.lock",
      "main.", ".hidden", "a/.b", "@"})
  void refNamesGitRefusesAreRefusedUpFront(String name) {
    assertThatThrownBy(() -> GitRef.branch(name))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a valid Git ref name")
        .hasMessageNotContaining("\u0000");
    assertThatThrownBy(() -> GitRef.tag(name)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void controlCharactersAreShownEscapedWithTheirPosition() {
    assertThatThrownBy(() -> GitRef.branch("main\u0000x"))
        .hasMessage("branch 'main\\u0000x' is not a valid Git ref name: it contains a control"
            + " character (U+0000) at 4");
  }

  @ParameterizedTest
  @ValueSource(strings = {"main", "release/1.2", "feature/JIRA-12_x", "v1.0.0", "a.b-c+d", "ü"})
  void ordinaryNamesAreAccepted(String name) {
    assertThat(GitRef.branch(name).branch()).isEqualTo(name);
    assertThat(GitRef.tag(name).tag()).isEqualTo(name);
  }

  @Test
  void fullRefNamesAreAcceptedAsTheShortNameOfTheSameRef() {
    // Before: refused, though git, CI variables and Revision.ref() all print the full name.
    assertThat(GitRef.branch("refs/heads/main")).isEqualTo(GitRef.branch("main"));
    assertThat(GitRef.branch("refs/heads/release/1.2").branch()).isEqualTo("release/1.2");
    assertThat(GitRef.tag("refs/tags/v1.2.0")).isEqualTo(GitRef.tag("v1.2.0"));
  }

  @Test
  void aFullBranchNameResolvesToTheBranch() {
    InMemoryGitRepository git = InMemoryGitRepository.create("full-ref");
    String id = git.commit().add("a.yaml", "a: 1\n").call();

    assertThat(git.source().resolve(GitRef.branch("refs/heads/main")).commitId()).isEqualTo(id);
  }

  @Test
  void aFullNameOfAnotherKindOfRefIsRefusedWithTheCallToMake() {
    assertThatThrownBy(() -> GitRef.branch("refs/tags/v1.2.0")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("branch 'refs/tags/v1.2.0' is not a branch name")
        .hasMessageContaining("GitRef.tag(\"v1.2.0\")");
    assertThatThrownBy(() -> GitRef.tag("refs/heads/main")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("GitRef.branch(\"main\")");
    assertThatThrownBy(() -> GitRef.branch("refs/remotes/origin/main"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("refs/heads/<name>");
    assertThatThrownBy(() -> GitRef.branch("refs/heads/")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a branch name");
  }
}
