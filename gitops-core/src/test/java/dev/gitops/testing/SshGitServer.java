package dev.gitops.testing;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.AbstractCommandSupport;
import org.apache.sshd.server.command.Command;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.UploadPack;

/**
 * An SSH Git server on 127.0.0.1 and an ephemeral port, for tests: Apache MINA sshd with a fresh
 * Ed25519 host key, public-key authentication of user {@value #USER} against the keys given to
 * {@link #authorize(PublicKey)}, and the {@code git-upload-pack} and {@code git-receive-pack}
 * commands served by JGit for repositories registered by name (Git protocol v0 and v2).
 *
 * <pre>{@code
 * try (SshGitServer server = SshGitServer.start()) {
 *   server.register("config", repo.repository());
 *   server.authorize(clientKey.publicKey());
 *   Credentials c = Credentials.sshKey("git", clientKey.privateKeyOpenSsh(), null,
 *       server.knownHostsLine());
 *   JGitSource.builder().url(server.url("config")).credentials(c)...
 * }
 * }</pre>
 *
 * <p>Only the given keys are accepted, no passwords. A repository that is not registered is
 * answered the way Git does ({@code fatal: ... does not appear to be a git repository}, exit
 * 128); any other command is refused with exit 127.
 */
public final class SshGitServer implements AutoCloseable {
  /** The only user name the server accepts. */
  public static final String USER = "git";

  private static final String HOST = "127.0.0.1";
  // git-upload-pack '/name', git upload-pack '/name', or without quotes.
  private static final Pattern COMMAND =
      Pattern.compile("git[- ](upload-pack|receive-pack) +(?:'((?:[^']|'\\\\'')*)'|(\\S+))");

  private final SshServer sshd;
  private final KeyPair hostKey;
  private final Map<String, Repository> repositories = new ConcurrentHashMap<>();
  private final Set<PublicKey> authorized = new CopyOnWriteArraySet<>();

  private SshGitServer(KeyPair hostKey) {
    this.hostKey = hostKey;
    this.sshd = SshServer.setUpDefaultServer();
    sshd.setHost(HOST);
    sshd.setPort(0);
    sshd.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
    sshd.setPasswordAuthenticator(null);
    sshd.setKeyboardInteractiveAuthenticator(null);
    sshd.setPublickeyAuthenticator((user, key, session) -> USER.equals(user)
        && authorized.stream().anyMatch(k -> KeyUtils.compareKeys(k, key)));
    sshd.setCommandFactory(this::createCommand);
  }

