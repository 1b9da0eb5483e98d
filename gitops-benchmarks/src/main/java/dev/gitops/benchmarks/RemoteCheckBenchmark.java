package dev.gitops.benchmarks;

import dev.gitops.model.Revision;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The no-change check of a remote: a {@link JGitSource} whose clone is already up to date resolves
 * a branch. With a check interval of zero every call asks the remote for its refs (one ref
 * advertisement over smart HTTP on loopback) and, since the tip is already in the clone, fetches
 * nothing. This is the steady-state cost a reconciler pays per repository per poll.
 *
 * <p>The remote holds 100 files on {@code main} and 10 release tags, so the advertisement is
 * small and the measured time is dominated by the HTTP round trips and the per-call work of the
 * source (opening the clone, selecting the ref, parsing the commit).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class RemoteCheckBenchmark {
  private static final String NAME = "config";
  private static final GitRef MAIN = GitRef.branch("main");

  private GitHttpServer server;
  private Path cacheDir;
  private GitCache cache;
  private JGitSource source;
  private String tip;

  /** Serves a small repository and clones it once, outside the measurement. */
  @Setup(Level.Trial)
  public void setUp() {
    InMemoryGitRepository remote = InMemoryGitRepository.create(NAME);
    tip = Fixtures.commitFiles(remote, 100);
    for (int minor = 0; minor < 10; minor++) {
      remote.tag("v1." + minor + ".0", tip);
    }
    server = GitHttpServer.start().register(NAME, remote.repository());
    cacheDir = Fixtures.tempDirectory("gitops-bench-check");
    cache = GitCache.builder().directory(cacheDir).checkInterval(Duration.ZERO).build();
    source = JGitSource.builder().url(server.url(NAME)).cache(cache).build();
    source.fetch(MAIN); // the clone; every later call finds the tip already present
  }

  /** One remote check that finds nothing new. */
  @Benchmark
  public Revision check() {
    return source.resolve(MAIN);
  }

  /** Fails the run if a measured call did anything but ask (a fetch would distort the numbers). */
  @TearDown(Level.Trial)
  public void tearDown() {
    try {
      GitCache.Stats stats = cache.stats(server.url(NAME));
      if (stats.fetches() != 1 || stats.repairs() != 0 || stats.remoteChecks() < 2) {
        throw new IllegalStateException("expected remote checks only after the clone: " + stats);
      }
      if (!source.resolve(MAIN).commitId().equals(tip)) {
        throw new IllegalStateException("resolved a commit other than the tip " + tip);
      }
    } finally {
      server.close();
      Fixtures.deleteRecursively(cacheDir);
    }
  }
}
