package dev.gitops.source;

import java.io.PrintWriter;
import java.io.StringWriter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gitops.model.Revision;
import dev.gitops.model.Snapshot;
import dev.gitops.testing.GitHttpServer;
import dev.gitops.testing.MutableClock;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JGitSource against a real Git smart-HTTP server on loopback with basic authentication. */
class JGitSourceHttpTest {
  private static final String USER = "deployer";
  private static final String PASSWORD = "s3cret-pa55";

  @TempDir Path cacheDir;
  private GitHttpServer server;
  private InMemoryGitRepository remote;
  private MutableClock clock;
  private GitCache cache;

  @BeforeEach
  void setUp() {
    remote = InMemoryGitRepository.create("config");
    server = GitHttpServer.start().register("config", remote.repository())
        .requireBasicAuth(USER, PASSWORD);
    clock = new MutableClock();
    cache = GitCache.builder().directory(cacheDir).checkInterval(Duration.ofMinutes(1))
        .clock(clock).build();
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  private JGitSource source() {
    return JGitSource.builder().url(server.url("config")).cache(cache)
        .credentials(Credentials.basic(USER, PASSWORD)).readTimeout(Duration.ofSeconds(20)).build();
  }

  private String commit(String path, String content) {
    return remote.commit().branch("main").add(path, content).message("change " + path).call();
  }

  @Test
  void resolvesBranchToItsTipAndFetchesItsFiles() {
    String id = commit("apps/web/deploy.yaml", "kind: Deployment\n");

    Snapshot snapshot = source().fetch(GitRef.branch("main"));

    assertThat(snapshot.revision().commitId()).isEqualTo(id);
    assertThat(snapshot.revision().ref()).isEqualTo("refs/heads/main");
    assertThat(snapshot.revision().subject()).isEqualTo("change apps/web/deploy.yaml");
    assertThat(snapshot.files()).containsExactly("apps/web/deploy.yaml");
    assertThat(snapshot.readString("apps/web/deploy.yaml")).isEqualTo("kind: Deployment\n");
  }

  @Test
  void newCommitIsFetchedIncrementallyAfterTheCheckInterval() {
    commit("a.yaml", "v: 1\n");
    JGitSource source = source();
    source.fetch(GitRef.branch("main"));
    String second = commit("a.yaml", "v: 2\n");

    // Within the interval the refs seen last are reused: no new remote check.
    assertThat(source.resolve(GitRef.branch("main")).commitId()).isNotEqualTo(second);
    clock.advance(Duration.ofMinutes(1));
    Snapshot snapshot = source.fetch(GitRef.branch("main"));

    assertThat(snapshot.revision().commitId()).isEqualTo(second);
    assertThat(snapshot.readString("a.yaml")).isEqualTo("v: 2\n");
    assertThat(cache.stats(server.url("config"))).isEqualTo(new GitCache.Stats(2, 2, 0, 0));
  }

  @Test
  void manyIncrementalFetchesAreRepackedIntoFewPacks() throws IOException {
    JGitSource source = source();
    for (int i = 0; i <= JGitSource.MAX_PACKS + 1; i++) {
      commit("a.yaml", "v: " + i + "\n");
      clock.advance(Duration.ofMinutes(1));
      source.fetch(GitRef.branch("main"));
    }

    assertThat(cache.stats(server.url("config")).repacks()).isEqualTo(1);
    try (Stream<Path> packs = Files.walk(cacheDir)) {
      assertThat(packs.filter(p -> p.toString().endsWith(".pack")).count())
          .isLessThanOrEqualTo(JGitSource.MAX_PACKS);
    }
    assertThat(source.fetch(GitRef.branch("main")).readString("a.yaml"))
        .isEqualTo("v: " + (JGitSource.MAX_PACKS + 1) + "\n");
  }

  @Test
  void unchangedRemoteCostsOneRefAdvertisementAndNoFetch() {
    commit("a.yaml", "v: 1\n");
    JGitSource source = source();
    source.fetch(GitRef.branch("main"));
    int before = server.refAdvertisements("config");

    clock.advance(Duration.ofMinutes(1));
    source.fetch(GitRef.branch("main"));

    assertThat(server.refAdvertisements("config") - before).isEqualTo(1);
    assertThat(cache.stats(server.url("config")).fetches()).isEqualTo(1);
  }

  @Test
  void manySourcesOfOneRepositoryShareOneRemoteCheckPerInterval() {
    commit("a.yaml", "v: 1\n");
    List<JGitSource> sources = List.of(source(), source(), source());

    for (int i = 0; i < 3; i++) {
      sources.forEach(s -> s.resolve(GitRef.branch("main")));
    }
    assertThat(cache.stats(server.url("config")).remoteChecks()).isEqualTo(1);

    clock.advance(Duration.ofSeconds(61));
    sources.forEach(s -> s.resolve(GitRef.branch("main")));
    assertThat(cache.stats(server.url("config")).remoteChecks()).isEqualTo(2);
  }

  @Test
  void invalidateMakesTheNextResolveAskTheRemote() {
    commit("a.yaml", "v: 1\n");
    JGitSource source = source();
    source.resolve(GitRef.branch("main"));
    String second = commit("a.yaml", "v: 2\n");

    cache.invalidate(server.url("config"));

    assertThat(source.resolve(GitRef.branch("main")).commitId()).isEqualTo(second);
  }

  @Test
  void forcePushedBranchIsFollowedToTheRewrittenHistory() {
    commit("a.yaml", "v: 1\n");
    commit("b.yaml", "v: 1\n");
    JGitSource source = source();
    source.fetch(GitRef.branch("main"));
    String rewritten =
        remote.commit().branch("rewrite").orphan().add("c.yaml", "v: 3\n").message("new").call();
    remote.resetBranch("main", rewritten);

    clock.advance(Duration.ofMinutes(2));
    Snapshot snapshot = source.fetch(GitRef.branch("main"));

    assertThat(snapshot.revision().commitId()).isEqualTo(rewritten);
    assertThat(snapshot.files()).containsExactly("c.yaml");
  }

  @Test
  void tagsResolveAndFollowMovesAndDeletion() {
    String first = commit("a.yaml", "v: 1\n");
    remote.tag("v1.0.0", first);
    String annotatedTarget = commit("a.yaml", "v: 2\n");
    remote.annotatedTag("v2.0.0", annotatedTarget, "release 2");
    JGitSource source = source();

    assertThat(source.resolve(GitRef.tag("v1.0.0")).commitId()).isEqualTo(first);
    Revision annotated = source.resolve(GitRef.tag("v2.0.0"));
    assertThat(annotated.commitId()).isEqualTo(annotatedTarget);
    assertThat(annotated.ref()).isEqualTo("refs/tags/v2.0.0");

    String moved = commit("a.yaml", "v: 3\n");
    remote.tag("v1.0.0", moved);
    remote.deleteRef("refs/tags/v2.0.0");
    clock.advance(Duration.ofMinutes(2));

    assertThat(source.fetch(GitRef.tag("v1.0.0")).readString("a.yaml")).isEqualTo("v: 3\n");
    assertThatThrownBy(() -> source.resolve(GitRef.tag("v2.0.0")))
        .isInstanceOf(RefNotFoundException.class)
        .hasMessageContaining("tag v2.0.0")
        .hasMessageContaining(server.url("config"));
  }

  @Test
  void commitsResolveByFullAndShortIdIncludingOlderOnes() {
    String old = commit("a.yaml", "v: 1\n");
    commit("a.yaml", "v: 2\n");
    JGitSource source = source();
    source.fetch(GitRef.branch("main")); // shallow clone of the tip only

    assertThat(source.fetch(GitRef.commit(old)).readString("a.yaml")).isEqualTo("v: 1\n");
    assertThat(source.resolve(GitRef.commit(old.substring(0, 10))).commitId()).isEqualTo(old);
    assertThat(source.resolve(GitRef.commit(old)).ref()).isEqualTo(old);
  }

  @Test
  void commitTakesPrecedenceOverBranchAndTag() {
    String first = commit("a.yaml", "v: 1\n");
    String second = commit("a.yaml", "v: 2\n");
    remote.tag("v1", second);

    Revision r = source().resolve(new GitRef("main", "v1", null, first));

    assertThat(r.commitId()).isEqualTo(first);
  }

  @Test
  void missingBranchTagAndCommitAreRefNotFoundNamingTheRef() {
    commit("a.yaml", "v: 1\n");
    JGitSource source = source();

    assertThatThrownBy(() -> source.resolve(GitRef.branch("nope")))
        .isInstanceOf(RefNotFoundException.class).hasMessageContaining("branch nope");
    assertThatThrownBy(() -> source.resolve(GitRef.tag("v9")))
        .isInstanceOf(RefNotFoundException.class).hasMessageContaining("tag v9");
    assertThatThrownBy(() -> source.resolve(GitRef.commit("0123456789abcdef0123456789abcdef01234567")))
        .isInstanceOf(RefNotFoundException.class).hasMessageContaining("no such commit");
  }

  @Test
  void wrongPasswordIsAnAuthenticationErrorThatDoesNotLeakSecrets() {
    commit("a.yaml", "v: 1\n");
    JGitSource source = JGitSource.builder().url(server.url("config")).cache(cache)
        .credentials(Credentials.basic(USER, "wrong-password")).build();

    assertThatThrownBy(() -> source.resolve(GitRef.branch("main")))
        .isInstanceOf(SourceAuthenticationException.class)
        .hasMessageContaining(server.url("config"))
        .hasMessageNotContaining("wrong-password");
  }

  @Test
  void passwordInTheUrlIsRemovedFromErrors() {
    commit("a.yaml", "v: 1\n");
    String url = server.url("config").replace("http://", "http://" + USER + ":" + PASSWORD + "@");
    JGitSource source = JGitSource.builder().url(url).cache(cache).build();

    assertThat(source.resolve(GitRef.branch("main")).commitId()).hasSize(40);
    assertThatThrownBy(() -> source.resolve(GitRef.branch("missing")))
        .isInstanceOf(RefNotFoundException.class)
        .hasMessageContaining("http://" + USER + "@127.0.0.1")
        .hasMessageNotContaining(PASSWORD);
  }

  @Test
  void tokenInTheUrlQueryIsRemovedFromErrorsAndTheirCauses() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String secret = "ghp_s3cr3tQueryToken";
    JGitSource source = JGitSource.builder()
        .url("http://127.0.0.1:" + port + "/git/config?private_token=" + secret + "&x=1")
        .cache(cache).connectTimeout(Duration.ofSeconds(3)).build();

    Throwable thrown = catchThrowable(() -> source.resolve(GitRef.branch("main")));
    assertThat(thrown).isInstanceOf(SourceUnreachableException.class)
        .hasMessageContaining("127.0.0.1:" + port + "/git/config?private_token=***&x=***");
    StringWriter trace = new StringWriter();
    thrown.printStackTrace(new PrintWriter(trace));
    assertThat(trace.toString()).doesNotContain(secret).contains("Caused by");
    assertThat(((SourceException) thrown).repository()).doesNotContain(secret);
  }

