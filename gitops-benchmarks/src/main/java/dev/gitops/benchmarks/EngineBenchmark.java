package dev.gitops.benchmarks;

import dev.gitops.apply.ChangeSet;
import dev.gitops.cluster.InMemoryCluster;
import dev.gitops.engine.Application;
import dev.gitops.engine.Engine;
import dev.gitops.engine.SyncRequest;
import dev.gitops.engine.SyncResult;
import dev.gitops.plan.Plan;
import dev.gitops.render.PlainRenderer;
import dev.gitops.source.GitRef;
import dev.gitops.source.InMemoryGitRepository;
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
 * The engine's steady state on the embedded defaults (an in-memory Git repository of generated
 * Deployments of 2 to 8 KB, the plain renderer, the in-memory cluster), after a first sync
 * outside the measurement.
 *
 * <ul>
 *   <li>{@code noChangeSync}: an automated sync whose commit and live objects have not changed;
 *       it must neither render nor write (checked at tear-down). Each iteration prints the CPU
 *       time of all Java threads per sync.
 *   <li>{@code commitOneFile}: one file of the repository changes (outside the measured time),
 *       then the engine plans the new commit: re-rendering and re-diffing only what changed.
 *   <li>{@code fullPlan}: the same new commit planned by a fresh engine and renderer (nothing
 *       cached): the full fetch, render and diff that {@code commitOneFile} is compared with.
 * </ul>
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class EngineBenchmark {
  @Param({"1000"})
  public int objects;

  private final CpuMeter cpu = new CpuMeter();
  private InMemoryGitRepository repo;
  private Counting cluster;
  private Engine engine;
  private Application app;
  private long syncs;
  private long writesBefore;
  private int commits;

  @Setup
  public void setUp() {
    repo = InMemoryGitRepository.create("bench");
    var commit = repo.commit().message("initial");
    for (int i = 0; i < objects; i++) {
      commit.add(String.format("apps/app-%05d.yaml", i), DiffFixtures.deployment(i));
    }
    commit.call();
    cluster = new Counting(InMemoryCluster.create());
    engine = Engine.builder().build();
    app = application(PlainRenderer.strict());
    SyncResult first = engine.sync(app);
    if (first.changes().hasFailures() || first.changes().entries().size() < objects) {
      throw new IllegalStateException("first sync did not apply everything: " + first.outcome()
          + " " + first.changes().summary());
    }
    SyncResult second = engine.sync(app, SyncRequest.automated());
    if (!second.changes().equals(ChangeSet.empty())) {
      throw new IllegalStateException("second sync was not a no-op: " + second.changes().summary());
    }
    writesBefore = cluster.writes.get();
  }

  private Application application(PlainRenderer renderer) {
    return Application.builder("bench").source(repo.source()).ref(GitRef.branch("main"))
        .renderer(renderer).destination(cluster, "default")
        // No controllers in memory: a Deployment never becomes ready, so do not wait for it.
        .options(dev.gitops.apply.SyncOptions.defaults().withHealthTimeout(java.time.Duration.ZERO))
        .build();
  }

  @Setup(Level.Iteration)
  public void startIteration() {
    cpu.start(syncs);
  }

  @TearDown(Level.Iteration)
  public void endIteration() {
    cpu.print("sync", syncs, "syncs of " + objects + " objects");
  }

  /** A commit of one changed file, made before each call of the commit benchmarks. */
  @Setup(Level.Invocation)
  public void changeOneFile(org.openjdk.jmh.infra.BenchmarkParams params) {
    if (!params.getBenchmark().endsWith("noChangeSync")) {
      long before = cpu.nanos();
      int i = commits++ % objects;
      repo.commit().message("change " + i).add(String.format("apps/app-%05d.yaml", i),
          DiffFixtures.deployment(i).replace("replicas: ", "replicas: 1")).call();
      cpu.exclude(cpu.nanos() - before); // the commit is set-up, not the engine's work
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public SyncResult noChangeSync() {
    syncs++;
    return engine.sync(app, SyncRequest.automated());
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public Plan commitOneFile() {
    syncs++;
    return engine.plan(app);
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public Plan fullPlan() {
    syncs++;
    try (Engine fresh = Engine.builder().build()) {
      return fresh.plan(application(PlainRenderer.strict()));
    }
  }

  /** The no-change sync must not have written anything to the cluster. */
  @TearDown
  public void tearDown() {
    if (cluster.writes.get() != writesBefore && commits == 0) {
      throw new IllegalStateException("no-change syncs wrote to the cluster: "
          + (cluster.writes.get() - writesBefore) + " writes");
    }
    engine.close();
  }

  /** Counts writes (applies, status applies, deletes). */
  static final class Counting extends dev.gitops.cluster.ForwardingCluster {
    final java.util.concurrent.atomic.AtomicLong writes = new java.util.concurrent.atomic.AtomicLong();

    Counting(dev.gitops.cluster.Cluster delegate) {
      super(delegate);
    }

    @Override
    public dev.gitops.cluster.LiveObject apply(dev.gitops.model.Manifest desired,
        dev.gitops.cluster.ApplyOptions options) {
      writes.incrementAndGet();
      return super.apply(desired, options);
    }

    @Override
    public dev.gitops.cluster.LiveObject applyStatus(dev.gitops.model.Manifest desired,
        dev.gitops.cluster.ApplyOptions options) {
      writes.incrementAndGet();
      return super.applyStatus(desired, options);
    }

    @Override
    public dev.gitops.cluster.DeleteResult delete(dev.gitops.model.ObjectKey key,
        dev.gitops.cluster.DeleteOptions options) {
      writes.incrementAndGet();
      return super.delete(key, options);
    }
  }
}
