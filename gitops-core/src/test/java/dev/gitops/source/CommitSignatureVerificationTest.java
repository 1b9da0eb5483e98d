package dev.gitops.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.gitops.model.Revision;
import dev.gitops.model.Verification;
import dev.gitops.model.Verification.Status;
import dev.gitops.testing.OpenPgpTestKey;
import dev.gitops.testing.SshTestKey;
import dev.gitops.testing.TestKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Resolving commits through a source that requires signatures by trusted keys. */
class CommitSignatureVerificationTest {
  private static final GitRef MAIN = GitRef.branch("main");

  // Generated once: RSA keys take a moment.
  private static OpenPgpTestKey pgpEd25519;
  private static OpenPgpTestKey pgpRsa;
  private static OpenPgpTestKey pgpSubkey;
  private static OpenPgpTestKey pgpStranger;
  private static SshTestKey sshEd25519;
  private static SshTestKey sshRsa;
  private static SshTestKey sshEcdsa;
  private static SshTestKey sshStranger;
  private static TrustedKeys trusted;

  private InMemoryGitRepository git;

  @BeforeAll
  static void keys() {
    pgpEd25519 = TestKeys.openPgp("Alice Ed <alice@example.com>");
    pgpRsa = TestKeys.openPgpRsa("Bob Rsa <bob@example.com>");
    pgpSubkey = TestKeys.openPgpKey("Carol Sub <carol@example.com>").signingSubkey().generate();
    pgpStranger = TestKeys.openPgp("Mallory <mallory@example.com>");
    sshEd25519 = TestKeys.ssh("dave@example.com");
    sshRsa = TestKeys.sshRsa("erin@example.com");
    sshEcdsa = TestKeys.sshEcdsa("frank@example.com");
    sshStranger = TestKeys.ssh("mallory@example.com");
    trusted = TrustedKeys.builder()
        .openPgpKey(pgpEd25519.armoredPublicKey())
        .openPgpKey(pgpRsa.armoredPublicKey())
        .openPgpKey(pgpSubkey.armoredPublicKey())
        .sshKey(sshEd25519.authorizedKeysLine())
        .sshKey(sshRsa.authorizedKeysLine())
        .sshKey(sshEcdsa.authorizedKeysLine())
        .build();
  }

  @BeforeEach
  void repository() {
    git = InMemoryGitRepository.create("signed");
  }

  private String commit(Function<byte[], String> signer) {
    InMemoryGitRepository.CommitCommand c = git.commit().add("app/cm.yaml", "kind: ConfigMap\n");
    return (signer == null ? c : c.signer(signer)).message("deploy").call();
  }

  private RepositorySource source(TrustedKeys keys) {
    return RepositorySource.builder(git.repository()).name("signed").trustedKeys(keys).build();
  }

  /** Resolves main with the shared trusted keys and returns the verification that refused it. */
  private Verification refusal() {
    return refusal(trusted);
  }

  private Verification refusal(TrustedKeys keys) {
    Throwable thrown = catchThrowable(() -> source(keys).resolve(MAIN));
    assertThat(thrown).isInstanceOf(UnverifiedCommitException.class);
    return ((UnverifiedCommitException) thrown).verification();
  }

  @Nested
  class SignedByATrustedKey {
    @Test
    void openPgpEd25519CommitResolvesVerifiedWithPrimaryUserIdAndFingerprint() {
      String id = commit(pgpEd25519.signer());

      Revision r = source(trusted).resolve(MAIN);

      assertThat(r.commitId()).isEqualTo(id);
      assertThat(r.verification().status()).isEqualTo(Status.VERIFIED);
      assertThat(r.verification().signer()).isEqualTo("Alice Ed <alice@example.com>");
      assertThat(r.verification().keyId()).isEqualTo(pgpEd25519.signingFingerprint());
      assertThat(r.verification().reason()).contains("good OpenPGP signature", "Alice Ed");
    }

    @Test
    void openPgpRsaCommitResolvesVerified() {
      commit(pgpRsa.signer());

      Verification v = source(trusted).resolve(MAIN).verification();

      assertThat(v.status()).isEqualTo(Status.VERIFIED);
      assertThat(v.signer()).isEqualTo("Bob Rsa <bob@example.com>");
      assertThat(v.keyId()).isEqualTo(pgpRsa.primaryFingerprint());
    }

