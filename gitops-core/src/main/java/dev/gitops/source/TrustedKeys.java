package dev.gitops.source;

import static java.util.Objects.requireNonNull;

import dev.gitops.model.Verification;
import dev.gitops.model.Verification.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.openpgp.PGPPublicKeyRing;

/**
 * The public keys whose signatures make a commit trusted: OpenPGP keys (ASCII-armored, as
 * {@code gpg --armor --export} writes them) and SSH keys (authorized_keys lines, as in a
 * {@code .pub} file). Immutable; keys are parsed when built, so a malformed key fails at
 * configuration time rather than at the first commit.
 *
 * <pre>{@code
 * TrustedKeys keys = TrustedKeys.builder()
 *     .openPgpKey(Files.readString(Path.of("release-team.asc")))
 *     .sshKey("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA... alice@example.com")
 *     .build();
 * Source source = RepositorySource.builder(repository).trustedKeys(keys).build();
 * }</pre>
 *
 * <p>A commit's signature is read from its {@code gpgsig} header, as Git writes it for
 * {@code git commit -S}. The {@link Verification} of a signed commit names:
 *
 * <ul>
 *   <li>for OpenPGP: as {@code signer} the key's primary user id, and as {@code keyId} the
 *       fingerprint of the key or subkey that made the signature, in upper-case hex without
 *       spaces (as {@code gpg --with-colons} prints it);
 *   <li>for SSH ({@code gpg.format=ssh}): as {@code signer} the comment of the authorized_keys
 *       line, and as {@code keyId} the key's {@code SHA256:} fingerprint (as {@code ssh-keygen
 *       -l} prints it). Only signatures in the {@code git} namespace count.
 * </ul>
 *
 * <p>Supported are OpenPGP keys of the algorithms Bouncy Castle verifies (RSA, EdDSA and ECDSA
 * among them) and SSH keys of types {@code ssh-ed25519}, {@code ssh-rsa} (signatures with
 * {@code rsa-sha2-256} or {@code rsa-sha2-512}; SHA-1 is refused) and {@code
 * ecdsa-sha2-nistp256/384/521}. OpenPGP keys that are revoked, or expired when they signed, do
 * not verify. Key ownership, user id certifications and the OpenPGP web of trust are not
 * consulted: being in this set is what makes a key trusted. Instances are safe to share
 * between threads.
 */
public final class TrustedKeys {
  private final List<PGPPublicKeyRing> rings;
  private final List<SshPublicKey> sshKeys;
  private final OpenPgpVerifier openPgp;
  private final SshSignatureVerifier ssh;

  private TrustedKeys(List<PGPPublicKeyRing> openPgp, List<SshPublicKey> ssh) {
    this.rings = List.copyOf(openPgp);
    this.sshKeys = List.copyOf(ssh);
    this.openPgp = new OpenPgpVerifier(openPgp);
    this.ssh = new SshSignatureVerifier(ssh);
  }

