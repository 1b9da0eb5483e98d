package dev.gitops.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.gitops.testing.OpenPgpTestKey;
import dev.gitops.testing.SshTestKey;
import dev.gitops.testing.TestKeys;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Building a set of trusted keys: keys are parsed up front and errors name the culprit. */
class TrustedKeysTest {
  private static OpenPgpTestKey pgp;
  private static SshTestKey ssh;

  @BeforeAll
  static void keys() {
    pgp = TestKeys.openPgp("Alice <alice@example.com>");
    ssh = TestKeys.ssh("bob@example.com");
  }

  @Test
  void malformedSshKeyFailsAtBuildNamingWhichKeyAndWhy() {
    TrustedKeys.Builder b = TrustedKeys.builder()
        .sshKey(ssh.authorizedKeysLine())
        .sshKey("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBroken carol@example.com");

    assertThatIllegalArgumentException().isThrownBy(b::build)
        .withMessageContaining("SSH key #2")
        .withMessageContaining("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBroken")
        .withMessageContaining("cannot be used");
  }

  @Test
  void sshKeyThatIsNotBase64FailsAtBuild() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> TrustedKeys.builder().sshKey("ssh-ed25519 !!!! me").build())
        .withMessageContaining("SSH key #1")
        .withMessageContaining("not valid base64");
  }

  @Test
  void sshKeyWhoseLineTypeContradictsItsBlobFailsAtBuild() {
    String blob = ssh.authorizedKeysLine().split(" ")[1];

    assertThatIllegalArgumentException()
        .isThrownBy(() -> TrustedKeys.builder().sshKey("ssh-rsa " + blob).build())
        .withMessageContaining("the line says 'ssh-rsa' but the key inside is 'ssh-ed25519'");
  }

  @Test
  void sshKeyOfUnsupportedTypeFailsAtBuildListingTheSupportedOnes() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> TrustedKeys.builder().sshKey("ssh-dss AAAAB3NzaC1kc3M= old").build())
        .withMessageContaining("unsupported key type 'ssh-dss'")
        .withMessageContaining("ssh-ed25519");
  }

  @Test
  void sshLineWithoutKeyFailsAtBuild() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> TrustedKeys.builder().sshKey("ssh-ed25519").build())
        .withMessageContaining("expected 'type base64-key [comment]'");
  }

  @Test
  void malformedOpenPgpBlockFailsAtBuildNamingWhichKey() {
    String damaged = pgp.armoredPublicKey().replaceFirst("\n([A-Za-z0-9+/]{10})", "\n!!!!!!!!!!");

    assertThatIllegalArgumentException()
        .isThrownBy(() -> TrustedKeys.builder()
            .openPgpKey(pgp.armoredPublicKey())
            .openPgpKey(damaged)
            .build())
        .withMessageContaining("OpenPGP key #2")
        .withMessageContaining("cannot be read");
  }

  @Test
  void textWithoutAnOpenPgpKeyBlockFailsAtBuild() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> TrustedKeys.builder().openPgpKey("not a key").build())
        .withMessageContaining("OpenPGP key #1 ('not a key')")
        .withMessageContaining("no -----BEGIN PGP PUBLIC KEY BLOCK-----");
  }

  @Test
  void openPgpPrivateKeyIsRefusedWithAHint() {
    String privateBlock =
        "-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlFgEZ\n-----END PGP PRIVATE KEY BLOCK-----\n";

    assertThatIllegalArgumentException()
        .isThrownBy(() -> TrustedKeys.builder().openPgpKey(privateBlock).build())
        .withMessageContaining("private key")
        .withMessageContaining("gpg --armor --export");
  }

  @Test
  void emptySetIsRefusedBecauseNothingCouldVerify() {
    assertThatIllegalStateException().isThrownBy(() -> TrustedKeys.builder().build())
        .withMessageContaining("at least one");
  }

  @Test
  void toStringListsFingerprintsOnly() {
    TrustedKeys keys = TrustedKeys.builder()
        .openPgpKey(pgp.armoredPublicKey())
        .sshKey(ssh.authorizedKeysLine())
        .build();

    assertThat(keys.toString())
        .contains(pgp.primaryFingerprint(), ssh.fingerprint())
        .doesNotContain("alice@example.com", "bob@example.com", "BEGIN PGP");
  }

  @Test
  void sshKeyWithoutCommentVerifiesWithAnEmptySigner() {
    String line = ssh.authorizedKeysLine().replace(" bob@example.com", "");
    TrustedKeys keys = TrustedKeys.builder().sshKey(line).build();
    InMemoryGitRepository git = InMemoryGitRepository.create("no-comment");
    git.commit().add("a", "b").signer(ssh.signer()).call();

    var v = RepositorySource.builder(git.repository()).trustedKeys(keys).build()
        .resolve(GitRef.branch("main")).verification();

    assertThat(v.isVerified()).isTrue();
    assertThat(v.signer()).isEmpty();
    assertThat(v.reason()).contains(ssh.fingerprint());
  }
}
