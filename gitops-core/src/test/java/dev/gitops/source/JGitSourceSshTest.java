package dev.gitops.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gitops.model.Revision;
import dev.gitops.model.Snapshot;
import dev.gitops.testing.SshClientKey;
import dev.gitops.testing.SshGitServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link JGitSource} over SSH against a real SSH server on loopback. */
class JGitSourceSshTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final Path USER_SSH = Path.of(System.getProperty("user.home"), ".ssh");
  private static HomeState homeBefore;

  @TempDir Path tmp;

  private SshGitServer server;
  private InMemoryGitRepository git;
  private SshClientKey key;
  private String first;

  /** What ~/.ssh looked like, to prove the tests leave it alone. */
  private record HomeState(boolean dirExists, boolean knownHostsExists, byte[] knownHosts) {
    static HomeState now() throws IOException {
      Path kh = USER_SSH.resolve("known_hosts");
      boolean khExists = Files.isRegularFile(kh);
      return new HomeState(Files.isDirectory(USER_SSH), khExists,
          khExists ? Files.readAllBytes(kh) : null);
    }
  }

  @BeforeAll
  static void recordHome() throws IOException {
    homeBefore = HomeState.now();
  }

  @AfterAll
  static void homeIsUntouched() throws IOException {
    HomeState after = HomeState.now();
    assertThat(after.dirExists()).as("~/.ssh exists").isEqualTo(homeBefore.dirExists());
    assertThat(after.knownHostsExists()).as("~/.ssh/known_hosts exists")
        .isEqualTo(homeBefore.knownHostsExists());
    assertThat(after.knownHosts()).as("~/.ssh/known_hosts").isEqualTo(homeBefore.knownHosts());
  }

  @BeforeEach
  void startServer() {
    server = SshGitServer.start();
    git = InMemoryGitRepository.create("config");
    first = git.commit().add("app/cm.yaml", "v: 1\n").message("first").call();
    server.register("config", git.repository());
    key = SshClientKey.generate();
    server.authorize(key.publicKey());
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  private GitCache cache() {
    return GitCache.builder().directory(tmp.resolve("cache")).build();
  }

  private JGitSource source(String url, Credentials credentials, GitCache cache) {
    return JGitSource.builder().url(url).credentials(credentials).cache(cache).connectTimeout(TIMEOUT).readTimeout(TIMEOUT)
        .build();
  }

  private JGitSource source(Credentials credentials) {
    return source(server.url("config"), credentials, cache());
  }

  private Credentials credentials(String knownHosts) {
    return Credentials.sshKey("git", key.privateKeyOpenSsh(), null, knownHosts);
  }

  @Test
  void fetchesABranchWithTheKeyAndKnownHosts() {
    JGitSource source = source(credentials(server.knownHostsLine()));

    Snapshot snapshot = source.fetch(GitRef.branch("main"), "app");

    assertThat(snapshot.readString("cm.yaml")).isEqualTo("v: 1\n");
    assertThat(snapshot.revision().commitId()).isEqualTo(first);
    assertThat(snapshot.revision().ref()).isEqualTo("refs/heads/main");
  }

  @Test
  void seesANewCommitAfterTheCacheIsInvalidated() {
    GitCache cache = cache();
    String url = server.url("config");
    JGitSource source = source(url, credentials(server.knownHostsLine()), cache);
    assertThat(source.resolve(GitRef.branch("main")).commitId()).isEqualTo(first);

    String second = git.commit().add("app/cm.yaml", "v: 2\n").message("second").call();
    // Within the check interval the remote is not asked again.
    assertThat(source.resolve(GitRef.branch("main")).commitId()).isEqualTo(first);
    cache.invalidate(url);

    Snapshot snapshot = source.fetch(GitRef.branch("main"), "app");
    assertThat(snapshot.revision().commitId()).isEqualTo(second);
    assertThat(snapshot.readString("cm.yaml")).isEqualTo("v: 2\n");
    assertThat(cache.stats(url).remoteChecks()).isEqualTo(2);
  }

  @Test
  void asksTheRemoteEveryTimeWithAZeroCheckInterval() {
    GitCache cache = GitCache.builder().directory(tmp.resolve("cache"))
        .checkInterval(Duration.ZERO).build();
    JGitSource source = source(server.url("config"), credentials(server.knownHostsLine()), cache);
    assertThat(source.resolve(GitRef.branch("main")).commitId()).isEqualTo(first);

    String second = git.commit().add("app/cm.yaml", "v: 2\n").message("second").call();

    assertThat(source.resolve(GitRef.branch("main")).commitId()).isEqualTo(second);
  }

  @Test
  void takesTheUserNameFromTheCredentialsWhenTheUrlHasNone() {
    String url = server.url("config").replace(SshGitServer.USER + "@", "");
    JGitSource source = source(url, credentials(server.knownHostsLine()), cache());

    assertThat(source.resolve(GitRef.branch("main")).commitId()).isEqualTo(first);
  }

  @Test
  void aKeyTheServerDoesNotAuthorizeIsAnAuthenticationFailure() {
    SshClientKey stranger = SshClientKey.generate();
    JGitSource source = source(Credentials.sshKey("git", stranger.privateKeyOpenSsh(), null,
        server.knownHostsLine()));

    assertThatThrownBy(() -> source.resolve(GitRef.branch("main")))
        .isInstanceOf(SourceAuthenticationException.class)
        .hasMessageContaining(server.url("config"))
        .hasMessageNotContaining("PRIVATE KEY");
  }

  @Test
  void aChangedHostKeyIsNotTrusted() {
    SshClientKey other = SshClientKey.generate();
    JGitSource source = source(credentials(server.knownHostsLine(other.publicKey())));

    assertThatThrownBy(() -> source.resolve(GitRef.branch("main")))
        .isInstanceOf(SourceUnreachableException.class)
        .hasMessageContaining("host key not trusted")
        .hasMessageContaining("changed");
  }

  @Test
  void emptyKnownHostsTrustsNoHost() {
    JGitSource source = source(credentials(""));

    assertThatThrownBy(() -> source.resolve(GitRef.branch("main")))
        .isInstanceOf(SourceUnreachableException.class)
        .hasMessageContaining("host key not trusted")
        .hasMessageContaining("no entry for [127.0.0.1]:" + server.port());
  }

  @Test
  void theRightKeyForAnotherPortIsNotTrusted() {
    String otherPort = server.knownHostsLine().replace(":" + server.port() + " ", ":1 ");
    JGitSource source = source(credentials(otherPort));

    assertThatThrownBy(() -> source.resolve(GitRef.branch("main")))
        .isInstanceOf(SourceUnreachableException.class)
        .hasMessageContaining("not trusted");
  }

  @Test
  void aClosedPortIsUnreachable() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = socket.getLocalPort();
    }
    String url = "ssh://git@127.0.0.1:" + port + "/config";
    JGitSource source = source(url, credentials("[127.0.0.1]:" + port + " "
        + server.knownHostsLine().split(" ", 2)[1]), cache());

    assertThatThrownBy(() -> source.resolve(GitRef.branch("main")))
        .isInstanceOf(SourceUnreachableException.class)
        .hasMessageContaining(url);
  }

  @Test
  void aPortThatAcceptsButNeverAnswersTimesOut() throws IOException {
    try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
      String url = "ssh://git@127.0.0.1:" + silent.getLocalPort() + "/config";
      JGitSource source = JGitSource.builder().url(url)
          .credentials(credentials(server.knownHostsLine())).cache(cache())
          .connectTimeout(Duration.ofSeconds(1)).readTimeout(Duration.ofSeconds(1)).build();
      long start = System.nanoTime();

      assertThatThrownBy(() -> source.resolve(GitRef.branch("main")))
          .isInstanceOf(SourceUnreachableException.class)
          .hasMessageContaining("no answer within 1 s");
      // Without a bound on the SSH set-up this takes sshd's two-minute login timeout.
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    }
  }

  @Test
  void aPassphraseProtectedKeyWorksWithItsPassphrase() {
    String encrypted = key.privateKeyOpenSsh("correct horse");
    assertThat(encrypted).contains("BEGIN OPENSSH PRIVATE KEY");
    JGitSource source = source(
        Credentials.sshKey("git", encrypted, "correct horse", server.knownHostsLine()));

    Revision revision = source.resolve(GitRef.branch("main"));

    assertThat(revision.commitId()).isEqualTo(first);
  }

  @Test
  void aWrongPassphraseIsAnAuthenticationFailure() {
    JGitSource source = source(Credentials.sshKey("git", key.privateKeyOpenSsh("correct horse"),
        "battery staple", server.knownHostsLine()));

    assertThatThrownBy(() -> source.resolve(GitRef.branch("main")))
        .isInstanceOf(SourceAuthenticationException.class)
        .hasMessageContaining("passphrase")
        .hasMessageNotContaining("battery staple");
  }

  @Test
  void anEncryptedKeyWithoutPassphraseIsAnAuthenticationFailure() {
    JGitSource source = source(Credentials.sshKey("git", key.privateKeyOpenSsh("correct horse"),
        null, server.knownHostsLine()));

    assertThatThrownBy(() -> source.resolve(GitRef.branch("main")))
        .isInstanceOf(SourceAuthenticationException.class)
        .hasMessageContaining("passphrase");
  }

  @Test
  void textThatIsNoKeyIsAnAuthenticationFailure() {
    JGitSource source = source(
        Credentials.sshKey("git", "not a key", null, server.knownHostsLine()));

    assertThatThrownBy(() -> source.resolve(GitRef.branch("main")))
        .isInstanceOf(SourceAuthenticationException.class)
        .hasMessageContaining("private key");
  }

  @Test
  void acceptsAnRsaKeyInPkcs8PemFormat() {
    SshClientKey rsa = SshClientKey.generate("ssh-rsa", 2048);
    server.authorize(rsa.publicKey());
    JGitSource source = source(Credentials.sshKey("git", rsa.privateKeyPkcs8Pem(), null,
        server.knownHostsLine()));

    assertThat(source.resolve(GitRef.branch("main")).commitId()).isEqualTo(first);
  }

  @Test
  void anUnknownRepositoryIsNotFound() {
    JGitSource source = source(server.url("nope"), credentials(server.knownHostsLine()), cache());

    assertThatThrownBy(() -> source.resolve(GitRef.branch("main")))
        .isInstanceOf(SourceException.class)
        .isNotInstanceOf(SourceUnreachableException.class)
        .isNotInstanceOf(SourceAuthenticationException.class)
        .hasMessageContaining("not found");
  }

  @Test
  void reusesOneSessionFactoryPerCredentialsAndTimeout() {
    Credentials.SshKey credentials =
        (Credentials.SshKey) credentials(server.knownHostsLine());
    Credentials.SshKey equal = (Credentials.SshKey) Credentials.sshKey(credentials.username(),
        credentials.privateKey(), null, credentials.knownHosts());

    assertThat(SshTransport.factory(equal, TIMEOUT))
        .isSameAs(SshTransport.factory(credentials, TIMEOUT))
        .isNotSameAs(SshTransport.factory(credentials, TIMEOUT.plusSeconds(1)));
  }
}
