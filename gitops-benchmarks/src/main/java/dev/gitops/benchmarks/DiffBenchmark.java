package dev.gitops.benchmarks;

import dev.gitops.cluster.InMemoryCluster;
import dev.gitops.cluster.LiveObject;
import dev.gitops.diff.DiffOptions;
import dev.gitops.diff.DiffStatus;
import dev.gitops.diff.Differ;
import dev.gitops.diff.ResourceDiff;
import dev.gitops.model.Manifest;
import dev.gitops.model.Snapshot;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Diffs of 10,000 Deployments of 2 to 8 KB against their live objects as the in-memory cluster
 * stores them after our apply (managedFields included, so the diff compares over our owned
 * fields), all in sync: the steady state of a reconciler. {@code diffAll}, {@code firstDiffs},
 * {@code render} and {@code renderAndDiff} report time per object ({@link
 * OperationsPerInvocation}); {@code diffOne} samples single diffs for the median and tail.
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class DiffBenchmark {
  static final int OBJECTS = 10_000;

  private Snapshot snapshot;
  private List<Manifest> desired;
  private List<LiveObject> live;
  private Differ differ;
  private int next;

  /** Renders the objects and applies them once, outside the measurement. */
  @Setup
  public void setUp() {
    snapshot = DiffFixtures.snapshot(OBJECTS);
    desired = DiffFixtures.render(snapshot);
    InMemoryCluster cluster = InMemoryCluster.create();
    live = DiffFixtures.applyAll(cluster, desired);
    differ = Differ.of(cluster.schema(), DiffOptions.defaults());
    for (int i = 0; i < OBJECTS; i++) {
      ResourceDiff d = differ.diff(desired.get(i), Optional.of(live.get(i)));
      if (d.status() != DiffStatus.IN_SYNC) {
        throw new IllegalStateException("fixture not in sync: " + d.changes());
      }
    }
  }

  /** Every object diffed once; time per object. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @OperationsPerInvocation(OBJECTS)
  public void diffAll(Blackhole bh) {
    for (int i = 0; i < OBJECTS; i++) {
      bh.consume(differ.diff(desired.get(i), Optional.of(live.get(i))));
    }
  }

  /**
   * Every object diffed once as a new manifest of the same rendered tree: a manifest's first diff
   * (as in {@code renderAndDiff}) without the render; time per object.
   */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @OperationsPerInvocation(OBJECTS)
  public void firstDiffs(Blackhole bh) {
    for (int i = 0; i < OBJECTS; i++) {
      Manifest m = desired.get(i);
      bh.consume(differ.diff(Manifest.of(m.object(), m.source()), Optional.of(live.get(i))));
    }
  }

  /** One object per call, cycling through all; sampled for percentiles. */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public ResourceDiff diffOne() {
    int i = next;
    next = i + 1 == OBJECTS ? 0 : i + 1;
    return differ.diff(desired.get(i), Optional.of(live.get(i)));
  }

  /** The snapshot rendered by PlainRenderer, without a diff: {@code renderAndDiff}'s first part; time per object. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @OperationsPerInvocation(OBJECTS)
  public List<Manifest> render() {
    return DiffFixtures.render(snapshot);
  }

  /** The snapshot rendered by PlainRenderer, then every object diffed; time per object. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @OperationsPerInvocation(OBJECTS)
  public void renderAndDiff(Blackhole bh) {
    List<Manifest> rendered = DiffFixtures.render(snapshot);
    for (int i = 0; i < OBJECTS; i++) {
      bh.consume(differ.diff(rendered.get(i), Optional.of(live.get(i))));
    }
  }
}
