package dev.gitops.benchmarks;

import dev.gitops.model.Revision;
import dev.gitops.model.Snapshot;
import dev.gitops.model.Verification;
import dev.gitops.render.PlainRenderer;
import dev.gitops.render.RenderResult;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
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
 * Plain render of a directory of 10,000 manifests (200-500 bytes each, one object per file) from
 * an in-memory snapshot: YAML parsing, object trees, duplicate checks, ordering.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
public class PlainRenderBenchmark {
  @Param("10000")
  public int objects;

  private Snapshot snapshot;
  private final PlainRenderer renderer = PlainRenderer.strict();
  private int rendered;

  @Setup(Level.Trial)
  public void setUp() {
    Map<String, byte[]> files = new HashMap<>();
    for (int i = 0; i < objects; i++) {
      files.put(Fixtures.path(i), Fixtures.manifest(i, 0).getBytes(StandardCharsets.UTF_8));
    }
    Revision revision = new Revision("refs/heads/main", "0".repeat(40), "bench <b@example.invalid>",
        Instant.EPOCH, "benchmark", Verification.notChecked());
    snapshot = Snapshot.of(revision, files);
  }

  /** Renders all objects; returns the result so the JIT cannot drop the work. */
  @Benchmark
  public RenderResult render() {
    RenderResult r = renderer.render(snapshot);
    rendered = r.objects().size();
    return r;
  }

  @TearDown(Level.Trial)
  public void check() {
    if (rendered != objects) {
      throw new IllegalStateException("rendered " + rendered + " objects, expected " + objects);
    }
  }
}
