package dev.gitops.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.gitops.cluster.ApplyOptions;
import dev.gitops.cluster.Cluster;
import dev.gitops.cluster.ClusterException;
import dev.gitops.cluster.ControllerSimulator;
import dev.gitops.cluster.DeleteOptions;
import dev.gitops.cluster.LiveObject;
import dev.gitops.model.Manifest;
import dev.gitops.model.ObjectKey;
import dev.gitops.model.SourceLocation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What {@link ControllerSimulator} writes, case by case, on any {@link Cluster} backend: the
 * in-memory cluster runs it in gitops-core, the fabric8 backend against a bare kube-apiserver (which
 * validates every status written) in gitops-k8s. Each case works in a namespace of its own.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
public abstract class ControllerSimulatorSuite {
  private static final String MANAGER = "simulator-suite";
  private static final String IMAGE = "registry.k8s.io/pause:3.10";

  private ControllerSimulator simulator;
  private String ns;

  /** The cluster under test; may be shared by all cases. */
  protected abstract Cluster cluster();

  /** How long to wait for the simulator's writes. */
  protected Duration timeout() {
    return Duration.ofSeconds(60);
  }

  @BeforeEach
  void startSimulator() {
    ns = "simulated-" + suffix();
    apply(manifest(map("apiVersion", "v1", "kind", "Namespace", "metadata", map("name", ns))));
    simulator = ControllerSimulator.builder(cluster()).namespace(ns).start();
  }

  @AfterEach
  void stopSimulator() {
    simulator.close();
    try {
      cluster().delete(ObjectKey.of("v1", "Namespace", null, ns), DeleteOptions.defaults());
    } catch (ClusterException e) {
      // Best effort: a real server's namespace controller is not running anyway.
    }
  }

  @Test
  void deploymentBecomesAvailableAtItsGeneration() {
    LiveObject created = apply(workload("Deployment", "web", 3L));
    LiveObject done = awaitStatus(created.key(), o -> o.get("status", "availableReplicas").isPresent());

    assertThat(done.get("status", "observedGeneration")).hasValueSatisfying(g -> assertNumber(g, created.generation()));
    for (String field : List.of("replicas", "updatedReplicas", "readyReplicas", "availableReplicas")) {
      assertThat(done.get("status", field)).hasValueSatisfying(v -> assertNumber(v, 3L));
    }
    assertThat(conditions(done)).anySatisfy(c -> {
      assertThat(c).containsEntry("type", "Available").containsEntry("status", "True");
    }).anySatisfy(c -> {
      assertThat(c).containsEntry("type", "Progressing").containsEntry("status", "True")
          .containsEntry("reason", "NewReplicaSetAvailable");
    });
    assertThat(done.generation()).isEqualTo(created.generation());
    assertThat(done.managedFields()).anySatisfy(e -> {
      assertThat(e.manager()).isEqualTo(ControllerSimulator.DEFAULT_FIELD_MANAGER);
      assertThat(e.subresource()).isEqualTo("status");
    });

    LiveObject scaled = apply(workload("Deployment", "web", 1L));
    LiveObject rescaled = awaitStatus(created.key(),
        o -> o.get("status", "observedGeneration").filter(g -> ((Number) g).longValue() == scaled.generation()).isPresent());
    assertThat(rescaled.get("status", "readyReplicas")).hasValueSatisfying(v -> assertNumber(v, 1L));
  }

  @Test
  void statefulSetReportsEveryReplicaAtOneRevision() {
    Map<String, Object> sts = workload("StatefulSet", "db", 2L).toMutableMap();
    spec(sts).put("serviceName", "db");
    LiveObject created = apply(manifest(sts));
    LiveObject done = awaitStatus(created.key(), o -> o.get("status", "currentRevision").isPresent());

    for (String field : List.of("replicas", "readyReplicas", "currentReplicas", "updatedReplicas", "availableReplicas")) {
      assertThat(done.get("status", field)).hasValueSatisfying(v -> assertNumber(v, 2L));
    }
    assertThat(done.get("status", "updateRevision")).isEqualTo(done.get("status", "currentRevision"));
    assertThat(done.get("status", "observedGeneration")).hasValueSatisfying(g -> assertNumber(g, created.generation()));
  }

  @Test
  void daemonSetReportsOneReadyNode() {
    Map<String, Object> ds = workload("DaemonSet", "agent", 1L).toMutableMap();
    spec(ds).remove("replicas");
    LiveObject created = apply(manifest(ds));
    // A real server starts a DaemonSet's counts at zero.
    LiveObject done = awaitStatus(created.key(),
        o -> o.get("status", "numberReady").filter(n -> ((Number) n).longValue() > 0).isPresent());

    for (String field : List.of("desiredNumberScheduled", "currentNumberScheduled", "updatedNumberScheduled",
        "numberReady", "numberAvailable")) {
      assertThat(done.get("status", field)).hasValueSatisfying(v -> assertNumber(v, 1L));
    }
    assertThat(done.get("status", "observedGeneration")).hasValueSatisfying(g -> assertNumber(g, created.generation()));
  }

