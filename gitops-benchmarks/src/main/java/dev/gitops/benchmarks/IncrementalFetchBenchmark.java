package dev.gitops.benchmarks;

import dev.gitops.model.Revision;
import dev.gitops.model.Snapshot;
import dev.gitops.source.GitCache;
import dev.gitops.source.GitRef;
import dev.gitops.source.InMemoryGitRepository;
import dev.gitops.source.JGitSource;
import dev.gitops.testing.GitHttpServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Incremental fetch of one new commit from a repository of {@value #FILES} files (10 namespaces
 * of 50 applications of 20 manifests, 200 to 500 bytes each), served over smart HTTP on loopback.
 * Before each call one manifest changes on the remote; the call then has to notice and fetch it.
 *
 * <ul>
 *   <li>{@link #resolve}: ask the remote and fetch the new commit into the clone.
 *   <li>{@link #fetchSnapshot}: the same plus materializing the {@link Snapshot} of all
 *       {@value #FILES} files; the difference to {@code resolve} is the snapshot's cost.
 * </ul>
 *
 * <p>{@code shallow} is the source's depth-1 fetch setting ({@code -p shallow=true,false}
 * compares it with full-history fetches).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@State(Scope.Benchmark)
public class IncrementalFetchBenchmark {
  static final int FILES = 10_000;
  private static final String NAME = "config";
  private static final GitRef MAIN = GitRef.branch("main");

  @Param({"true"})
  public boolean shallow;

  private InMemoryGitRepository remote;
  private GitHttpServer server;
  private Path cacheDir;
  private GitCache cache;
  private JGitSource source;
  private int version;
  private String expected;

  /** Generates the repository, serves it and clones it, outside the measurement. */
  @Setup(Level.Trial)
  public void setUp() {
    remote = InMemoryGitRepository.create(NAME);
    Fixtures.commitFiles(remote, FILES);
    server = GitHttpServer.start().register(NAME, remote.repository());
    cacheDir = Fixtures.tempDirectory("gitops-bench-fetch");
    // Interval zero: every call asks the remote, as a webhook-triggered check would.
    cache = GitCache.builder().directory(cacheDir).checkInterval(Duration.ZERO).build();
    source = JGitSource.builder().url(server.url(NAME)).cache(cache).shallow(shallow).build();
    source.fetch(MAIN);
  }

  /**
   * Changes one manifest on the remote before every call. JMH warns that Level.Invocation setup
   * is only sound when each call takes well over a millisecond (it timestamps every call, and the
   * setup's work may disturb caches the call then uses); a loopback fetch takes several
   * milliseconds, so the timing overhead stays small, and the setup runs on the remote's objects,
   * not on the clone the call reads.
   */
  @Setup(Level.Invocation)
  public void pushOneChange() {
    version++;
    // A stride coprime to FILES walks all namespaces and apps instead of one directory.
    int file = (int) ((version * 7_919L) % FILES);
    expected = remote.commit().branch("main")
        .add(Fixtures.path(file), Fixtures.manifest(file, version))
        .message("change " + file + " to version " + version).call();
  }

  /** Ask the remote and fetch the one new commit. */
  @Benchmark
  public Revision resolve() {
    return source.resolve(MAIN);
  }

  /** Ask, fetch, and materialize the snapshot of all files of the new commit. */
  @Benchmark
  public Snapshot fetchSnapshot() {
    return source.fetch(MAIN);
  }

  /** Fails the run unless every measured call fetched exactly the commit pushed before it. */
  @TearDown(Level.Trial)
  public void tearDown() {
    try {
      GitCache.Stats stats = cache.stats(server.url(NAME));
      // One remote check and one fetch for the clone, then one of each per invocation.
      if (stats.fetches() != version + 1 || stats.remoteChecks() != version + 1
          || stats.repairs() != 0) {
        throw new IllegalStateException(version + " invocations but " + stats);
      }
      Snapshot last = source.fetch(MAIN);
      if (!last.revision().commitId().equals(expected) || last.files().size() != FILES) {
        throw new IllegalStateException("the clone is not at " + expected + " with " + FILES
            + " files: " + last.revision() + ", " + last.files().size() + " files");
      }
    } finally {
      server.close();
      Fixtures.deleteRecursively(cacheDir);
    }
  }
}