  /** Starts a server with a new Ed25519 host key. */
  public static SshGitServer start() {
    try {
      return start(KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate an Ed25519 host key", e);
    }
  }

  /** Starts a server with the given host key, for example to restart one with the same key. */
  public static SshGitServer start(KeyPair hostKey) {
    SshGitServer server = new SshGitServer(requireNonNull(hostKey, "hostKey"));
    try {
      server.sshd.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the SSH server", e);
    }
    return server;
  }

  /**
   * Serves {@code repo} as {@code name}; {@code name} and {@code name.git} both find it.
   *
   * @return this server
   */
  public SshGitServer register(String name, Repository repo) {
    repositories.put(stripSlashes(requireNonNull(name, "name")), requireNonNull(repo, "repo"));
    return this;
  }

  /**
   * Accepts {@code key} for user {@value #USER}.
   *
   * @return this server
   */
  public SshGitServer authorize(PublicKey key) {
    authorized.add(requireNonNull(key, "key"));
    return this;
  }

  /** Stops accepting {@code key}; sessions already authenticated go on. */
  public SshGitServer revoke(PublicKey key) {
    authorized.remove(requireNonNull(key, "key"));
    return this;
  }

  /** The port the server listens on. */
  public int port() {
    return sshd.getPort();
  }

  /** {@code ssh://git@127.0.0.1:<port>/<name>}. */
  public String url(String name) {
    return "ssh://" + USER + "@" + HOST + ":" + port() + "/" + stripSlashes(name);
  }

  /** The host key pair, to start another server that the same known_hosts line trusts. */
  public KeyPair hostKeyPair() {
    return hostKey;
  }

  /** The server's public host key. */
  public PublicKey hostKey() {
    return hostKey.getPublic();
  }

  /** The known_hosts line for this server: {@code [127.0.0.1]:<port> ssh-ed25519 AAAA...}. */
  public String knownHostsLine() {
    return knownHostsLine(hostKey.getPublic());
  }

  /** A known_hosts line that claims {@code key} is this server's host key (for negative tests). */
  public String knownHostsLine(PublicKey key) {
    return "[" + HOST + "]:" + port() + " " + PublicKeyEntry.toString(key);
  }

  /** Stops the server at once, closing open sessions. */
  @Override
  public void close() {
    try {
      sshd.stop(true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stop the SSH server", e);
    }
  }

  private Command createCommand(ChannelSession channel, String command) {
    Matcher m = COMMAND.matcher(command.strip());
    if (!m.matches()) {
      return new Failure(command, 127, "unsupported command: " + command);
    }
    String path = m.group(2) != null ? m.group(2).replace("'\\''", "'") : m.group(3);
    Repository repo = lookup(path);
    if (repo == null) {
      return new Failure(command, 128,
          "fatal: '" + path + "' does not appear to be a git repository");
    }
    return new GitService(command, m.group(1).equals("upload-pack"), repo);
  }

  private Repository lookup(String path) {
    String name = stripSlashes(path);
    Repository repo = repositories.get(name);
    if (repo == null && name.endsWith(".git")) {
      repo = repositories.get(name.substring(0, name.length() - 4));
    }
    return repo;
  }

  private static String stripSlashes(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && s.charAt(start) == '/') {
      start++;
    }
    while (end > start && s.charAt(end - 1) == '/') {
      end--;
    }
    return s.substring(start, end);
  }

  /** Runs JGit's upload-pack or receive-pack over the channel's streams. */
  private static final class GitService extends AbstractCommandSupport {
    private final boolean upload;
    private final Repository repo;

    GitService(String command, boolean upload, Repository repo) {
      super(command, null);
      this.upload = upload;
      this.repo = repo;
    }

    @Override
    public void run() {
      int status = 0;
      String message = null;
      try {
        if (upload) {
          UploadPack up = new UploadPack(repo);
          String protocol = getEnvironment().getEnv().get("GIT_PROTOCOL");
          if (protocol != null) {
            // The client asks for protocol v2 through this variable, as with git over OpenSSH.
            up.setExtraParameters(Arrays.asList(protocol.split(":")));
          }
          up.upload(getInputStream(), getOutputStream(), getErrorStream());
        } else {
          new ReceivePack(repo).receive(getInputStream(), getOutputStream(), getErrorStream());
        }
      } catch (IOException | RuntimeException e) {
        status = 1;
        message = String.valueOf(e.getMessage());
        writeQuietly(getErrorStream(), "fatal: " + message + "\n");
      } finally {
        flushQuietly(getOutputStream());
        flushQuietly(getErrorStream());
        onExit(status, message == null ? "" : message);
      }
    }
  }

  /** Writes a message to stderr and exits with a status, as a failing Git command does. */
  private static final class Failure extends AbstractCommandSupport {
    private final int status;
    private final String message;

    Failure(String command, int status, String message) {
      super(command, null);
      this.status = status;
      this.message = message;
    }

    @Override
    public void run() {
      writeQuietly(getErrorStream(), message + "\n");
      flushQuietly(getErrorStream());
      onExit(status, message);
    }
  }

  private static void writeQuietly(OutputStream out, String text) {
    try {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException ignored) {
      // the client has gone; nothing to report to
    }
  }

  private static void flushQuietly(OutputStream out) {
    try {
      out.flush();
    } catch (IOException ignored) {
      // the client has gone; nothing to report to
    }
  }
}
