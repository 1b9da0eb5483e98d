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
}
