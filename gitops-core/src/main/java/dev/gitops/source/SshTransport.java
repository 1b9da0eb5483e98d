package dev.gitops.source;

import static java.util.Objects.requireNonNull;
import static org.apache.sshd.common.SshConstants.SSH2_DISCONNECT_HOST_KEY_NOT_VERIFIABLE;
import static org.apache.sshd.common.SshConstants.SSH2_DISCONNECT_NO_MORE_AUTH_METHODS_AVAILABLE;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.sshd.client.config.hosts.KnownHostHashValue;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.SshException;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.errors.TransportException;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.RemoteSession;
import org.eclipse.jgit.transport.SshConfigStore;
import org.eclipse.jgit.transport.SshConstants;
import org.eclipse.jgit.transport.SshSessionFactory;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;
import org.eclipse.jgit.util.FS;

/**
 * SSH set-up for {@link Credentials.SshKey}: a JGit (Apache MINA sshd) session factory that is
 * configured by the credentials alone; package-private.
 *
 * <ul>
 *   <li>Authentication is public-key only, with the one private key of the credentials (OpenSSH
 *       or PEM text, decrypted with the passphrase if one is given). The key is parsed in memory
 *       and never written to disk. Keys in {@code ~/.ssh}, an SSH agent, and the user's
 *       {@code ~/.ssh/config} are never used.
 *   <li>The server's host key must match the credentials' known_hosts text (see
 *       {@link SshKnownHosts}): an unknown host, a changed or a revoked key is refused; nothing
 *       is ever asked or added.
 *   <li>The user name is the one in the URL, else the credentials' user name.
 *   <li>Connecting, key exchange and login together must finish within the source's timeout
 *       (JGit alone bounds only the TCP connect); after that, the timeout applies to each read
 *       as for every transport.
 *   <li>JGit's home and {@code .ssh} directories point at one private (owner-only), empty
 *       temporary directory of the process, so nothing in the user's home is read or written.
 * </ul>
 *
 * <p>Factories are cached per credentials and timeout (a few, least recently used first out), so
 * repeated fetches parse the key once and create no files.
 *
 * <p>Refusals come out as {@link Refused}: an untrusted host key (with the reason: no entry for
 * the host, a different key, a revoked key), or a failed login. A private key that cannot be
 * read (wrong or missing passphrase, not a key) does not fail here: every connection then fails
 * with a {@link Refused} login that says so.
 */
final class SshTransport {
  /** Factories kept; a process normally uses one or two SSH credentials. */
  private static final int MAX_CACHED = 16;

