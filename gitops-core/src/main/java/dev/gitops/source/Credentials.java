package dev.gitops.source;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * How to authenticate to a remote repository. {@code toString()} never shows a secret.
 */
public sealed interface Credentials {

  /** Anonymous access. */
  static Credentials none() {
    return None.INSTANCE;
  }

  /** HTTP(S) basic authentication. */
  static Credentials basic(String username, String password) {
    return new Basic(username, password);
  }

  /**
   * An HTTP(S) access token, sent as basic authentication the way Git hosts accept tokens
   * (user name {@code git}, the token as password).
   */
  static Credentials token(String token) {
    if (token == null) {
      throw new NullPointerException("token is null: was it read from an environment variable or property"
          + " that is not set?");
    }
    if (token.isBlank()) {
      throw new IllegalArgumentException("token is blank: was it read from an empty variable?");
    }
    return new Basic("git", token);
  }

  /**
   * An SSH private key (OpenSSH or PEM format) with the known_hosts lines the server's host key
   * must match. Host keys are always checked: an unknown or changed host key is refused.
   *
   * @param username user to log in as, usually {@code git}
   * @param privateKey the private key file's text
   * @param passphrase the key's passphrase, or null
   * @param knownHosts known_hosts lines for the server
   */
  static Credentials sshKey(String username, String privateKey, @Nullable String passphrase,
      String knownHosts) {
    return new SshKey(username, privateKey, passphrase, knownHosts);
  }

  /** No credentials. */
  final class None implements Credentials {
    static final None INSTANCE = new None();

    private None() {}

    @Override
    public String toString() {
      return "Credentials.none";
    }
  }

  /** User name and password or token. */
  record Basic(String username, String password) implements Credentials {
    public Basic {
      requireNonNull(username, "username");
      requireNonNull(password, "password");
    }

    @Override
    public String toString() {
      return "Credentials.basic[" + username + ", ****]";
    }
  }

  /** SSH key authentication with strict host key checking. */
  record SshKey(String username, String privateKey, @Nullable String passphrase, String knownHosts)
      implements Credentials {
    public SshKey {
      requireNonNull(username, "username");
      requireNonNull(privateKey, "privateKey");
      requireNonNull(knownHosts, "knownHosts");
    }

    @Override
    public String toString() {
      return "Credentials.sshKey[" + username + ", ****]";
    }
  }
}
