package dev.gitops.test.apiserver;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;

/**
 * A real Kubernetes API server for tests, envtest-style: etcd and kube-apiserver run as child
 * processes on loopback, with no kubelet, scheduler or controllers. Objects are stored and
 * validated, admission, RBAC, server-side apply and watches behave as in a cluster; nothing ever
 * runs a pod.
 *
 * <p>Each instance has its own ports, etcd data and key material, so several can run at once.
 * Clients authenticate with a static bearer token of a user in {@code system:masters} and trust
 * a CA generated per instance.
 *
 * <p>The binaries are not built from Java. Each is found, in this order:
 * <ol>
 *   <li>at the path named by the system property, then the environment variable,
 *       {@value #KUBE_APISERVER_PROPERTY} (kube-apiserver) or {@value #ETCD_PROPERTY} (etcd): any
 *       build you already have, for example from {@code setup-envtest};</li>
 *   <li>in the tools directory, {@code <dir>/kube-apiserver-}{@value #KUBERNETES_VERSION}
 *       {@code /kube-apiserver} and {@code <dir>/etcd-}{@value #ETCD_VERSION}{@code /etcd}, where
 *       the directory is named by {@value #TOOLS_DIR_PROPERTY} (system property, then environment
 *       variable) and defaults to {@code ~/.cache/gitops-sdk/tools}: where
 *       {@code tools/k8s-test-binaries.sh} of the SDK's repository builds them from Go modules;</li>
 * </ol>
 * else {@link #start()} fails with a message that says how to build them.
 *
 * <pre>{@code
 * try (KubeApiServer server = KubeApiServer.start();
 *     KubernetesClient client = server.client()) {
 *   client.configMaps().inNamespace("default").resource(configMap).serverSideApply();
 * }
 * }</pre>
 */
public final class KubeApiServer implements AutoCloseable {
  /** The kube-apiserver version that {@code tools/k8s-test-binaries.sh} builds. */
  public static final String KUBERNETES_VERSION = "v1.37.2";
  /** The etcd version that {@code tools/k8s-test-binaries.sh} builds. */
  public static final String ETCD_VERSION = "v3.7.3";
  /** System property or environment variable naming the directory of the built binaries. */
  public static final String TOOLS_DIR_PROPERTY = "GITOPS_TOOLS_DIR";
  /** System property or environment variable naming a kube-apiserver binary to use. */
  public static final String KUBE_APISERVER_PROPERTY = "GITOPS_KUBE_APISERVER";
  /** System property or environment variable naming an etcd binary to use. */
  public static final String ETCD_PROPERTY = "GITOPS_ETCD";
  /** Where to read how the binaries are built: the script in the SDK's repository. */
  public static final String BUILD_SCRIPT = "tools/k8s-test-binaries.sh";
  /** The user that {@link #token()} authenticates; a member of {@code system:masters}. */
  public static final String ADMIN_USER = "gitops-test-admin";
  /** How long {@link #start()} waits for {@code /readyz}; starts on a busy machine are slow. */
  public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(120);

  private static final int LOG_TAIL_LINES = 40;
  private static final int START_ATTEMPTS = 3;
  private static final Duration STOP_GRACE = Duration.ofSeconds(5);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path directory;
  private final Process etcd;
  private final Process apiServer;
  private final String url;
  private final String etcdUrl;
  private final String token;
  private final String caCertificatePem;
  private final Duration startupTime;
  private final Thread shutdownHook;
  private final AtomicBoolean closed = new AtomicBoolean();