  @Test
  void unsupportedTransportIsRefusedBeforeAnyClone() {
    assertThatThrownBy(() -> JGitSource.builder().url("ftp://git.example.com/config.git")
        .cache(cache).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unsupported Git transport 'ftp'");
    assertThatThrownBy(() -> JGitSource.builder().url("https://host/repo\u0000.git")
        .cache(cache).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("control character (U+0000)");
  }

  @Test
  void filesWhosePathsNormalizeAlikeAreRefusedNotMerged() {
    remote.commit().branch("main").add("apps/prod/cm.yaml", "kind: ConfigMap # reviewed\n")
        .add("apps\\prod\\cm.yaml", "kind: ConfigMap # sneaked in\n").message("two names").call();

    assertThatThrownBy(() -> source().fetch(GitRef.branch("main")))
        .isInstanceOf(dev.gitops.model.PathCollisionException.class)
        .hasMessageContaining("'apps/prod/cm.yaml'")
        .hasMessageContaining("'apps\\prod\\cm.yaml'");
  }

  @Test
  void missingCredentialsAreAnAuthenticationError() {
    commit("a.yaml", "v: 1\n");
    JGitSource source = JGitSource.builder().url(server.url("config")).cache(cache).build();

    assertThatThrownBy(() -> source.resolve(GitRef.branch("main")))
        .isInstanceOf(SourceAuthenticationException.class);
  }

  @Test
  void closedPortIsUnreachable() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    JGitSource source = JGitSource.builder().url("http://127.0.0.1:" + port + "/git/config")
        .cache(cache).connectTimeout(Duration.ofSeconds(3)).build();

    assertThatThrownBy(() -> source.resolve(GitRef.branch("main")))
        .isInstanceOf(SourceUnreachableException.class)
        .hasMessageContaining("127.0.0.1:" + port);
  }

  @Test
  void serverThatNeverAnswersTimesOut() throws Exception {
    try (ServerSocket silent = new ServerSocket(0)) {
      // Accepts connections (the kernel backlog does) but never writes a byte.
      JGitSource source = JGitSource.builder()
          .url("http://127.0.0.1:" + silent.getLocalPort() + "/git/config")
          .cache(cache).connectTimeout(Duration.ofSeconds(30)).readTimeout(Duration.ofSeconds(1))
          .build();

      CompletableFuture<Revision> call =
          CompletableFuture.supplyAsync(() -> source.resolve(GitRef.branch("main")));

      assertThatThrownBy(() -> call.get(25, TimeUnit.SECONDS))
          .hasCauseInstanceOf(SourceUnreachableException.class)
          .hasMessageContaining("no answer within 1 s");
    }
  }

  @Test
  void serverThatCannotAcceptIsAConnectTimeout() throws Exception {
    // A listener with a full accept queue: the kernel drops further connection attempts, so
    // connecting hangs until the connect limit (Linux loopback behaviour).
    try (ServerSocket full = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      List<java.net.Socket> fillers = new java.util.ArrayList<>();
      try {
        for (int i = 0; i < 4; i++) {
          java.net.Socket s = new java.net.Socket();
          try {
            s.connect(full.getLocalSocketAddress(), 300);
            fillers.add(s);
          } catch (IOException queueIsFull) {
            s.close();
            break;
          }
        }
        JGitSource source = JGitSource.builder()
            .url("http://127.0.0.1:" + full.getLocalPort() + "/git/config")
            .cache(cache).connectTimeout(Duration.ofMillis(800)).readTimeout(Duration.ofSeconds(30))
            .build();

        CompletableFuture<Revision> call =
            CompletableFuture.supplyAsync(() -> source.resolve(GitRef.branch("main")));

        assertThatThrownBy(() -> call.get(25, TimeUnit.SECONDS))
            .hasCauseInstanceOf(SourceUnreachableException.class)
            .hasMessageContaining("cannot connect within 800 ms");
      } finally {
        for (java.net.Socket s : fillers) {
          s.close();
        }
      }
    }
  }

  @Test
  void unknownRepositoryIsASourceErrorNamingIt() {
    JGitSource source = JGitSource.builder().url(server.url("nothing-here")).cache(cache)
        .credentials(Credentials.basic(USER, PASSWORD)).build();

    assertThatThrownBy(() -> source.resolve(GitRef.branch("main")))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining(server.url("nothing-here"));
  }

  @Test
  void corruptCloneIsReplacedByAFreshOne() throws IOException {
    commit("a.yaml", "v: 1\n");
    JGitSource source = source();
    source.fetch(GitRef.branch("main"));
    String second = commit("a.yaml", "v: 2\n");
    try (Stream<Path> files = Files.walk(cacheDir)) {
      for (Path p : files.filter(Files::isRegularFile)
          .filter(p -> p.toString().contains("objects")).toList()) {
        Files.write(p, new byte[] {1, 2, 3});
      }
    }

    clock.advance(Duration.ofMinutes(2));
    Snapshot snapshot = source.fetch(GitRef.branch("main"));

    assertThat(snapshot.revision().commitId()).isEqualTo(second);
    assertThat(snapshot.readString("a.yaml")).isEqualTo("v: 2\n");
    assertThat(cache.stats(server.url("config")).repairs()).isEqualTo(1);
  }

  @Test
  void staleLockFileInTheCloneIsRepaired() throws IOException {
    commit("a.yaml", "v: 1\n");
    JGitSource source = source();
    source.fetch(GitRef.branch("main"));
    String second = commit("a.yaml", "v: 2\n");
    Path clone;
    try (Stream<Path> dirs = Files.list(cacheDir)) {
      clone = dirs.filter(Files::isDirectory).findFirst().orElseThrow();
    }
    // A process that died mid-fetch leaves lock files behind.
    Files.createDirectories(clone.resolve("refs/heads"));
    Files.writeString(clone.resolve("refs/heads/main.lock"), "");

    clock.advance(Duration.ofMinutes(2));

    assertThat(source.resolve(GitRef.branch("main")).commitId()).isEqualTo(second);
    assertThat(cache.stats(server.url("config")).repairs()).isEqualTo(1);
  }

  @Test
  void fetchesOfOneRepositoryAreSerializedAndOtherRepositoriesProceed() throws Exception {
    commit("a.yaml", "v: 1\n");
    InMemoryGitRepository other = InMemoryGitRepository.create("other");
    other.commit().add("b.yaml", "v: 1\n").call();
    server.register("other", other.repository());
    JGitSource a1 = source();
    JGitSource a2 = source();
    JGitSource b = JGitSource.builder().url(server.url("other")).cache(cache)
        .credentials(Credentials.basic(USER, PASSWORD)).build();
    CountDownLatch release = server.hold("config");
    try {
      CompletableFuture<Revision> first = CompletableFuture.supplyAsync(() -> a1.resolve(GitRef.branch("main")));
      CompletableFuture<Revision> second = CompletableFuture.supplyAsync(() -> a2.resolve(GitRef.branch("main")));
      waitFor(() -> server.requestsArrived("config") >= 1);

      // Another repository is not blocked by the slow one.
      assertThat(b.resolve(GitRef.branch("main")).commitId()).hasSize(40);
      // The second source of the slow repository waits for the first instead of asking too.
      Thread.sleep(200);
      assertThat(server.requestsArrived("config")).isEqualTo(1);
      assertThat(first).isNotDone();
      assertThat(second).isNotDone();

      release.countDown();
      assertThat(first.get(30, TimeUnit.SECONDS).commitId())
          .isEqualTo(second.get(30, TimeUnit.SECONDS).commitId());
      assertThat(cache.stats(server.url("config")).remoteChecks()).isEqualTo(1);
    } finally {
      release.countDown();
    }
  }

  private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 20 s");
      }
      Thread.sleep(10);
    }
  }
}
