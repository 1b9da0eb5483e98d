package dev.gitops.benchmarks;

import dev.gitops.model.Revision;
import dev.gitops.model.Snapshot;
import dev.gitops.model.Verification;
import dev.gitops.render.KustomizeRenderer;
import dev.gitops.render.RenderResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * A Kustomize overlay of 1,000 objects rendered on the same files: by {@link KustomizeRenderer}
 * warm in this JVM, by the same renderer in a fresh JVM (the whole process, as a command-line tool
 * would run; plain {@code java -cp}, and as the {@code gitops} launcher starts it), and by the
 * kustomize binary (the whole process).
 * The ratios of their times are the comparison; the binary is built by
 * {@code tools/kustomize-oracle.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class KustomizeBenchmark {
  static final int OBJECTS = 1000;
  static final String KUSTOMIZE_VERSION = "v5.5.0";

  private Path dir;
  private Path archive;
  private Snapshot snapshot;
  private final KustomizeRenderer renderer = KustomizeRenderer.create();
  private int lastCount;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("kustomize-bench");
    Map<String, byte[]> files = overlay(OBJECTS);
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      Path p = dir.resolve(f.getKey());
      Files.createDirectories(p.getParent());
      Files.write(p, f.getValue());
    }
    Revision revision = new Revision("refs/heads/main", "0".repeat(40), "bench <b@example.invalid>",
        Instant.EPOCH, "benchmark", Verification.notChecked());
    snapshot = Snapshot.of(revision, files).scope("overlay");
    // The launcher's first run: dump the classes a render loads (an archive that cannot be
    // written or mapped is ignored by -Xshare:auto, and the runs go without it).
    archive = dir.resolve("render.jsa");
    try {
      run(java(), "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-XX:ArchiveClassesAtExit=" + archive,
          "-Xlog:cds=off", "-Xlog:cds+dynamic=off", "-cp", System.getProperty("java.class.path"),
          KustomizeBuildMain.class.getName(), dir.resolve("overlay").toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** Our renderer, warm, in this JVM. */
  @Benchmark
  public RenderResult inJvmWarm() {
    RenderResult r = renderer.render(snapshot);
    lastCount = r.objects().size();
    return r;
  }

  /** Our renderer in a fresh JVM: start-up, class loading and one render, as a CLI would. */
  @Benchmark
  public int inFreshJvm() throws IOException, InterruptedException {
    return run(java(), "-cp", System.getProperty("java.class.path"),
        KustomizeBuildMain.class.getName(), dir.resolve("overlay").toString());
  }

  /**
   * The same fresh JVM started the way the CLI's {@code gitops} launcher starts one: the quick C1
   * compiler only, and an application class-data sharing archive that an untimed first run
   * wrote (set up once per trial, as the launcher's first run writes it once per jar).
   */
  @Benchmark
  public int inFreshJvmLauncher() throws IOException, InterruptedException {
    return run(java(), "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-XX:SharedArchiveFile=" + archive,
        "-cp", System.getProperty("java.class.path"), KustomizeBuildMain.class.getName(),
        dir.resolve("overlay").toString());
  }

  /** The kustomize binary: the whole process. */
  @Benchmark
  public int kustomizeBinary() throws IOException, InterruptedException {
    return run(binary().toString(), "build", dir.resolve("overlay").toString());
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    if (lastCount != 0 && lastCount != OBJECTS) {
      throw new IllegalStateException("rendered " + lastCount + " objects, expected " + OBJECTS);
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** Runs a process to completion and returns how many bytes it printed; fails on exit != 0. */
  private static int run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream in = p.getInputStream()) {
      in.transferTo(out);
    }
    int code = p.waitFor();
    if (code != 0) {
      throw new IllegalStateException(command[0] + " exited with " + code);
    }
    return out.size();
  }

  static Path binary() {
    String tools = System.getenv().getOrDefault("GITOPS_TOOLS_DIR",
        System.getProperty("user.home") + "/.cache/gitops-sdk/tools");
    Path p = Path.of(tools, "kustomize-" + KUSTOMIZE_VERSION + "-release", "kustomize");
    if (!Files.isExecutable(p)) {
      throw new IllegalStateException("no kustomize binary at " + p + ": run tools/kustomize-oracle.sh");
    }
    return p;
  }

  /**
   * A base of {@code count} objects (Deployments with Services, and ConfigMaps, in files of 50)
   * and an overlay that renames, labels, moves to a namespace, pins an image, patches replicas
   * and generates a ConfigMap the Deployments refer to.
   */
  static Map<String, byte[]> overlay(int count) {
    Map<String, byte[]> files = new TreeMap<>();
    StringBuilder resources = new StringBuilder("resources:\n");
    int generated = 1;
    int made = 0;
    for (int file = 0; made < count - generated; file++) {
      StringBuilder yaml = new StringBuilder();
      for (int i = 0; i < 50 && made < count - generated; i++, made++) {
        int n = made;
        if (n % 4 == 0) {
          yaml.append("""
              apiVersion: apps/v1
              kind: Deployment
              metadata: {name: app-%d, labels: {app: app-%d}}
              spec:
                replicas: 2
                selector: {matchLabels: {app: app-%d}}
                template:
                  metadata: {labels: {app: app-%d}}
                  spec:
                    containers:
                    - name: main
                      image: registry.example.com/app:1.0
                      envFrom: [{configMapRef: {name: settings}}]
                      ports: [{containerPort: 8080}]
              ---
              """.formatted(n, n, n, n));
        } else if (n % 4 == 1) {
          yaml.append("""
              apiVersion: v1
              kind: Service
              metadata: {name: app-%d}
              spec:
                selector: {app: app-%d}
                ports: [{port: 80, targetPort: 8080}]
              ---
              """.formatted(n - 1, n - 1));
        } else {
          yaml.append("""
              apiVersion: v1
              kind: ConfigMap
              metadata: {name: config-%d}
              data: {key: value-%d, other: "%d"}
              ---
              """.formatted(n, n, n));
        }
      }
      String name = "base/objects-%03d.yaml".formatted(file);
      files.put(name, yaml.toString().getBytes(StandardCharsets.UTF_8));
      resources.append("- objects-%03d.yaml\n".formatted(file));
    }
    files.put("base/kustomization.yaml", resources.toString().getBytes(StandardCharsets.UTF_8));
    files.put("overlay/kustomization.yaml", """
        resources: [../base]
        namespace: prod
        namePrefix: prod-
        commonLabels: {env: prod}
        images:
        - {name: registry.example.com/app, newTag: "2.0"}
        configMapGenerator:
        - {name: settings, literals: [MODE=production, LEVEL=info]}
        patches:
        - target: {kind: Deployment}
          patch: |
            - op: replace
              path: /spec/replicas
              value: 3
        """.getBytes(StandardCharsets.UTF_8));
    return files;
  }
}
