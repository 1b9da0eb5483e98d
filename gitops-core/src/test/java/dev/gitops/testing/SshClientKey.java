package dev.gitops.testing;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Base64;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;

/**
 * A freshly generated SSH client key pair for tests, rendered the ways credentials and servers
 * want it: private key text (OpenSSH, optionally passphrase-protected, or PKCS#8 PEM) and an
 * authorized_keys line.
 *
 * <pre>{@code
 * SshClientKey key = SshClientKey.generate();
 * server.authorize(key.publicKey());
 * Credentials c = Credentials.sshKey("git", key.privateKeyOpenSsh(), null, server.knownHostsLine());
 * }</pre>
 */
public final class SshClientKey {
  private static final String COMMENT = "gitops-test";

  private final KeyPair keyPair;

  private SshClientKey(KeyPair keyPair) {
    this.keyPair = keyPair;
  }

  /** A new Ed25519 key pair. */
  public static SshClientKey generate() {
    return generate(KeyPairProvider.SSH_ED25519, 256);
  }

  /**
   * A new key pair of the given SSH key type.
   *
   * @param keyType for example {@code ssh-ed25519}, {@code ssh-rsa}, {@code ecdsa-sha2-nistp256}
   * @param bits key size (256 for Ed25519, 2048 or more for RSA, the curve size for ECDSA)
   */
  public static SshClientKey generate(String keyType, int bits) {
    try {
      return new SshClientKey(KeyUtils.generateKeyPair(requireNonNull(keyType, "keyType"), bits));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate a " + keyType + " key", e);
    }
  }

  /** An existing key pair. */
  public static SshClientKey of(KeyPair keyPair) {
    return new SshClientKey(requireNonNull(keyPair, "keyPair"));
  }

  /** The key pair itself. */
  public KeyPair keyPair() {
    return keyPair;
  }

  /** The public half, for {@link SshGitServer#authorize(PublicKey)}. */
  public PublicKey publicKey() {
    return keyPair.getPublic();
  }

  /** The private key in OpenSSH format ({@code -----BEGIN OPENSSH PRIVATE KEY-----}), unencrypted. */
  public String privateKeyOpenSsh() {
    return privateKeyOpenSsh(null);
  }

  /**
   * The private key in OpenSSH format, encrypted with {@code passphrase} (AES-256-CTR and bcrypt,
   * as {@code ssh-keygen} does it) unless it is null.
   */
  public String privateKeyOpenSsh(String passphrase) {
    OpenSSHKeyEncryptionContext encryption = null;
    if (passphrase != null) {
      encryption = new OpenSSHKeyEncryptionContext();
      encryption.setCipherName("AES");
      encryption.setCipherType("256");
      encryption.setCipherMode("CTR");
      encryption.setPassword(passphrase);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(keyPair, COMMENT, encryption, out);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot write the private key", e);
    }
    return out.toString(StandardCharsets.US_ASCII);
  }

  /** The private key as unencrypted PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}). */
  public String privateKeyPkcs8Pem() {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(keyPair.getPrivate().getEncoded());
    return "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
  }

  /** The public key as an authorized_keys line: {@code ssh-ed25519 AAAA... gitops-test}. */
  public String authorizedKeyLine() {
    return PublicKeyEntry.toString(keyPair.getPublic()) + " " + COMMENT;
  }

  @Override
  public String toString() {
    return "SshClientKey[" + KeyUtils.getFingerPrint(keyPair.getPublic()) + "]";
  }
}