  @Test
  void replicaSetReportsItsReplicasReady() {
    LiveObject created = apply(workload("ReplicaSet", "web-1", 2L));
    LiveObject done = awaitStatus(created.key(), o -> o.get("status", "readyReplicas").isPresent());

    assertThat(done.get("status", "availableReplicas")).hasValueSatisfying(v -> assertNumber(v, 2L));
    assertThat(done.get("status", "observedGeneration")).hasValueSatisfying(g -> assertNumber(g, created.generation()));
  }

  @Test
  void jobCompletesWithSuccessCriteriaMetThenComplete() {
    LiveObject created = apply(job("once", Map.of()));
    LiveObject done = awaitStatus(created.key(), o -> o.get("status", "completionTime").isPresent());

    assertThat(done.get("status", "succeeded")).hasValueSatisfying(v -> assertNumber(v, 1L));
    assertThat(done.get("status", "startTime")).isPresent();
    assertThat(conditions(done)).extracting(c -> (String) c.get("type")).containsExactly("SuccessCriteriaMet", "Complete");
    assertThat(conditions(done)).allSatisfy(c -> assertThat(c).containsEntry("status", "True"));
  }

  @Test
  void jobAnnotatedToFailFailsWithBackoffLimitExceeded() {
    LiveObject created = apply(job("doomed", Map.of(ControllerSimulator.OUTCOME_ANNOTATION, "fail")));
    LiveObject done = awaitStatus(created.key(), o -> o.get("status", "conditions").isPresent());

    assertThat(conditions(done)).extracting(c -> (String) c.get("type")).containsExactly("FailureTarget", "Failed");
    assertThat(conditions(done)).allSatisfy(c -> assertThat(c).containsEntry("reason", "BackoffLimitExceeded"));
    assertThat(done.get("status", "completionTime")).isEmpty();
    assertThat(done.get("status", "succeeded")).isEmpty();
  }

  @Test
  void podRunsAndIsReady() {
    LiveObject created = apply(pod("server", "Always"));
    LiveObject done = awaitStatus(created.key(), ControllerSimulatorSuite::pastPending);

    assertThat(done.get("status", "phase")).contains("Running");
    assertThat(conditions(done)).anySatisfy(c -> assertThat(c).containsEntry("type", "Ready").containsEntry("status", "True"));
    assertThat(done.get("status", "containerStatuses")).hasValueSatisfying(l -> assertThat((List<?>) l)
        .singleElement().satisfies(s -> assertThat(asMap(s)).containsEntry("name", "app").containsEntry("ready", true)));
  }

  @Test
  void podThatIsNotRestartedSucceeds() {
    LiveObject created = apply(pod("task", "Never"));
    LiveObject done = awaitStatus(created.key(), ControllerSimulatorSuite::pastPending);

    assertThat(done.get("status", "phase")).contains("Succeeded");
    assertThat(conditions(done)).anySatisfy(c -> assertThat(c).containsEntry("type", "Ready")
        .containsEntry("status", "False").containsEntry("reason", "PodCompleted"));
  }

  @Test
  void claimIsBoundAtItsRequestedSize() {
    LiveObject created = apply(manifest(map(
        "apiVersion", "v1", "kind", "PersistentVolumeClaim",
        "metadata", map("name", "data", "namespace", ns),
        "spec", map("accessModes", List.of("ReadWriteOnce"), "resources", map("requests", map("storage", "1Gi"))))));
    LiveObject done = awaitStatus(created.key(), ControllerSimulatorSuite::pastPending);

    assertThat(done.get("status", "phase")).contains("Bound");
    assertThat(done.get("status", "capacity", "storage")).contains("1Gi");
    assertThat(done.get("status", "accessModes")).contains(List.of("ReadWriteOnce"));
  }

  @Test
  void loadBalancerServiceGetsAnIngressAddressAndOtherServicesNone() {
    LiveObject plain = apply(service("plain", "ClusterIP"));
    LiveObject balanced = apply(service("public", "LoadBalancer"));
    LiveObject done = awaitStatus(balanced.key(), o -> o.get("status", "loadBalancer", "ingress").isPresent());

    assertThat(done.get("status", "loadBalancer", "ingress")).hasValueSatisfying(l -> assertThat((List<?>) l)
        .singleElement().satisfies(i -> assertThat(asMap(i)).containsEntry("ip", ControllerSimulator.LOAD_BALANCER_IP)));
    // Services are watched in order: the plain one was handled first, and left alone.
    assertThat(cluster().get(plain.key()).orElseThrow().get("status", "loadBalancer", "ingress")).isEmpty();
  }

  @Test
  void objectAnnotatedNeverKeepsItsStatus() {
    Map<String, Object> held = workload("Deployment", "held", 1L).toMutableMap();
    meta(held).put("annotations", map(ControllerSimulator.OUTCOME_ANNOTATION, "never"));
    LiveObject stuck = apply(manifest(held));
    // Events of one kind are handled in order: once a later Deployment has its status, the held one was seen.
    LiveObject sentinel = apply(workload("Deployment", "sentinel", 1L));
    awaitStatus(sentinel.key(), o -> o.get("status", "availableReplicas").isPresent());

    LiveObject still = cluster().get(stuck.key()).orElseThrow();
    assertThat(still.get("status", "availableReplicas")).isEmpty();
    assertThat(still.resourceVersion()).isEqualTo(stuck.resourceVersion());
  }