    @Test
    void openPgpSigningSubkeyIsFoundThroughItsPrimaryKeyAndReportedByItsOwnFingerprint() {
      commit(pgpSubkey.signer());

      Verification v = source(trusted).resolve(MAIN).verification();

      assertThat(v.status()).isEqualTo(Status.VERIFIED);
      assertThat(v.signer()).isEqualTo("Carol Sub <carol@example.com>");
      assertThat(v.keyId())
          .isEqualTo(pgpSubkey.signingFingerprint())
          .isNotEqualTo(pgpSubkey.primaryFingerprint());
      assertThat(v.reason()).contains("subkey", pgpSubkey.primaryFingerprint());
    }

    @Test
    void sshEd25519CommitResolvesVerifiedWithCommentAndSha256Fingerprint() {
      String id = commit(sshEd25519.signer());

      Revision r = source(trusted).resolve(MAIN);

      assertThat(r.commitId()).isEqualTo(id);
      assertThat(r.verification().status()).isEqualTo(Status.VERIFIED);
      assertThat(r.verification().signer()).isEqualTo("dave@example.com");
      assertThat(r.verification().keyId())
          .isEqualTo(sshEd25519.fingerprint())
          .startsWith("SHA256:");
    }

    @Test
    void sshRsaCommitResolvesVerified() {
      commit(sshRsa.signer());

      Verification v = source(trusted).resolve(MAIN).verification();

      assertThat(v.status()).isEqualTo(Status.VERIFIED);
      assertThat(v.signer()).isEqualTo("erin@example.com");
      assertThat(v.keyId()).isEqualTo(sshRsa.fingerprint());
    }

    @Test
    void sshEcdsaCommitResolvesVerified() {
      commit(sshEcdsa.signer());

      Verification v = source(trusted).resolve(MAIN).verification();

      assertThat(v.status()).isEqualTo(Status.VERIFIED);
      assertThat(v.signer()).isEqualTo("frank@example.com");
    }

    @Test
    void sshSignatureHashedWithSha256IsAcceptedToo() {
      commit(payload -> sshEd25519.sign(payload, "git", "sha256"));

      assertThat(source(trusted).resolve(MAIN).verification().status()).isEqualTo(Status.VERIFIED);
    }

    @Test
    void fetchReturnsTheVerifiedRevisionWithTheSnapshot() {
      commit(sshEd25519.signer());

      var snapshot = source(trusted).fetch(MAIN, "app");

      assertThat(snapshot.revision().verification().isVerified()).isTrue();
    }

    @Test
    void everyKeyOfAKeyBlockHoldingSeveralKeysIsTrusted() {
      TrustedKeys both = TrustedKeys.builder()
          .openPgpKey(OpenPgpTestKey.armor(
              List.of(pgpEd25519.publicKeyRing(), pgpStranger.publicKeyRing())))
          .build();

      commit(pgpEd25519.signer());
      assertThat(source(both).resolve(MAIN).verification().signer())
          .isEqualTo("Alice Ed <alice@example.com>");
      commit(pgpStranger.signer());
      assertThat(source(both).resolve(MAIN).verification().signer())
          .isEqualTo("Mallory <mallory@example.com>");
    }
  }

  @Nested
  class Refused {
    @Test
    void unsignedCommitIsRefusedAsUnsigned() {
      String id = commit(null);

      Throwable thrown = catchThrowable(() -> source(trusted).resolve(MAIN));

      assertThat(thrown).isInstanceOf(UnverifiedCommitException.class)
          .hasMessageContaining(id).hasMessageContaining("UNSIGNED");
      UnverifiedCommitException e = (UnverifiedCommitException) thrown;
      assertThat(e.revision().commitId()).isEqualTo(id);
      assertThat(e.verification().status()).isEqualTo(Status.UNSIGNED);
      assertThat(e.verification().reason()).contains("no gpgsig header");
    }

    @Test
    void unsignedCommitIsNotFetchedEither() {
      commit(null);

      assertThatThrownBy(() -> source(trusted).fetch(MAIN, "app"))
          .isInstanceOf(UnverifiedCommitException.class);
    }

