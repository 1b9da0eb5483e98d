package dev.gitops.benchmarks;

import dev.gitops.apply.SyncOptions;
import dev.gitops.cluster.ApplyOptions;
import dev.gitops.engine.Application;
import dev.gitops.engine.Engine;
import dev.gitops.engine.SyncResult;
import dev.gitops.k8s.FabricCluster;
import dev.gitops.model.Manifest;
import dev.gitops.model.SourceLocation;
import dev.gitops.render.PlainRenderer;
import dev.gitops.source.GitRef;
import dev.gitops.source.InMemoryGitRepository;
import dev.gitops.test.apiserver.KubeApiServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
 * A first sync into a real kube-apiserver (built by {@code tools/k8s-test-binaries.sh}, started
 * here): {@code engine} syncs 1,000 Deployments of 2 to 8 KB from an in-memory Git repository
 * into an empty namespace with a fresh {@link Engine} (render, diff, inventory, ordered parallel
 * server-side apply, history record); {@code kubectl} runs {@code kubectl apply --server-side} of
 * the same files into another empty namespace, as a whole process. Both on the same server, one
 * after the other in one run: compare them as a ratio. Each call gets a namespace of its own.
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
public class FirstSyncBenchmark {
  @Param({"1000"})
  public int objects;

  private KubeApiServer server;
  private FabricCluster cluster;
  private InMemoryGitRepository repo;
  private Path files;
  private Path kubeconfig;
  private int namespaces;
  private String namespace;
  private Duration serverCpuAtStart;
  private long clientCpuAtStart;
  private long wallAtStart;
  private Duration kubectlCpu = Duration.ZERO;

  @Setup
  public void setUp() throws IOException {
    server = KubeApiServer.start();
    cluster = FabricCluster.builder().config(server.config()).name("bench").build();
    repo = InMemoryGitRepository.create("first-sync");
    files = Files.createTempDirectory("first-sync");
    var commit = repo.commit().message("objects");
    for (int i = 0; i < objects; i++) {
      String yaml = DiffFixtures.deployment(i).replace("\n  namespace: default\n", "\n");
      commit.add(String.format("app-%05d.yaml", i), yaml);
      Files.writeString(files.resolve(String.format("app-%05d.yaml", i)), yaml);
    }
    commit.call();
    kubeconfig = files.getParent().resolve("first-sync-kubeconfig-" + System.nanoTime());
    Path ca = Files.writeString(files.getParent().resolve(kubeconfig.getFileName() + ".ca"), server.caCertificatePem());
    Files.writeString(kubeconfig, """
        apiVersion: v1
        kind: Config
        clusters: [{name: bench, cluster: {server: "%s", certificate-authority: "%s"}}]
        users: [{name: admin, user: {token: "%s"}}]
        contexts: [{name: bench, context: {cluster: bench, user: admin}}]
        current-context: bench
        """.formatted(server.url(), ca, server.token()));
  }

  /** An empty namespace for the next call. */
  @Setup(Level.Invocation)
  public void freshNamespace() {
    namespace = "first-sync-" + namespaces++;
    cluster.apply(Manifest.of(Map.of("apiVersion", "v1", "kind", "Namespace",
        "metadata", Map.of("name", namespace)), SourceLocation.unknown()), ApplyOptions.defaults());
    kubectlCpu = Duration.ZERO;
    serverCpuAtStart = server.cpuTime();
    clientCpuAtStart = processCpu();
    wallAtStart = System.nanoTime();
  }

  /**
   * Prints what the call cost the server (kube-apiserver and etcd) and the client, in CPU time.
   * On a machine with C cores no client can finish before (server CPU + client CPU) / C: that
   * floor, beside kubectl's wall time, bounds the ratio any parallelism can reach here.
   */
  @TearDown(Level.Invocation)
  public void printCpu() {
    long wallMs = (System.nanoTime() - wallAtStart) / 1_000_000;
    long serverMs = server.cpuTime().minus(serverCpuAtStart).toMillis();
    long clientMs = kubectlCpu.isZero() ? (processCpu() - clientCpuAtStart) / 1_000_000 : kubectlCpu.toMillis();
    int cores = Runtime.getRuntime().availableProcessors();
    System.out.printf("%n%s: wall %d ms, server cpu %d ms, client cpu %d ms, floor on %d cores %d ms%n",
        kubectlCpu.isZero() ? "engine" : "kubectl", wallMs, serverMs, clientMs, cores,
        (serverMs + clientMs) / cores);
  }

  private static long processCpu() {
    var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
  }

  @Benchmark
  public SyncResult engine() {
    try (Engine engine = Engine.builder().build()) {
      Application app = Application.builder("first-sync-" + namespace).source(repo.source())
          .ref(GitRef.branch("main")).renderer(PlainRenderer.strict()).destination(cluster, namespace)
          .options(SyncOptions.defaults().withHealthTimeout(Duration.ZERO)).build();
      SyncResult r = engine.sync(app);
      if (r.changes().hasFailures() || r.changes().entries().size() < objects) {
        throw new IllegalStateException("engine sync incomplete: " + r.changes().summary());
      }
      return r;
    }
  }

  @Benchmark
  public int kubectl() throws IOException, InterruptedException {
    // GNU time reports kubectl's own CPU (user + system seconds) on its last line of stderr.
    Path times = Files.createTempFile("kubectl-cpu", ".txt");
    Process p = new ProcessBuilder(List.of("/usr/bin/time", "-o", times.toString(), "-f", "%U %S",
        kubectlBinary().toString(), "--kubeconfig", kubeconfig.toString(),
        "apply", "--server-side", "--field-manager", "bench-kubectl", "-n", namespace, "-f", files.toString()))
        .redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    int code = p.waitFor();
    if (code != 0) {
      throw new IllegalStateException("kubectl exited with " + code + ": "
          + new String(out, StandardCharsets.UTF_8).lines().limit(5).toList());
    }
    String[] userSys = Files.readString(times).trim().split("\\s+");
    Files.delete(times);
    kubectlCpu = Duration.ofMillis(Math.round((Double.parseDouble(userSys[userSys.length - 2])
        + Double.parseDouble(userSys[userSys.length - 1])) * 1000));
    return out.length;
  }

  @TearDown
  public void tearDown() throws IOException {
    cluster.close();
    server.close();
  }

  static Path kubectlBinary() {
    String tools = System.getenv().getOrDefault(KubeApiServer.TOOLS_DIR_PROPERTY,
        System.getProperty("user.home") + "/.cache/gitops-sdk/tools");
    Path p = Path.of(tools, "kubectl-" + KubeApiServer.KUBERNETES_VERSION, "kubectl");
    if (!Files.isExecutable(p)) {
      throw new IllegalStateException("no kubectl at " + p + ": run tools/k8s-test-binaries.sh");
    }
    return p;
  }
}