  private KubeApiServer(Path directory, Process etcd, Process apiServer, String url,
      String etcdUrl, String token, String caCertificatePem, Duration startupTime) {
    this.directory = directory;
    this.etcd = etcd;
    this.apiServer = apiServer;
    this.url = url;
    this.etcdUrl = etcdUrl;
    this.token = token;
    this.caCertificatePem = caCertificatePem;
    this.startupTime = startupTime;
    // A test JVM that exits without closing (a failed run, Ctrl-C) must not leave servers behind.
    this.shutdownHook = new Thread(this::stopProcesses, "kube-apiserver-stop");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** Starts etcd and kube-apiserver with the default options and waits until they are ready. */
  public static KubeApiServer start() {
    return builder().start();
  }

  /** Options for {@link Builder#start()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** Options of a server to start. */
  public static final class Builder {
    private Duration startupTimeout = DEFAULT_STARTUP_TIMEOUT;
    private final List<String> apiServerArgs = new ArrayList<>();

    private Builder() {}

    /** How long to wait for {@code /readyz} before failing with both processes' logs. */
    public Builder startupTimeout(Duration timeout) {
      this.startupTimeout = timeout;
      return this;
    }

    /**
     * Adds a kube-apiserver flag, such as {@code --feature-gates=...} or
     * {@code --runtime-config=...}; it comes after the defaults, so it can override them.
     */
    public Builder apiServerArg(String flag) {
      apiServerArgs.add(flag);
      return this;
    }

    /** Starts etcd and kube-apiserver and waits until the API server reports ready. */
    public KubeApiServer start() {
      Path kubeApiServer = binary("kube-apiserver", KUBERNETES_VERSION, KUBE_APISERVER_PROPERTY);
      Path etcd = binary("etcd", ETCD_VERSION, ETCD_PROPERTY);
      for (int attempt = 1; ; attempt++) {
        try {
          return launch(kubeApiServer, etcd, startupTimeout, List.copyOf(apiServerArgs));
        } catch (StartFailure e) {
          // Free ports are picked by binding and releasing them, so another process may win one
          // in between; a fresh set of ports almost always works.
          if (!e.portTaken || attempt == START_ATTEMPTS) {
            throw e;
          }
        }
      }
    }
  }

  /** The API server's base URL, {@code https://127.0.0.1:<port>}. */
  public String url() {
    return url;
  }

  /** The etcd client URL; tests should talk to the API server, this is for diagnostics. */
  public String etcdUrl() {
    return etcdUrl;
  }

  /** A bearer token of {@link #ADMIN_USER}, a member of {@code system:masters}. */
  public String token() {
    return token;
  }

  /** The PEM certificate of the CA that signed the serving certificate, for clients to trust. */
  public String caCertificatePem() {
    return caCertificatePem;
  }

  /** How long {@link #start()} took from launching etcd to a ready API server. */
  public Duration startupTime() {
    return startupTime;
  }

  /** Holds the logs, keys and etcd data of this instance; deleted by {@link #close()}. */
  public Path directory() {
    return directory;
  }

  /**
   * The CPU time (user and system) kube-apiserver and etcd have used since they started, summed;
   * {@link Duration#ZERO} for a process whose CPU time the operating system does not report. For
   * benchmarks that set a client's cost beside the server's: on a machine with few cores the
   * server's CPU bounds how fast any client can apply.
   */
  public Duration cpuTime() {
    return cpuTime(apiServer).plus(cpuTime(etcd));
  }

  private static Duration cpuTime(Process process) {
    return process.info().totalCpuDuration().orElse(Duration.ZERO);
  }

  /** Whether both etcd and kube-apiserver are still running. */
  public boolean isRunning() {
    return etcd.isAlive() && apiServer.isAlive();
  }

  /**
   * A fabric8 configuration for this server: its URL, the admin token, its CA, namespace
   * {@code default}, and nothing taken from the environment or {@code ~/.kube/config}.
   */
  public Config config() {
    return new ConfigBuilder(Config.empty())
        .withMasterUrl(url)
        .withOauthToken(token)
        .withCaCertData(Base64.getEncoder()
            .encodeToString(caCertificatePem.getBytes(StandardCharsets.US_ASCII)))
        .withNamespace("default")
        .build();
  }

  /** A new fabric8 client for {@link #config()}; the caller closes it. */
  public KubernetesClient client() {
    return new KubernetesClientBuilder().withConfig(config()).build();
  }

  /** Stops kube-apiserver, then etcd, and deletes the instance's directory. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down and runs the hook itself.
    }
    stopProcesses();
    deleteRecursively(directory);
  }

  @Override
  public String toString() {
    return "KubeApiServer[" + url + ", etcd " + etcdUrl + ", " + directory + "]";
  }

  private void stopProcesses() {
    // The API server first, so that it does not log a storm of etcd errors while shutting down.
    stop(apiServer);
    stop(etcd);
  }

  // ---------------------------------------------------------------------------------------------

  private static KubeApiServer launch(Path kubeApiServerBinary, Path etcdBinary,
      Duration startupTimeout, List<String> extraArgs) {
    long started = System.nanoTime();
    Path dir;
    try {
      dir = Files.createTempDirectory("gitops-kube-apiserver-"); // 0700: keys and tokens inside
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the API server's temporary directory", e);
    }
    Process etcd = null;
    Process apiServer = null;
    try {
      int[] ports = freeLoopbackPorts(3);
      String etcdUrl = "http://127.0.0.1:" + ports[0];
      String peerUrl = "http://127.0.0.1:" + ports[1];
      String url = "https://127.0.0.1:" + ports[2];

      Path servingCert = dir.resolve("serving.crt");
      Path servingKey = dir.resolve("serving.key");
      String caPem = TestPki.writeServingCertificate(servingCert, servingKey);
      Path saPublic = dir.resolve("service-account.pub");
      Path saPrivate = dir.resolve("service-account.key");
      TestPki.writeServiceAccountKeys(saPublic, saPrivate);
      String token = HexFormat.of().formatHex(randomBytes(32));
      Path tokens = dir.resolve("tokens.csv");
      // token,user,uid,"group,..." (the static token file format)
      Files.writeString(tokens,
          token + "," + ADMIN_USER + "," + ADMIN_USER + ",\"system:masters\"\n");

      etcd = launchProcess(dir.resolve("etcd.log"), List.of(
          etcdBinary.toString(),
          "--name=default",
          "--data-dir=" + dir.resolve("etcd"),
          "--listen-client-urls=" + etcdUrl,
          "--advertise-client-urls=" + etcdUrl,
          // The peer port is unused by a single member but always bound: it must be free too,
          // and the initial cluster must name it, or etcd refuses to start.
          "--listen-peer-urls=" + peerUrl,
          "--initial-advertise-peer-urls=" + peerUrl,
          "--initial-cluster=default=" + peerUrl,
          // Test data is thrown away: skipping fsync spares a disk flush on every write.
          "--unsafe-no-fsync=true"));

      // The API server retries etcd until it answers, so both start at once.
      List<String> args = new ArrayList<>(List.of(
          kubeApiServerBinary.toString(),
          "--etcd-servers=" + etcdUrl,
          "--secure-port=" + ports[2],
          "--bind-address=127.0.0.1",
          "--advertise-address=127.0.0.1",
          // The reconciler of the "kubernetes" Service's endpoints refuses a loopback address and
          // fails the start; nothing in the tests reaches the API server through that Service.
          "--endpoint-reconciler-type=none",
          "--tls-cert-file=" + servingCert,
          "--tls-private-key-file=" + servingKey,
          // Required even without controllers: Services get their cluster IPs from it.
          "--service-cluster-ip-range=10.0.0.0/24",
          // Required: the API server issues and verifies service-account tokens itself.
          "--service-account-issuer=https://kubernetes.default.svc",
          "--service-account-key-file=" + saPublic,
          "--service-account-signing-key-file=" + saPrivate,
          "--token-auth-file=" + tokens,
          "--authorization-mode=RBAC",
          // This admission plugin rejects pods until a controller creates their service account,
          // and no controller runs here.
          "--disable-admission-plugins=ServiceAccount",
          // Tests may create privileged pods; nothing runs them.
          "--allow-privileged=true"));
      args.addAll(extraArgs);
      apiServer = launchProcess(dir.resolve("kube-apiserver.log"), args);

      awaitReady(url, token, caPem, etcd, apiServer, dir, startupTimeout);
      Duration startupTime = Duration.ofNanos(System.nanoTime() - started);
      return new KubeApiServer(dir, etcd, apiServer, url, etcdUrl, token, caPem, startupTime);
    } catch (IOException e) {
      abort(apiServer, etcd, dir);
      throw new UncheckedIOException("cannot prepare the test API server", e);
    } catch (RuntimeException e) {
      abort(apiServer, etcd, dir);
      throw e;
    }
  }

  private static void abort(Process apiServer, Process etcd, Path dir) {
    stop(apiServer);
    stop(etcd);
    deleteRecursively(dir);
  }

  private static void awaitReady(String url, String token, String caPem, Process etcd,
      Process apiServer, Path dir, Duration timeout) {
    HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .sslContext(trusting(caPem))
        .connectTimeout(Duration.ofSeconds(2))
        .build();
    HttpRequest readyz = HttpRequest.newBuilder(URI.create(url + "/readyz"))
        .header("Authorization", "Bearer " + token)
        .timeout(Duration.ofSeconds(5))
        .build();
    long deadline = System.nanoTime() + timeout.toNanos();
    String lastAnswer = "no answer yet";
    while (true) {
      if (!etcd.isAlive() || !apiServer.isAlive()) {
        String who = !etcd.isAlive()
            ? "etcd exited with code " + etcd.exitValue()
            : "kube-apiserver exited with code " + apiServer.exitValue();
        throw new StartFailure(who + logs(dir), portTaken(dir));
      }
      try {
        HttpResponse<String> response = http.send(readyz, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return;
        }
        lastAnswer = "HTTP " + response.statusCode() + ": " + response.body().strip();
      } catch (IOException e) {
        lastAnswer = e.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the test API server", e);
      }
      if (System.nanoTime() > deadline) {
        throw new StartFailure("kube-apiserver did not become ready within "
            + timeout.toSeconds() + "s; last /readyz answer: " + lastAnswer + logs(dir), false);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the test API server", e);
      }
    }
  }

  private static Process launchProcess(Path log, List<String> command) throws IOException {
    Process process = new ProcessBuilder(command)
        .directory(log.getParent().toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    process.getOutputStream().close(); // neither reads standard input
    return process;
  }

  private static void stop(Process process) {
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy(); // SIGTERM: both shut down cleanly within a second or two
    try {
      if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /**
   * A binary named by its own property or variable, else where the script puts it:
   * {@code <tools dir>/<name>-<version>/<name>}.
   */
  static Path binary(String name, String version, String pathProperty) {
    String configured = setting(pathProperty);
    if (configured != null) {
      Path binary = Paths.get(configured);
      if (!Files.isRegularFile(binary) || !Files.isExecutable(binary)) {
        throw new IllegalStateException(pathProperty + " names " + binary + ", which is not an "
            + "executable file; point it at a " + name + " binary (" + version + " is tested), "
            + "or unset it to use the one " + BUILD_SCRIPT + " builds.");
      }
      return binary;
    }
    Path dir = toolsDirectory();
    Path binary = dir.resolve(name + "-" + version).resolve(name);
    if (!Files.isExecutable(binary)) {
      throw new IllegalStateException(name + " " + version + " is not built: " + binary
          + " does not exist. Build kube-apiserver and etcd once with " + BUILD_SCRIPT
          + " from the GitOps SDK's repository (it needs Go 1.26 or newer and the Go module"
          + " proxy; run it with " + TOOLS_DIR_PROPERTY + "=" + dir + " if you set it), or set "
          + KUBE_APISERVER_PROPERTY + " and " + ETCD_PROPERTY
          + " (system properties or environment variables) to binaries you have.");
    }
    return binary;
  }

  /** The system property, then the environment variable, then the script's default. */
  static Path toolsDirectory() {
    String configured = setting(TOOLS_DIR_PROPERTY);
    if (configured != null) {
      return Paths.get(configured);
    }
    String home = System.getenv("HOME"); // what the script uses; user.home can differ
    if (home == null || home.isBlank()) {
      home = System.getProperty("user.home");
    }
    return Paths.get(home, ".cache", "gitops-sdk", "tools");
  }

  /** A system property, else the environment variable of the same name; null when neither is set. */
  private static @Nullable String setting(String name) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank()) {
      value = System.getenv(name);
    }
    return value == null || value.isBlank() ? null : value;
  }

  private static int[] freeLoopbackPorts(int count) throws IOException {
    // All sockets stay open until every port is chosen, so the ports differ from each other.
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      int[] ports = new int[count];
      for (int i = 0; i < count; i++) {
        ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        sockets.add(socket);
        ports[i] = socket.getLocalPort();
      }
      return ports;
    } finally {
      for (ServerSocket socket : sockets) {
        socket.close();
      }
    }
  }

  private static SSLContext trusting(String caPem) {
    try {
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      byte[] pem = caPem.getBytes(StandardCharsets.US_ASCII);
      trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(pem)));
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), RANDOM);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot trust the test CA", e);
    }
  }

  private static byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  private static String logs(Path dir) {
    return "\n--- etcd log (last " + LOG_TAIL_LINES + " lines) ---\n"
        + tail(dir.resolve("etcd.log"))
        + "\n--- kube-apiserver log (last " + LOG_TAIL_LINES + " lines) ---\n"
        + tail(dir.resolve("kube-apiserver.log"));
  }

  private static boolean portTaken(Path dir) {
    return Stream.of("etcd.log", "kube-apiserver.log")
        .map(dir::resolve)
        .anyMatch(log -> readLog(log).stream().anyMatch(l -> l.contains("address already in use")));
  }

  private static String tail(Path log) {
    List<String> lines = readLog(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES),
        lines.size()));
  }

  private static List<String> readLog(Path log) {
    try {
      // Logs can hold invalid UTF-8 (binary junk from a crash); never fail on reading them.
      return new String(Files.readAllBytes(log), StandardCharsets.ISO_8859_1).lines().toList();
    } catch (IOException e) {
      return List.of("(no log: " + e + ")");
    }
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }

  /** A start that failed; {@code portTaken} when a process lost one of its ports to another. */
  private static final class StartFailure extends IllegalStateException {
    private static final long serialVersionUID = 1L;
    private final boolean portTaken;

    StartFailure(String message, boolean portTaken) {
      super(message);
      this.portTaken = portTaken;
    }
  }
}