    @Test
    void openPgpSignatureByAnUntrustedKeyIsUnknownKeyNamingItsFingerprint() {
      commit(pgpStranger.signer());

      Verification v = refusal();

      assertThat(v.status()).isEqualTo(Status.UNKNOWN_KEY);
      assertThat(v.keyId()).isEqualTo(pgpStranger.signingFingerprint());
      assertThat(v.reason()).contains(pgpStranger.signingFingerprint(), "not a trusted key");
      assertThat(v.signer()).isEmpty();
    }

    @Test
    void sshSignatureByAnUntrustedKeyIsUnknownKeyNamingItsFingerprint() {
      commit(sshStranger.signer());

      Verification v = refusal();

      assertThat(v.status()).isEqualTo(Status.UNKNOWN_KEY);
      assertThat(v.keyId()).isEqualTo(sshStranger.fingerprint());
      assertThat(v.reason()).contains(sshStranger.fingerprint());
    }

    @Test
    void openPgpSignatureIsUnknownWhenOnlySshKeysAreTrusted() {
      commit(pgpEd25519.signer());

      Verification v = refusal(TrustedKeys.builder().sshKey(sshEd25519.authorizedKeysLine()).build());

      assertThat(v.status()).isEqualTo(Status.UNKNOWN_KEY);
    }

    @Test
    void openPgpSignatureOverOtherContentIsBad() {
      commit(payload -> pgpEd25519.signer().apply("something else".getBytes(StandardCharsets.UTF_8)));

      Verification v = refusal();

      assertThat(v.status()).isEqualTo(Status.BAD_SIGNATURE);
      assertThat(v.keyId()).isEqualTo(pgpEd25519.signingFingerprint());
      assertThat(v.reason()).contains("does not match the commit");
    }

    @Test
    void sshSignatureOverOtherContentIsBad() {
      commit(payload -> sshRsa.signer().apply("something else".getBytes(StandardCharsets.UTF_8)));

      Verification v = refusal();

      assertThat(v.status()).isEqualTo(Status.BAD_SIGNATURE);
      assertThat(v.reason()).contains("does not match the commit");
    }

    @Test
    void openPgpSignatureCopiedOntoAnEditedCommitIsBad() throws IOException {
      String id = commit(pgpEd25519.signer());
      assertThat(source(trusted).resolve(MAIN).verification().isVerified()).isTrue();

      String forged = rewrite(id, "\ndeploy", "\nrollback");

      Throwable thrown = catchThrowable(() -> source(trusted).resolve(MAIN));
      assertThat(thrown).isInstanceOf(UnverifiedCommitException.class);
      UnverifiedCommitException e = (UnverifiedCommitException) thrown;
      assertThat(e.revision().commitId()).isEqualTo(forged);
      assertThat(e.revision().message()).isEqualTo("rollback");
      assertThat(e.verification().status()).isEqualTo(Status.BAD_SIGNATURE);
    }

    @Test
    void sshSignatureCopiedOntoACommitWithAnotherTreeIsBad() throws IOException {
      String original = commit(null);
      String id = git.commit().add("app/cm.yaml", "kind: Secret\n").signer(sshEd25519.signer()).call();
      // Keep the signature and message but point the commit at the older tree.
      String oldTree = tree(original);
      rewrite(id, "tree " + tree(id), "tree " + oldTree);

      assertThat(refusal().status()).isEqualTo(Status.BAD_SIGNATURE);
    }

    @Test
    void sshSignatureForAnotherNamespaceIsBad() {
      commit(sshEd25519.signer("file"));

      Verification v = refusal();

      assertThat(v.status()).isEqualTo(Status.BAD_SIGNATURE);
      assertThat(v.reason()).contains("namespace 'file'", "not 'git'");
    }

    @Test
    void sshSignatureWithAnUnsupportedHashAlgorithmIsBad() {
      commit(payload -> sshEd25519.sign(payload, "git", "sha1"));

      Verification v = refusal();

      assertThat(v.status()).isEqualTo(Status.BAD_SIGNATURE);
      assertThat(v.reason()).contains("hash algorithm 'sha1'");
    }

    @Test
    void unparsableOpenPgpArmorIsBad() {
      commit(payload -> "-----BEGIN PGP SIGNATURE-----\n\nbm90IGEgc2lnbmF0dXJl\n=AAAA\n"
          + "-----END PGP SIGNATURE-----\n");

      Verification v = refusal();

      assertThat(v.status()).isEqualTo(Status.BAD_SIGNATURE);
      assertThat(v.reason()).startsWith("the OpenPGP signature cannot be parsed");
    }