  /** All keys of several sets, for checking a signature before asking which set it belongs to. */
  static TrustedKeys union(java.util.Collection<TrustedKeys> sets) {
    List<PGPPublicKeyRing> rings = new ArrayList<>();
    List<SshPublicKey> ssh = new ArrayList<>();
    for (TrustedKeys k : sets) {
      rings.addAll(k.rings);
      ssh.addAll(k.sshKeys);
    }
    return new TrustedKeys(rings, ssh);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Verifies the signature of a raw commit object (the bytes Git hashes, without the {@code
   * commit <length>\0} prefix). Never throws for bad input: an unsigned commit, an unknown key
   * or a signature that is malformed or does not match are outcomes, with a reason.
   */
  Verification verify(byte[] rawCommit) {
    try {
      return check(rawCommit);
    } catch (RuntimeException e) {
      // The commit is untrusted input and Bouncy Castle has many ways to fail on odd packets;
      // whatever slips past the verifiers' own handling is still a bad signature, not an error.
      return new Verification(Status.BAD_SIGNATURE, "", "",
          "the signature cannot be checked: " + e);
    }
  }

  private Verification check(byte[] rawCommit) {
    Optional<CommitSignature> signed = CommitSignature.of(rawCommit);
    if (signed.isEmpty()) {
      return new Verification(Status.UNSIGNED, "", "",
          "the commit has no gpgsig header, so it is not signed");
    }
    String armored = signed.get().armored().strip();
    byte[] payload = signed.get().payload();
    if (armored.startsWith(OpenPgpVerifier.BEGIN)) {
      return openPgp.verify(payload, armored);
    }
    if (armored.startsWith(SshSignature.BEGIN)) {
      return ssh.verify(payload, armored);
    }
    String reason = armored.startsWith("-----BEGIN SIGNED MESSAGE-----")
        ? "the commit carries an X.509 (gpgsm) signature, which is not supported"
        : "the gpgsig header holds neither an OpenPGP nor an SSH signature";
    return new Verification(Status.BAD_SIGNATURE, "", "", reason);
  }

  /** The trusted keys by fingerprint: OpenPGP primary keys in hex, SSH keys as {@code SHA256:}. */
  @Override
  public String toString() {
    List<String> sshKeys = ssh.keys().stream().map(SshPublicKey::toString).toList();
    return "TrustedKeys[openPgp=" + openPgp.fingerprints() + ", ssh=" + sshKeys + "]";
  }

  /** Collects trusted keys; {@link #build()} parses them. */
  public static final class Builder {
    private final List<String> openPgp = new ArrayList<>();
    private final List<String> ssh = new ArrayList<>();

    private Builder() {}

    /**
     * Adds an ASCII-armored OpenPGP public key block; it may hold several keys, and each key's
     * subkeys are trusted with it.
     */
    public Builder openPgpKey(String armored) {
      openPgp.add(requireNonNull(armored, "armored"));
      return this;
    }

    /**
     * Adds an SSH public key as an authorized_keys line, for example {@code ssh-ed25519 AAAA...
     * me}; the comment, if any, names the signer.
     */
    public Builder sshKey(String authorizedKeysLine) {
      ssh.add(requireNonNull(authorizedKeysLine, "authorizedKeysLine"));
      return this;
    }

    /**
     * Parses the keys.
     *
     * @throws IllegalArgumentException if a key is malformed or of an unsupported type; the
     *     message says which one and why
     * @throws IllegalStateException if no key was given, since then no commit could verify
     */
    public TrustedKeys build() {
      if (openPgp.isEmpty() && ssh.isEmpty()) {
        throw new IllegalStateException("TrustedKeys needs at least one OpenPGP or SSH key");
      }
      List<PGPPublicKeyRing> rings = new ArrayList<>();
      for (int i = 0; i < openPgp.size(); i++) {
        try {
          rings.addAll(OpenPgpKeyBlock.parse(openPgp.get(i)));
        } catch (IllegalArgumentException e) {
          throw rejected("OpenPGP key", i, openPgp.get(i), e);
        }
      }
      List<SshPublicKey> sshKeys = new ArrayList<>();
      for (int i = 0; i < ssh.size(); i++) {
        try {
          sshKeys.add(SshPublicKey.parse(ssh.get(i)));
        } catch (IllegalArgumentException e) {
          throw rejected("SSH key", i, ssh.get(i), e);
        }
      }
      return new TrustedKeys(rings, sshKeys);
    }

    private static IllegalArgumentException rejected(
        String kind, int index, String key, IllegalArgumentException cause) {
      return new IllegalArgumentException(kind + " #" + (index + 1) + " (" + excerpt(key)
          + ") cannot be used: " + cause.getMessage(), cause);
    }

    /** Enough of a key's text to recognize it in an error; public keys are not secret. */
    private static String excerpt(String key) {
      String flat = key.replaceAll("-----[A-Z ]+-----", " ").strip().replaceAll("\\s+", " ");
      return "'" + (flat.length() > 48 ? flat.substring(0, 45) + "..." : flat) + "'";
    }
  }
}
