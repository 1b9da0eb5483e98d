package dev.gitops.benchmarks;

import dev.gitops.cluster.ApplyOptions;
import dev.gitops.cluster.InMemoryCluster;
import dev.gitops.cluster.LiveCache;
import dev.gitops.diff.DiffOptions;
import dev.gitops.diff.Differ;
import dev.gitops.diff.DriftDetector;
import dev.gitops.diff.DriftOptions;
import dev.gitops.model.Manifest;
import dev.gitops.model.SourceLocation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
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
 * One watch event, end to end, with 5,000 or 50,000 ConfigMaps cached and desired: another
 * manager changes one object in the in-memory cluster, the watch delivers it, the live cache
 * stores it, and the drift detector (debounce zero) diffs that one object and tells its listener.
 * The time per event should not grow with the number of cached objects. It includes the apply
 * itself. The benchmark thread blocks (does not spin) while the event travels, so that the CPU
 * time of all Java threads over an iteration, divided by its events, is the CPU cost of one event;
 * each iteration prints it ({@code cpu per event}).
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class WatchEventBenchmark {
  @Param({"5000", "50000"})
  public int cached;

  private InMemoryCluster cluster;
  private LiveCache cache;
  private DriftDetector detector;
  private final Semaphore heard = new Semaphore(0);
  private final CpuMeter cpu = new CpuMeter();
  private long version;
  private long diffsBefore;
  private long events;

  /** Fills the cluster, starts the cache and the detector, outside the measurement. */
  @Setup
  public void setUp() throws InterruptedException {
    cluster = InMemoryCluster.create();
    List<Manifest> desired = new ArrayList<>(cached);
    for (int i = 0; i < cached; i++) {
      Manifest m = configMap(i, "v");
      desired.add(m);
      cluster.apply(m, ApplyOptions.defaults());
    }
    cache = LiveCache.builder(cluster).kind("", "ConfigMap").resyncPeriod(Duration.ZERO).start();
    if (!cache.awaitSynced(Duration.ofMinutes(2))) {
      throw new IllegalStateException("cache did not sync");
    }
    detector = DriftDetector.start(cache, Differ.of(cluster.schema(), DiffOptions.defaults()),
        DriftOptions.defaults().withDebounce(Duration.ZERO), diff -> heard.release());
    detector.setDesired(desired, List.of());
    detector.checkAll();
    while (detector.diffCount() < cached) {
      Thread.sleep(10);
    }
    heard.drainPermits();
    diffsBefore = detector.diffCount();
  }

  /** Starts counting the CPU time of the iteration. */
  @Setup(Level.Iteration)
  public void startIteration() {
    cpu.start(events);
  }

  /** Prints the CPU time per event of the iteration. */
  @TearDown(Level.Iteration)
  public void endIteration() {
    cpu.print("event", events, "events");
  }

  /** One change by another manager, until the detector has diffed it and told its listener. */
  @Benchmark
  public long event() throws InterruptedException {
    cluster.apply(configMap((int) (version % cached), "edit-" + version++),
        ApplyOptions.defaults().withFieldManager("kubectl-edit").withForce(true));
    events++;
    heard.acquire();
    return version;
  }


  /** Checks that each event cost exactly one diff. */
  @TearDown
  public void tearDown() {
    long diffs = detector.diffCount() - diffsBefore;
    detector.close();
    cache.close();
    if (diffs != events) {
      throw new IllegalStateException(events + " events but " + diffs + " diffs");
    }
  }

  private static Manifest configMap(int i, String value) {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("name", "cm-" + i);
    meta.put("namespace", "default");
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("apiVersion", "v1");
    m.put("kind", "ConfigMap");
    m.put("metadata", meta);
    m.put("data", Map.of("value", value));
    return Manifest.of(m, SourceLocation.unknown());
  }
}
