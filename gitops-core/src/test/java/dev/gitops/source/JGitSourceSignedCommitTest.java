package dev.gitops.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gitops.model.Revision;
import dev.gitops.model.Verification;
import dev.gitops.testing.GitHttpServer;
import dev.gitops.testing.OpenPgpTestKey;
import dev.gitops.testing.SshTestKey;
import dev.gitops.testing.TestKeys;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signed-commit requirements enforced by JGitSource on a repository served over HTTP. */
class JGitSourceSignedCommitTest {
  private static final OpenPgpTestKey RELEASE_KEY = TestKeys.openPgp("Release <release@example.com>");
  private static final SshTestKey DEV_KEY = TestKeys.ssh("dev@example.com");
  private static final OpenPgpTestKey STRANGER = TestKeys.openPgp("Stranger <x@example.com>");

  @TempDir Path cacheDir;
  private GitHttpServer server;
  private InMemoryGitRepository remote;
  private JGitSource source;

  @BeforeEach
  void setUp() {
    remote = InMemoryGitRepository.create("signed");
    server = GitHttpServer.start().register("signed", remote.repository());
    TrustedKeys trusted = TrustedKeys.builder()
        .openPgpKey(RELEASE_KEY.armoredPublicKey()).sshKey(DEV_KEY.authorizedKeysLine()).build();
    source = JGitSource.builder().url(server.url("signed"))
        .cache(GitCache.builder().directory(cacheDir).checkInterval(Duration.ZERO).build())
        .trustedKeys(trusted).build();
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  @Test
  void commitSignedByATrustedKeyIsVerifiedAndRecordedOnTheRevision() {
    String id = remote.commit().add("a.yaml", "a: 1\n").signer(RELEASE_KEY.signer()).call();

    Revision r = source.fetch(GitRef.branch("main")).revision();

    assertThat(r.commitId()).isEqualTo(id);
    assertThat(r.verification().status()).isEqualTo(Verification.Status.VERIFIED);
    assertThat(r.verification().signer()).isEqualTo("Release <release@example.com>");
    assertThat(r.verification().keyId()).isEqualTo(RELEASE_KEY.signingFingerprint());
  }

  @Test
  void sshSignedCommitIsVerified() {
    remote.commit().add("a.yaml", "a: 1\n").signer(DEV_KEY.signer()).call();

    assertThat(source.resolve(GitRef.branch("main")).verification().signer()).isEqualTo("dev@example.com");
  }

  @Test
  void unsignedCommitIsRefusedWithTheReason() {
    remote.commit().add("a.yaml", "a: 1\n").signer(RELEASE_KEY.signer()).call();
    String unsigned = remote.commit().add("a.yaml", "a: 2\n").call();

    assertThatThrownBy(() -> source.fetch(GitRef.branch("main")))
        .isInstanceOf(UnverifiedCommitException.class)
        .hasMessageContaining(unsigned)
        .hasMessageContaining("UNSIGNED")
        .satisfies(e -> assertThat(((UnverifiedCommitException) e).verification().status())
            .isEqualTo(Verification.Status.UNSIGNED));
  }

  @Test
  void commitSignedByAnUnknownKeyIsRefused() {
    remote.commit().add("a.yaml", "a: 1\n").signer(STRANGER.signer()).call();

    assertThatThrownBy(() -> source.resolve(GitRef.branch("main")))
        .isInstanceOf(UnverifiedCommitException.class)
        .satisfies(e -> assertThat(((UnverifiedCommitException) e).verification().status())
            .isEqualTo(Verification.Status.UNKNOWN_KEY));
  }

  @Test
  void signatureOfOtherContentIsRefusedAsBad() {
    // A trusted key's signature over different bytes, stored on this commit.
    String foreign = RELEASE_KEY.signer().apply("tree 0000\nsome other commit\n".getBytes());
    remote.commit().add("a.yaml", "a: 1\n").signer(payload -> foreign).call();

    assertThatThrownBy(() -> source.resolve(GitRef.branch("main")))
        .isInstanceOf(UnverifiedCommitException.class)
        .satisfies(e -> assertThat(((UnverifiedCommitException) e).verification().status())
            .isEqualTo(Verification.Status.BAD_SIGNATURE));
  }
}
