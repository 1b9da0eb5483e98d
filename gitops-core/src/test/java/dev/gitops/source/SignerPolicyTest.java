package dev.gitops.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

/**
 * Path-scoped signers: apps/prod/** only by the release key (OpenPGP), apps/dev/** by the release
 * key or a team key (SSH), anything else too; enforced by JGitSource on a repository
 * served over HTTP, with commits of several signers.
 */
class SignerPolicyTest {
  private static final OpenPgpTestKey RELEASE = TestKeys.openPgp("Release <release@example.com>");
  private static final SshTestKey ALICE = TestKeys.ssh("alice@example.com");
  private static final SshTestKey BOB = TestKeys.sshEcdsa("bob@example.com");
  private static final OpenPgpTestKey STRANGER = TestKeys.openPgp("Stranger <x@example.com>");

  @TempDir Path cacheDir;
  private GitHttpServer server;
  private InMemoryGitRepository remote;
  private SignerPolicy policy;

  @BeforeEach
  void setUp() {
    remote = InMemoryGitRepository.create("fleet");
    server = GitHttpServer.start().register("fleet", remote.repository());
    TrustedKeys release = TrustedKeys.builder().openPgpKey(RELEASE.armoredPublicKey()).build();
    TrustedKeys releaseOrTeam = TrustedKeys.builder().openPgpKey(RELEASE.armoredPublicKey())
        .sshKey(ALICE.authorizedKeysLine()).sshKey(BOB.authorizedKeysLine()).build();
    policy = SignerPolicy.builder()
        .require("apps/**", releaseOrTeam)
        .require("apps/prod/**", release)
        .otherwise(releaseOrTeam)
        .build();
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  private JGitSource source() {
    return JGitSource.builder().url(server.url("fleet"))
        .cache(GitCache.builder().directory(cacheDir).checkInterval(Duration.ZERO).build())
        .signerPolicy(policy).build();
  }

  private String baseline() {
    return remote.commit().add("apps/prod/app.yaml", "replicas: 3\n")
        .add("apps/dev/app.yaml", "replicas: 1\n").add("README.md", "fleet\n")
        .signer(RELEASE.signer()).call();
  }

  @Test
  void releaseKeyMaySignEverything() {
    String id = baseline();

    assertThat(source().fetch(GitRef.branch("main")).revision().commitId()).isEqualTo(id);
  }

  @Test
  void teamKeyChangingOnlyDevPathsIsAcceptedAfterAnAcceptedCommit() {
    baseline();
    JGitSource source = source();
    source.fetch(GitRef.branch("main"));
    String dev = remote.commit().add("apps/dev/app.yaml", "replicas: 2\n").signer(ALICE.signer()).call();
    String docs = remote.commit().add("README.md", "fleet v2\n").signer(BOB.signer()).call();

    assertThat(source.resolve(GitRef.commit(dev)).verification().signer()).isEqualTo("alice@example.com");
    assertThat(source.fetch(GitRef.branch("main")).revision().commitId()).isEqualTo(docs);
  }

  @Test
  void teamKeyChangingAProdPathIsRefusedNamingPathRuleAndSigner() {
    baseline();
    JGitSource source = source();
    source.fetch(GitRef.branch("main"));
    String id = remote.commit().add("apps/prod/app.yaml", "replicas: 30\n")
        .add("apps/dev/app.yaml", "replicas: 2\n").signer(ALICE.signer()).call();

    assertThatThrownBy(() -> source.fetch(GitRef.branch("main")))
        .isInstanceOfSatisfying(UnauthorizedSignerException.class, e -> {
          assertThat(e.path()).isEqualTo("apps/prod/app.yaml");
          assertThat(e.rule()).isEqualTo("apps/prod/**");
          assertThat(e.revision().commitId()).isEqualTo(id);
          assertThat(e.revision().verification().signer()).isEqualTo("alice@example.com");
        })
        .hasMessageContaining(id).hasMessageContaining("alice@example.com")
        .hasMessageContaining("apps/prod/app.yaml");
  }

  @Test
  void deletingAProdFileIsAChangeToThatPath() {
    baseline();
    JGitSource source = source();
    source.fetch(GitRef.branch("main"));
    remote.commit().remove("apps/prod/app.yaml").signer(BOB.signer()).call();

    assertThatThrownBy(() -> source.fetch(GitRef.branch("main")))
        .isInstanceOfSatisfying(UnauthorizedSignerException.class,
            e -> assertThat(e.path()).isEqualTo("apps/prod/app.yaml"));
  }

  @Test
  void anUnsignedProdChangeCannotHideBehindATeamSignedTip() {
    baseline();
    JGitSource source = source();
    source.fetch(GitRef.branch("main"));
    remote.commit().add("apps/prod/app.yaml", "image: evil\n").call(); // unsigned
    remote.commit().add("apps/dev/app.yaml", "replicas: 2\n").signer(ALICE.signer()).call();

    assertThatThrownBy(() -> source.fetch(GitRef.branch("main")))
        .isInstanceOfSatisfying(UnauthorizedSignerException.class,
            e -> assertThat(e.path()).isEqualTo("apps/prod/app.yaml"));
  }

  @Test
  void releaseSignedTipVouchesForWhatTheTeamPrepared() {
    baseline();
    JGitSource source = source();
    source.fetch(GitRef.branch("main"));
    remote.commit().add("apps/prod/app.yaml", "replicas: 5\n").call(); // unsigned
    String tip = remote.commit().add("apps/prod/app.yaml", "replicas: 6\n").signer(RELEASE.signer()).call();

    assertThat(source.fetch(GitRef.branch("main")).revision().commitId()).isEqualTo(tip);
  }

  @Test
  void withoutAnAcceptedCommitEveryFileCountsUnlessVerifiedSinceIsGiven() {
    String base = baseline();
    remote.commit().add("apps/dev/app.yaml", "replicas: 2\n").signer(ALICE.signer()).call();

    assertThatThrownBy(() -> source().fetch(GitRef.branch("main")))
        .isInstanceOfSatisfying(UnauthorizedSignerException.class,
            e -> assertThat(e.path()).isEqualTo("apps/prod/app.yaml"));

    JGitSource resumed = JGitSource.builder().url(server.url("fleet"))
        .cache(GitCache.builder().directory(cacheDir.resolve("other")).checkInterval(Duration.ZERO).build())
        .signerPolicy(policy).verifiedSince(base).shallow(false).build();
    assertThat(resumed.fetch(GitRef.branch("main")).readString("apps/dev/app.yaml"))
        .isEqualTo("replicas: 2\n");
  }

  @Test
  void unsignedOrStrangerSignedCommitsAreUnverifiedAsWithTrustedKeys() {
    remote.commit().add("README.md", "x\n").signer(STRANGER.signer()).call();

    assertThatThrownBy(() -> source().fetch(GitRef.branch("main")))
        .isInstanceOf(UnverifiedCommitException.class).hasMessageContaining("UNKNOWN_KEY");
  }

  @Test
  void patternsMatchWholePathsWithDoubleStarAcrossDirectories() {
    assertThat(SignerPolicy.glob("apps/prod/**").matcher("apps/prod/a.yaml").matches()).isTrue();
    assertThat(SignerPolicy.glob("apps/prod/**").matcher("apps/prod/x/y/a.yaml").matches()).isTrue();
    assertThat(SignerPolicy.glob("apps/prod/**").matcher("apps/production/a.yaml").matches()).isFalse();
    assertThat(SignerPolicy.glob("apps/prod/").matcher("apps/prod/x/a.yaml").matches()).isTrue();
    assertThat(SignerPolicy.glob("**/kustomization.yaml").matcher("kustomization.yaml").matches()).isTrue();
    assertThat(SignerPolicy.glob("**/kustomization.yaml").matcher("a/b/kustomization.yaml").matches()).isTrue();
    assertThat(SignerPolicy.glob("*.md").matcher("README.md").matches()).isTrue();
    assertThat(SignerPolicy.glob("*.md").matcher("docs/a.md").matches()).isFalse();
    assertThat(SignerPolicy.glob("a?c").matcher("a/c").matches()).isFalse();
    assertThat(SignerPolicy.glob("a.(b)").matcher("a.(b)").matches()).isTrue();
  }

  @Test
  void trustedKeysAndASignerPolicyTogetherAreRefused() {
    assertThatThrownBy(() -> JGitSource.builder().url(server.url("fleet"))
        .cache(GitCache.builder().directory(cacheDir).build()).signerPolicy(policy)
        .trustedKeys(TrustedKeys.builder().openPgpKey(RELEASE.armoredPublicKey()).build()).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("not both");
  }
}