    @Test
    void truncatedSshSignatureIsBad() {
      commit(payload -> {
        String armored = sshEd25519.signer().apply(payload);
        String[] lines = armored.split("\n");
        return lines[0] + "\n" + lines[1] + "\n" + lines[lines.length - 1] + "\n";
      });

      Verification v = refusal();

      assertThat(v.status()).isEqualTo(Status.BAD_SIGNATURE);
      assertThat(v.reason()).startsWith("the SSH signature cannot be parsed").contains("ends before");
    }

    @Test
    void signatureOfNeitherFormatIsBad() {
      commit(payload -> "-----BEGIN SIGNED MESSAGE-----\nMIAGCSqGSIb3DQEHAqCAMIACAQEx\n"
          + "-----END SIGNED MESSAGE-----\n");

      Verification v = refusal();

      assertThat(v.status()).isEqualTo(Status.BAD_SIGNATURE);
      assertThat(v.reason()).contains("X.509", "not supported");
    }

    @Test
    void signatureByARevokedOpenPgpKeyIsBad() {
      OpenPgpTestKey revoked = TestKeys.openPgpKey("Rex <rex@example.com>").revoked().generate();
      commit(revoked.signer());

      Verification v = refusal(TrustedKeys.builder().openPgpKey(revoked.armoredPublicKey()).build());

      assertThat(v.status()).isEqualTo(Status.BAD_SIGNATURE);
      assertThat(v.reason()).contains("revoked");
    }

    @Test
    void signatureMadeAfterTheOpenPgpKeyExpiredIsBad() {
      Instant created = Instant.now().minus(Duration.ofDays(10));
      OpenPgpTestKey key = TestKeys.openPgpKey("Old <old@example.com>")
          .createdAt(created).validFor(Duration.ofDays(1)).generate();
      commit(payload -> key.sign(payload, Instant.now()));

      Verification v = refusal(TrustedKeys.builder().openPgpKey(key.armoredPublicKey()).build());

      assertThat(v.status()).isEqualTo(Status.BAD_SIGNATURE);
      assertThat(v.reason()).contains("expired");
    }

    @Test
    void signatureMadeWhileTheOpenPgpKeyWasValidStillVerifies() {
      Instant created = Instant.now().minus(Duration.ofDays(10));
      OpenPgpTestKey key = TestKeys.openPgpKey("Old <old@example.com>")
          .createdAt(created).validFor(Duration.ofDays(1)).generate();
      commit(payload -> key.sign(payload, created.plus(Duration.ofHours(1))));

      TrustedKeys keys = TrustedKeys.builder().openPgpKey(key.armoredPublicKey()).build();
      assertThat(source(keys).resolve(MAIN).verification().status()).isEqualTo(Status.VERIFIED);
    }
  }

  @Test
  void sourceWithoutTrustedKeysReportsSignedCommitsAsNotChecked() {
    commit(pgpEd25519.signer());

    Verification v = RepositorySource.builder(git.repository()).build().resolve(MAIN).verification();

    assertThat(v.status()).isEqualTo(Status.NOT_CHECKED);
    assertThat(v.signer()).isEmpty();
  }

  /** Replaces text in a commit object, keeping its signature; moves main to the result. */
  private String rewrite(String commitId, String from, String to) throws IOException {
    byte[] raw;
    try (ObjectReader reader = git.repository().newObjectReader()) {
      raw = reader.open(ObjectId.fromString(commitId)).getBytes();
    }
    String text = new String(raw, StandardCharsets.UTF_8);
    assertThat(text).contains(from).contains("gpgsig ");
    byte[] edited = text.replace(from, to).getBytes(StandardCharsets.UTF_8);
    try (ObjectInserter ins = git.repository().newObjectInserter()) {
      ObjectId id = ins.insert(Constants.OBJ_COMMIT, edited);
      ins.flush();
      git.resetBranch("main", id.name());
      return id.name();
    }
  }

  private String tree(String commitId) throws IOException {
    return Commits.peel(git.repository(), ObjectId.fromString(commitId)).getTree().name();
  }
}