  private static final Map<CacheKey, SshSessionFactory> FACTORIES =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<CacheKey, SshSessionFactory> eldest) {
          // Evicted factories are not closed: a fetch may still be using one, and without a
          // key cache an SshdSessionFactory holds nothing that outlives its sessions.
          return size() > MAX_CACHED;
        }
      };

  /** Threads that open SSH sessions, so that the set-up can be bounded by the timeout. */
  private static final ExecutorService CONNECTING = Executors.newCachedThreadPool(task -> {
    Thread t = new Thread(task, "gitops-ssh-connect");
    t.setDaemon(true);
    return t;
  });

  private static Path privateHome;

  private SshTransport() {}

  private record CacheKey(Credentials.SshKey key, Duration timeout) {}

  /**
   * A callback that makes SSH transports use {@code key}; other transports are left alone.
   *
   * @param key the private key, passphrase, user name and known_hosts text
   * @param timeout limit for connecting to the server and authenticating
   */
  static TransportConfigCallback callback(Credentials.SshKey key, Duration timeout) {
    SshSessionFactory factory = factory(key, timeout);
    return transport -> {
      if (transport instanceof org.eclipse.jgit.transport.SshTransport ssh) {
        ssh.setSshSessionFactory(factory);
      }
    };
  }

  /** The cached session factory for these credentials and timeout. */
  static SshSessionFactory factory(Credentials.SshKey key, Duration timeout) {
    requireNonNull(key, "key");
    requireNonNull(timeout, "timeout");
    synchronized (FACTORIES) {
      return FACTORIES.computeIfAbsent(new CacheKey(key, timeout), SshTransport::create);
    }
  }

  private static SshSessionFactory create(CacheKey k) {
    List<KeyPair> keys;
    try {
      keys = loadKeys(k.key());
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      // The parsers' messages name the failure, never the key material or the passphrase.
      return new UnusableKey(k.key().passphrase() == null
          ? "it cannot be read as an OpenSSH or PEM private key (an encrypted key needs a"
              + " passphrase): " + e
          : "it cannot be read as an OpenSSH or PEM private key with the given passphrase: " + e);
    }
    if (keys.isEmpty()) {
      return new UnusableKey("the text holds no OpenSSH or PEM private key");
    }
    SshKnownHosts knownHosts = SshKnownHosts.parse(k.key().knownHosts());
    HostConfig config = new HostConfig(k.key().username(), k.timeout());
    Path home = privateHome();
    SshdSessionFactory sshd = new SshdSessionFactoryBuilder()
        .setHomeDirectory(home.toFile())
        .setSshDirectory(home.toFile())
        // Our own options instead of ~/.ssh/config.
        .setConfigStoreFactory((h, configFile, localUser) -> config)
        .setDefaultIdentities(dir -> List.of())
        .setDefaultKeysProvider(dir -> keys)
        .setDefaultKnownHostsFiles(dir -> List.of())
        .setServerKeyDatabase((h, dir) -> knownHosts)
        .setPreferredAuthentications("publickey")
        // No SSH agent (the builder's default would look for one).
        .setConnectorFactory(null)
        .build(null);
    return new Sessions(sshd, knownHosts, k.key().username());
  }

  private static List<KeyPair> loadKeys(Credentials.SshKey key)
      throws IOException, GeneralSecurityException {
    FilePasswordProvider password = key.passphrase() == null
        ? FilePasswordProvider.EMPTY : FilePasswordProvider.of(key.passphrase());
    Iterable<KeyPair> pairs = SecurityUtils.loadKeyPairIdentities(null,
        NamedResource.ofName("SSH private key of " + key.username()),
        new ByteArrayInputStream(key.privateKey().getBytes(StandardCharsets.UTF_8)), password);
    List<KeyPair> out = new ArrayList<>();
    if (pairs != null) {
      pairs.forEach(out::add);
    }
    return List.copyOf(out);
  }

  /**
   * JGit's home and .ssh directory: one directory only this user can read, created once per
   * process and left empty. With the overrides in {@link #create} JGit reads nothing from it; it
   * only keeps JGit away from the user's home.
   */
  private static synchronized Path privateHome() {
    if (privateHome == null) {
      Path dir;
      try {
        try {
          dir = Files.createTempDirectory("gitops-ssh-",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException notPosix) {
          dir = Files.createTempDirectory("gitops-ssh-"); // per-user temp directory on Windows
        }
        dir.toFile().deleteOnExit();
      } catch (IOException e) {
        // No writable temp directory: a path that does not exist serves as well, since nothing
        // is read from it, and SSH should not fail for it.
        dir = Path.of(System.getProperty("java.io.tmpdir"), "gitops-ssh-" + UUID.randomUUID());
      }
      privateHome = dir;
    }
    return privateHome;
  }

  /** The fixed ssh_config options of one set of credentials, for every host. */
  private static final class HostConfig implements SshConfigStore, SshConfigStore.HostConfig {
    private final Map<String, String> options = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    HostConfig(String user, Duration timeout) {
      options.put(SshConstants.USER, user);
      options.put(SshConstants.CONNECT_TIMEOUT, Long.toString(Math.max(1, timeout.toSeconds())));
      options.put(SshConstants.PREFERRED_AUTHENTICATIONS, "publickey");
      options.put(SshConstants.STRICT_HOST_KEY_CHECKING, SshConstants.YES);
      options.put(SshConstants.IDENTITY_AGENT, SshConstants.NONE);
      options.put(SshConstants.ADD_KEYS_TO_AGENT, SshConstants.NO);
      options.put(SshConstants.BATCH_MODE, SshConstants.YES);
    }

    @Override
    public SshConfigStore.HostConfig lookup(String hostName, int port, String userName) {
      return this;
    }

    @Override
    public SshConfigStore.HostConfig lookupDefault(String hostName, int port, String userName) {
      return this;
    }

    @Override
    public String getValue(String key) {
      return options.get(key);
    }

    @Override
    public List<String> getValues(String key) {
      String v = options.get(key);
      return v == null ? List.of() : List.of(v);
    }

    @Override
    public Map<String, String> getOptions() {
      return Map.copyOf(options);
    }

    @Override
    public Map<String, List<String>> getMultiValuedOptions() {
      return Map.of();
    }
  }

  /**
   * An SSH connection was refused for a reason the caller should report precisely: the host key
   * is not trusted, or authentication failed.
   */
  static final class Refused extends TransportException {
    private static final long serialVersionUID = 1L;
    private final String reason;
    private final boolean authentication;

    Refused(URIish uri, String reason, Throwable cause, boolean authentication) {
      super(uri, reason, cause);
      this.reason = reason;
      this.authentication = authentication;
    }

    /** The message without the URL. */
    String reason() {
      return reason;
    }

    /** True for authentication failures, false for an untrusted host key. */
    boolean isAuthentication() {
      return authentication;
    }
  }

  /** JGit's sshd sessions, with refusals turned into {@link Refused} that say why. */
  private static final class Sessions extends SshSessionFactory {
    private final SshdSessionFactory sshd;
    private final SshKnownHosts knownHosts;
    private final String defaultUser;

    Sessions(SshdSessionFactory sshd, SshKnownHosts knownHosts, String defaultUser) {
      this.sshd = sshd;
      this.knownHosts = knownHosts;
      this.defaultUser = defaultUser;
    }

    @Override
    public RemoteSession getSession(URIish uri, CredentialsProvider credentials, FS fs, int tms)
        throws TransportException {
      if (tms <= 0) {
        return open(uri, credentials, fs, tms);
      }
      // JGit bounds only the TCP connect by the timeout; key exchange and login may take sshd's
      // two-minute authentication timeout, e.g. against a port that accepts and stays silent.
      // So the whole set-up runs on a helper thread and is abandoned (interrupted, which makes
      // JGit close the half-open session) when the timeout is up.
      Future<RemoteSession> opening = CONNECTING.submit(() -> open(uri, credentials, fs, tms));
      try {
        return opening.get(tms, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        if (opening.cancel(true)) {
          throw new TransportException(uri, "no SSH session within " + tms / 1000
              + " s (connect, key exchange and login)",
              new SocketTimeoutException("SSH session set-up timed out"));
        }
        return finished(uri, opening); // it completed just now
      } catch (InterruptedException e) {
        opening.cancel(true);
        Thread.currentThread().interrupt();
        throw new TransportException(uri, "interrupted while opening an SSH session",
            new InterruptedIOException());
      } catch (ExecutionException e) {
        throw unwrap(uri, e);
      }
    }

    private static RemoteSession finished(URIish uri, Future<RemoteSession> done)
        throws TransportException {
      try {
        return done.get();
      } catch (ExecutionException e) {
        throw unwrap(uri, e);
      } catch (InterruptedException | CancellationException e) {
        throw new TransportException(uri, "SSH session set-up was cancelled", e);
      }
    }

    private static TransportException unwrap(URIish uri, ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof TransportException t) {
        return t;
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      return new TransportException(uri, String.valueOf(cause.getMessage()), cause);
    }

    private RemoteSession open(URIish uri, CredentialsProvider credentials, FS fs, int tms)
        throws TransportException {
      try {
        return sshd.getSession(uri, credentials, fs, tms);
      } catch (TransportException e) {
        int code = disconnectCode(e);
        if (code == SSH2_DISCONNECT_HOST_KEY_NOT_VERIFIABLE) {
          String address = KnownHostHashValue.createHostPattern(uri.getHost(),
              uri.getPort() > 0 ? uri.getPort() : SshConstants.SSH_DEFAULT_PORT);
          String why = knownHosts.refusal(address);
          throw new Refused(uri, why != null ? why
              : "SSH host key not trusted: it is not the key known_hosts gives for " + address,
              e, false);
        }
        if (code == SSH2_DISCONNECT_NO_MORE_AUTH_METHODS_AVAILABLE) {
          String detail = String.valueOf(e.getMessage());
          String prefix = uri.setPass(null) + ": "; // TransportException puts the URL first
          if (detail.startsWith(prefix)) {
            detail = detail.substring(prefix.length());
          }
          String user = uri.getUser() != null ? uri.getUser() : defaultUser;
          throw new Refused(uri, "SSH login as '" + user + "' refused: " + detail, e, true);
        }
        throw e;
      }
    }

    @Override
    public void releaseSession(RemoteSession session) {
      sshd.releaseSession(session);
    }

    @Override
    public String getType() {
      return sshd.getType();
    }

    private static int disconnectCode(Throwable e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof SshException s && s.getDisconnectCode() != 0) {
          return s.getDisconnectCode();
        }
      }
      return 0;
    }
  }

  /** Fails every connection because the private key cannot be read. */
  private static final class UnusableKey extends SshSessionFactory {
    private final String reason;

    UnusableKey(String reason) {
      this.reason = reason;
    }

    @Override
    public RemoteSession getSession(URIish uri, CredentialsProvider credentials, FS fs, int tms)
        throws TransportException {
      throw new Refused(uri, "the SSH private key cannot be used: " + reason, null, true);
    }

    @Override
    public String getType() {
      return "gitops-unusable-ssh-key";
    }
  }
}
