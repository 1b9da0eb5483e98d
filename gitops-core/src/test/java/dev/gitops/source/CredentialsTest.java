package dev.gitops.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Secrets read from unset environment variables fail where they are made, saying which one. */
class CredentialsTest {

  @Test
  void aNullTokenIsAnIllegalArgumentSayingTheVariableMayBeUnset() {
    assertThatThrownBy(() -> Credentials.token(null)).isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("token is null").hasMessageContaining("environment variable")
        .hasMessageContaining("not set");
  }

  @Test
  void aNullPasswordIsNamedAsThePasswordWithTheHint() {
    // Before: NullPointerException("password"), with no word on where the null came from.
    assertThatThrownBy(() -> Credentials.basic("ci-bot", null)).isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("password is null").hasMessageContaining("environment variable");
  }

  @Test
  void aNullOrBlankUsernameIsNamedAsTheUsername() {
    assertThatThrownBy(() -> Credentials.basic(null, "s3cret")).isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("username is null");
    assertThatThrownBy(() -> Credentials.basic("", "s3cret")).isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("username is blank").hasMessageContaining("not set or is empty");
  }

  @Test
  void aBlankPasswordOrTokenIsRefusedWithoutShowingIt() {
    assertThatThrownBy(() -> Credentials.basic("ci-bot", "  ")).isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("password is blank");
    assertThatThrownBy(() -> Credentials.token("")).isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("token is blank");
  }

  @Test
  void aNullSshKeyOrUsernameIsNamedToo() {
    assertThatThrownBy(() -> Credentials.sshKey("git", null, null, "host ssh-ed25519 AAAA"))
        .isExactlyInstanceOf(IllegalArgumentException.class).hasMessageContaining("privateKey is null");
    assertThatThrownBy(() -> Credentials.sshKey(null, "key", null, "host ssh-ed25519 AAAA"))
        .isExactlyInstanceOf(IllegalArgumentException.class).hasMessageContaining("username is null");
    assertThatThrownBy(() -> Credentials.sshKey("git", "key", null, null))
        .isExactlyInstanceOf(IllegalArgumentException.class).hasMessageContaining("knownHosts is null");
  }

  @Test
  void validCredentialsStillHideTheSecret() {
    assertThat(Credentials.basic("ci-bot", "s3cret")).hasToString("Credentials.basic[ci-bot, ****]");
    assertThat(Credentials.token("t0ken").toString()).doesNotContain("t0ken");
  }
}