  @Test
  void statusAlreadyCurrentIsNotWrittenAgain() {
    LiveObject created = apply(workload("Deployment", "web", 1L));
    LiveObject done = awaitStatus(created.key(), o -> o.get("status", "availableReplicas").isPresent());
    // Events of one kind are handled in order: once a later Deployment has its status, every event of
    // web (its own status write's included) was handled, so the count below is settled.
    LiveObject barrier = apply(workload("Deployment", "barrier", 1L));
    awaitStatus(barrier.key(), o -> o.get("status", "availableReplicas").isPresent());
    long writes = simulator.statusWrites();

    // A metadata change is an event with the same generation: the status stays as it is.
    Map<String, Object> labelled = workload("Deployment", "web", 1L).toMutableMap();
    meta(labelled).put("labels", map("team", "a"));
    LiveObject relabelled = apply(manifest(labelled));
    LiveObject sentinel = apply(workload("Deployment", "sentinel", 1L));
    awaitStatus(sentinel.key(), o -> o.get("status", "availableReplicas").isPresent());

    assertThat(simulator.statusWrites()).isEqualTo(writes + 1);
    LiveObject after = cluster().get(created.key()).orElseThrow();
    assertThat(after.resourceVersion()).isEqualTo(relabelled.resourceVersion());
    assertThat(after.get("status")).isEqualTo(done.get("status"));
  }

  // ---------------------------------------------------------------- helpers

  private LiveObject apply(Manifest m) {
    return cluster().apply(m, ApplyOptions.defaults().withFieldManager(MANAGER));
  }

  private LiveObject awaitStatus(ObjectKey key, Predicate<LiveObject> done) {
    long deadline = System.nanoTime() + timeout().toNanos();
    while (true) {
      Optional<LiveObject> live = cluster().get(key).filter(done);
      if (live.isPresent()) {
        return live.get();
      }
      if (System.nanoTime() > deadline) {
        return fail("timed out after " + timeout() + " waiting for the simulated status of " + key + ": "
            + cluster().get(key).flatMap(o -> o.get("status")).orElse("none"));
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return fail("interrupted waiting for " + key);
      }
    }
  }

  /** Pods and claims start Pending on a real server; the simulator moves them on. */
  private static boolean pastPending(LiveObject o) {
    return o.get("status", "phase").filter(p -> !p.equals("Pending")).isPresent();
  }

  private static void assertNumber(Object value, long expected) {
    assertThat(value).isInstanceOf(Number.class);
    assertThat(((Number) value).longValue()).isEqualTo(expected);
  }

  private static List<Map<String, Object>> conditions(LiveObject o) {
    List<Map<String, Object>> out = new ArrayList<>();
    if (o.get("status", "conditions").orElse(List.of()) instanceof List<?> l) {
      l.forEach(c -> out.add(asMap(c)));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object value) {
    return (Map<String, Object>) value;
  }

  private Manifest workload(String kind, String name, long replicas) {
    return manifest(map(
        "apiVersion", "apps/v1",
        "kind", kind,
        "metadata", map("name", name, "namespace", ns),
        "spec", map(
            "replicas", replicas,
            "selector", map("matchLabels", map("app", name)),
            "template", map(
                "metadata", map("labels", map("app", name)),
                "spec", map("containers", List.of(map("name", "app", "image", IMAGE)))))));
  }

  private Manifest job(String name, Map<String, Object> annotations) {
    Map<String, Object> meta = map("name", name, "namespace", ns);
    if (!annotations.isEmpty()) {
      meta.put("annotations", new LinkedHashMap<>(annotations));
    }
    return manifest(map(
        "apiVersion", "batch/v1",
        "kind", "Job",
        "metadata", meta,
        "spec", map("template", map("spec", map(
            "restartPolicy", "Never",
            "containers", List.of(map("name", "app", "image", IMAGE)))))));
  }

  private Manifest pod(String name, String restartPolicy) {
    return manifest(map(
        "apiVersion", "v1",
        "kind", "Pod",
        "metadata", map("name", name, "namespace", ns),
        "spec", map("restartPolicy", restartPolicy, "containers", List.of(map("name", "app", "image", IMAGE)))));
  }

  private Manifest service(String name, String type) {
    return manifest(map(
        "apiVersion", "v1",
        "kind", "Service",
        "metadata", map("name", name, "namespace", ns),
        "spec", map("type", type, "selector", map("app", name),
            "ports", List.of(map("name", "http", "port", 80L, "protocol", "TCP")))));
  }

  private static Manifest manifest(Map<String, ?> object) {
    return Manifest.of(object, SourceLocation.unknown());
  }

  private static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> meta(Map<String, Object> object) {
    return (Map<String, Object>) object.get("metadata");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec(Map<String, Object> object) {
    return (Map<String, Object>) object.get("spec");
  }

  private static String suffix() {
    String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      sb.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
    }
    return sb.toString();
  }
}
