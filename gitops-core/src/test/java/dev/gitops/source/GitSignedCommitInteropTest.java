package dev.gitops.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.model.Verification;
import dev.gitops.model.Verification.Status;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Commits signed by real Git 2.39 with GnuPG 2.2 and OpenSSH 9.2 ({@code git commit -S}, raw
 * objects from {@code git cat-file commit}), checked against the signers' exported public keys.
 * The resources under {@code signed-commits/} hold both.
 */
class GitSignedCommitInteropTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "openpgp-ed25519,    asc, Ed Signer <ed@example.com>,  2EDADC1B95799E2BD79C155B701B884D429C3B66",
    "openpgp-rsa-subkey, asc, Rsa Signer <rsa@example.com>, 188A878798FDE0776F7E33517FD5537D436D5448",
    "ssh-ed25519,        pub, ed@example.com,    SHA256:kUP94R2BJ3WEtP/ypRMRmtxvofyoSQVQxJiuvVPR6cM",
    "ssh-rsa,            pub, rsa@example.com,   SHA256:/ww9fmobGTnIdtwjYbtGSPj+o8oZjga7QdHqersTEZE",
    "ssh-ecdsa,          pub, ecdsa@example.com, SHA256:LWOvC36uwvmFbQaNsP0J9oQs1hUKHqwCVRnrpvpn818",
  })
  void commitSignedByGitVerifiesAndAnEditedCopyDoesNot(
      String name, String keyKind, String signer, String keyId) throws IOException {
    String key = new String(resource(name + "." + keyKind), StandardCharsets.US_ASCII);
    TrustedKeys keys = keyKind.equals("asc")
        ? TrustedKeys.builder().openPgpKey(key).build()
        : TrustedKeys.builder().sshKey(key.strip()).build();
    byte[] raw = resource(name + ".commit");

    Verification good = keys.verify(raw);
    assertThat(good.status()).as(good.reason()).isEqualTo(Status.VERIFIED);
    assertThat(good.signer()).isEqualTo(signer);
    assertThat(good.keyId()).isEqualTo(keyId);

    String edited = new String(raw, StandardCharsets.UTF_8).replace("signed by", "signed for");
    assertThat(keys.verify(edited.getBytes(StandardCharsets.UTF_8)).status())
        .isEqualTo(Status.BAD_SIGNATURE);
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = GitSignedCommitInteropTest.class.getResourceAsStream("signed-commits/" + name)) {
      assertThat(in).as("resource signed-commits/" + name).isNotNull();
      return in.readAllBytes();
    }
  }
}
