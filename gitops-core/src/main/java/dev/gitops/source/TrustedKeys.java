package dev.gitops.source;

import dev.gitops.model.Verification;
import java.util.ArrayList;
import java.util.List;

/**
 * The public keys whose signatures make a commit trusted: OpenPGP keys (ASCII-armored) and SSH
 * keys (authorized_keys lines). PLACEHOLDER: parsing and verification come next.
 */
public final class TrustedKeys {
  private final List<String> openPgp;
  private final List<String> ssh;

  private TrustedKeys(List<String> openPgp, List<String> ssh) {
    this.openPgp = List.copyOf(openPgp);
    this.ssh = List.copyOf(ssh);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Verifies the signature of a raw commit object (the bytes Git hashes, without header). */
  Verification verify(byte[] rawCommit) {
    throw new UnsupportedOperationException("signature verification not implemented yet");
  }

  /** Collects trusted keys. */
  public static final class Builder {
    private final List<String> openPgp = new ArrayList<>();
    private final List<String> ssh = new ArrayList<>();

    private Builder() {}

    /** Adds an ASCII-armored OpenPGP public key block (may hold several keys). */
    public Builder openPgpKey(String armored) {
      openPgp.add(armored);
      return this;
    }

    /** Adds an SSH public key as an authorized_keys line, for example {@code ssh-ed25519 AAAA... me}. */
    public Builder sshKey(String authorizedKeysLine) {
      ssh.add(authorizedKeysLine);
      return this;
    }

    public TrustedKeys build() {
      return new TrustedKeys(openPgp, ssh);
    }
  }
}
