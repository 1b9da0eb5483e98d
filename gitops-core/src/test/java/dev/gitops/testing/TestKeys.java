package dev.gitops.testing;

/**
 * Signing keys for tests, generated fresh in memory: OpenPGP keys (Bouncy Castle) and SSH keys
 * (JDK). Each one gives its public key in the form {@code TrustedKeys} takes and a signer for
 * {@code InMemoryGitRepository.CommitCommand.signer}.
 *
 * <p>RSA keys take a moment to generate; share them across the tests of a class.
 */
public final class TestKeys {
  private TestKeys() {}

  /** An Ed25519 OpenPGP key whose primary key signs. */
  public static OpenPgpTestKey openPgp(String userId) {
    return OpenPgpTestKey.builder(userId).generate();
  }

  /** An RSA 2048 OpenPGP key whose primary key signs. */
  public static OpenPgpTestKey openPgpRsa(String userId) {
    return OpenPgpTestKey.builder(userId).rsa().generate();
  }

  /** Starts an OpenPGP key with options: RSA, a signing subkey, revoked, expired. */
  public static OpenPgpTestKey.Builder openPgpKey(String userId) {
    return OpenPgpTestKey.builder(userId);
  }

  /** An Ed25519 SSH key. */
  public static SshTestKey ssh(String comment) {
    return SshTestKey.generate(SshTestKey.Type.ED25519, comment);
  }

  /** An RSA 2048 SSH key; it signs with rsa-sha2-512. */
  public static SshTestKey sshRsa(String comment) {
    return SshTestKey.generate(SshTestKey.Type.RSA, comment);
  }

  /** An ECDSA SSH key on NIST P-256. */
  public static SshTestKey sshEcdsa(String comment) {
    return SshTestKey.generate(SshTestKey.Type.ECDSA_P256, comment);
  }
}
