package dev.gitops.source;

import org.jspecify.annotations.Nullable;

/**
 * How to authenticate to a remote repository. {@code toString()} never shows a secret.
 */
public sealed interface Credentials {

  /** Anonymous access. */
  static Credentials none() {
    return None.INSTANCE;
  }

  /**
   * HTTP(S) basic authentication.
   *
   * @throws IllegalArgumentException if the user name or password is null or blank, as when it
   *     was read from an environment variable that is not set (for an access token, which needs
   *     no user name or password, use {@link #token})
   */
  static Credentials basic(String username, String password) {
    return new Basic(username, password);
  }

  /**
   * An HTTP(S) access token, sent as basic authentication the way Git hosts accept tokens
   * (user name {@code git}, the token as password).
   *
   * @throws IllegalArgumentException if the token is null or blank, as when it was read from an
   *     environment variable that is not set
   */
  static Credentials token(String token) {
    return new Basic("git", required(token, "token"));
  }

  /**
   * An SSH private key (OpenSSH or PEM format) with the known_hosts lines the server's host key
   * must match. Host keys are always checked: an unknown or changed host key is refused.
   *
   * @param username user to log in as, usually {@code git}
   * @param privateKey the private key file's text
   * @param passphrase the key's passphrase, or null
   * @param knownHosts known_hosts lines for the server
   * @throws IllegalArgumentException if the user name or private key is null or blank, or the
   *     known_hosts lines are null, as when read from an environment variable that is not set
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
      required(username, "username");
      required(password, "password");
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
      required(username, "username");
      required(privateKey, "privateKey");
      if (knownHosts == null) { // empty is allowed: it trusts no host, and says so on connecting
        required(null, "knownHosts");
      }
    }

    @Override
    public String toString() {
      return "Credentials.sshKey[" + username + ", ****]";
    }
  }

  /**
   * A secret or name that must be there. Most come from environment variables, and an unset one
   * reads as null, an empty one as blank: say so instead of failing later at the remote.
   */
  private static String required(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("credentials: " + what + " is " + (value == null ? "null" : "blank")
          + ": if it was read from an environment variable (System.getenv), that variable is not set"
          + (value == null ? "" : " or is empty"));
    }
    return value;
  }
}
