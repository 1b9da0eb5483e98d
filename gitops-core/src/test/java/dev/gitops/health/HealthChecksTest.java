package dev.gitops.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.cluster.LiveObject;
import dev.gitops.model.ObjectKey;
import dev.gitops.testing.TestObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class HealthChecksTest {
  private static final HealthChecks CHECKS = HealthChecks.builtIns();

  /** One fixture: health/<kind>/<expected status>-<case>.yaml, first line {@code # message: <substring>}. */
  record Fixture(String name, String kindDirectory, HealthStatus expected, String message, LiveObject object) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Path fixtureRoot() {
    try {
      return Path.of(HealthChecksTest.class.getResource("/health").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Stream<Fixture> fixtures() throws IOException {
    Path root = fixtureRoot();
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(p -> p.toString().endsWith(".yaml")).sorted().map(p -> load(root, p)).toList().stream();
    }
  }

  private static Fixture load(Path root, Path file) {
    try {
      String yaml = Files.readString(file, StandardCharsets.UTF_8);
      String first = yaml.lines().findFirst().orElse("");
      assertThat(first).as("first line of %s", file).startsWith("# message:");
      String message = first.substring("# message:".length()).strip();
      String base = file.getFileName().toString();
      String status = base.substring(0, base.indexOf('-')).toUpperCase(Locale.ROOT);
      return new Fixture(root.relativize(file).toString(), file.getParent().getFileName().toString(),
          HealthStatus.valueOf(status), message, TestObjects.live(yaml));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void eachFixtureHasTheStatusAndMessageItsFileNames(Fixture fixture) {
    assertThat(fixture.object().key().kind().toLowerCase(Locale.ROOT)).as("kind directory").isEqualTo(fixture.kindDirectory());
    Health health = CHECKS.assess(fixture.object());
    assertThat(health.status()).as("%s: %s", fixture, health).isEqualTo(fixture.expected());
    assertThat(health.message()).as("%s: %s", fixture, health).contains(fixture.message());
  }

  /**
   * Every built-in kind has fixtures for each status its rule can reach. Some kinds cannot be
   * degraded: StatefulSet, DaemonSet (no failure state of their own), CronJob (a failing run shows on
   * its Job), Service, Ingress (a missing address is still on its way), Namespace and APIService
   * (unavailable is progressing). CronJob cannot be progressing.
   */
  @Test
  void everyBuiltInKindHasFixturesForEachStatusItCanReach() throws IOException {
    Map<String, Set<HealthStatus>> reachable = new TreeMap<>();
    Set<HealthStatus> all = EnumSet.of(HealthStatus.HEALTHY, HealthStatus.PROGRESSING, HealthStatus.DEGRADED);
    Set<HealthStatus> neverDegraded = EnumSet.of(HealthStatus.HEALTHY, HealthStatus.PROGRESSING);
    reachable.put("deployment", EnumSet.of(HealthStatus.HEALTHY, HealthStatus.PROGRESSING, HealthStatus.DEGRADED, HealthStatus.SUSPENDED));
    reachable.put("statefulset", neverDegraded);
    reachable.put("daemonset", neverDegraded);
    reachable.put("replicaset", all);
    reachable.put("pod", all);
    reachable.put("job", EnumSet.of(HealthStatus.HEALTHY, HealthStatus.PROGRESSING, HealthStatus.DEGRADED, HealthStatus.SUSPENDED));
    reachable.put("cronjob", EnumSet.of(HealthStatus.HEALTHY, HealthStatus.SUSPENDED));
    reachable.put("persistentvolumeclaim", all);
    reachable.put("service", neverDegraded);
    reachable.put("ingress", neverDegraded);
    reachable.put("customresourcedefinition", all);
    reachable.put("namespace", neverDegraded);
    reachable.put("apiservice", neverDegraded);
    reachable.put("horizontalpodautoscaler", all);
    reachable.put("widget", all); // the generic rule

    Map<String, Set<HealthStatus>> covered = fixtures().collect(Collectors.groupingBy(Fixture::kindDirectory,
        TreeMap::new, Collectors.mapping(Fixture::expected, Collectors.toCollection(() -> EnumSet.noneOf(HealthStatus.class)))));
    reachable.forEach((kind, statuses) -> assertThat(covered.get(kind)).as(kind).containsAll(statuses));
  }

  @Test
  void aMissingObjectIsMissing() {
    assertThat(CHECKS.assess(Optional.empty())).isEqualTo(Health.missing());
  }

  @Test
  void anObjectBeingDeletedIsProgressingWhateverItsKindSays() {
    LiveObject deployment = deployment(3, 3).beingDeleted();
    HealthChecks custom = HealthChecks.builder().check("apps", "Deployment", o -> Optional.of(Health.healthy("custom"))).build();

    assertThat(CHECKS.assess(deployment(3, 3).object())).isEqualTo(Health.healthy());
    assertThat(CHECKS.assess(deployment)).isEqualTo(Health.progressing("being deleted"));
    assertThat(custom.assess(deployment).status()).isEqualTo(HealthStatus.PROGRESSING);
  }

  @Test
  void aKindsOwnCheckComesBeforeTheBuiltInRule() {
    HealthChecks checks = HealthChecks.builder()
        .check("apps", "Deployment", o -> Optional.of(Health.degraded("not on Mondays")))
        .build();

    assertThat(checks.assess(deployment(3, 3).object())).isEqualTo(Health.degraded("not on Mondays"));
    assertThat(HealthChecks.builtIns().assess(deployment(3, 3).object())).isEqualTo(Health.healthy());
  }

  @Test
  void aCheckWithoutAnOpinionFallsThroughToTheNextThenTheBuiltInRule() {
    HealthChecks checks = HealthChecks.builder()
        .check("apps", "Deployment", o -> Optional.empty())
        .check("apps", "Deployment", o -> o.get("metadata", "labels", "tier").map(t -> Health.suspended("tier " + t)))
        .build();

    assertThat(checks.assess(deployment(3, 1).object())).isEqualTo(Health.progressing("1 of 3 replicas updated"));
    LiveObject labelled = TestObjects.live("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: default, labels: {tier: batch}}
        """);
    assertThat(checks.assess(labelled)).isEqualTo(Health.suspended("tier batch"));
  }

  @Test
  void aCheckForOneKindLeavesOtherKindsAndGroupsAlone() {
    HealthChecks checks = HealthChecks.builder()
        .check("example.com", "Deployment", o -> Optional.of(Health.degraded("custom")))
        .build();

    assertThat(checks.assess(deployment(3, 3).object())).isEqualTo(Health.healthy());
    // A kind named like a built-in one in another group gets the generic rule, not the built-in.
    LiveObject lookalike = TestObjects.live("""
        apiVersion: other.example.com/v1
        kind: Deployment
        metadata: {name: web, namespace: default, generation: 1}
        spec: {replicas: 3}
        """);
    assertThat(checks.assess(lookalike)).isEqualTo(Health.healthy());
  }

  @Test
  void aCheckThatThrowsMakesTheObjectUnknown() {
    HealthChecks checks = HealthChecks.builder()
        .check("apps", "Deployment", o -> {
          throw new IllegalStateException("bug in check");
        })
        .build();

    Health health = checks.assess(deployment(3, 3).object());
    assertThat(health.status()).isEqualTo(HealthStatus.UNKNOWN);
    assertThat(health.message()).contains("apps/Deployment default/web", "bug in check");
  }

  @Test
  void withoutBuiltInsTheGenericRuleJudgesEveryKind() {
    HealthChecks checks = HealthChecks.builder().withoutBuiltIns().build();
    LiveObject paused = TestObjects.live("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: default, generation: 2}
        spec: {paused: true}
        status: {observedGeneration: 2}
        """);

    assertThat(CHECKS.assess(paused).status()).isEqualTo(HealthStatus.SUSPENDED);
    assertThat(checks.assess(paused)).isEqualTo(Health.healthy());
  }

  @Test
  void theGenericRuleReadsStalledBeforeReconcilingAndReady() {
    LiveObject both = TestObjects.live("""
        apiVersion: example.com/v1
        kind: Widget
        metadata: {name: w, namespace: default, generation: 1}
        status:
          observedGeneration: 1
          conditions:
          - {type: Reconciling, status: "True", reason: Retrying}
          - {type: Stalled, status: "True", reason: QuotaExceeded, message: no more widgets}
        """);
    LiveObject readyUnknown = TestObjects.live("""
        apiVersion: example.com/v1
        kind: Widget
        metadata: {name: w, namespace: default}
        status:
          conditions:
          - {type: Ready, status: Unknown, reason: Checking}
        """);
    LiveObject stalledFalse = TestObjects.live("""
        apiVersion: example.com/v1
        kind: Widget
        metadata: {name: w, namespace: default}
        status:
          conditions:
          - {type: Stalled, status: "False"}
          - {type: Reconciling, status: "False"}
          - {type: Ready, status: "True"}
        """);

    assertThat(CHECKS.assess(both)).isEqualTo(Health.degraded("stalled: QuotaExceeded: no more widgets"));
    assertThat(CHECKS.assess(readyUnknown)).isEqualTo(Health.progressing("not ready: Checking"));
    assertThat(CHECKS.assess(stalledFalse)).isEqualTo(Health.healthy());
  }

  @Test
  void aMalformedStatusIsReadAsAbsentRatherThanFailing() {
    LiveObject odd = TestObjects.live("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: default, generation: 1}
        spec: {replicas: "three"}
        status: {observedGeneration: 1, conditions: [not-a-map], updatedReplicas: [1], replicas: 1, availableReplicas: 1}
        """);

    assertThat(CHECKS.assess(odd)).isEqualTo(Health.progressing("0 of 1 replicas updated"));
  }

  @Test
  void anApplicationIsAsHealthyAsItsWorstObject() {
    ObjectHealth healthy = new ObjectHealth(key("a"), Health.healthy());
    ObjectHealth suspended = new ObjectHealth(key("b"), Health.suspended("paused"));
    ObjectHealth progressing = new ObjectHealth(key("c"), Health.progressing("rolling"));
    ObjectHealth missing = new ObjectHealth(key("d"), Health.missing());
    ObjectHealth degraded = new ObjectHealth(key("e"), Health.degraded("crash"));

    assertThat(ApplicationHealth.of(List.of()).status()).isEqualTo(HealthStatus.HEALTHY);
    assertThat(ApplicationHealth.of(List.of(healthy, suspended)).status()).isEqualTo(HealthStatus.SUSPENDED);
    assertThat(ApplicationHealth.of(List.of(suspended, progressing, healthy)).status()).isEqualTo(HealthStatus.PROGRESSING);
    assertThat(ApplicationHealth.of(List.of(missing, progressing)).status()).isEqualTo(HealthStatus.MISSING);
    ApplicationHealth app = ApplicationHealth.of(List.of(degraded, healthy, missing, suspended, progressing));
    assertThat(app.status()).isEqualTo(HealthStatus.DEGRADED);
    assertThat(app.unhealthy()).containsExactly(degraded, missing, progressing);
    assertThat(app.objects()).containsExactly(degraded, healthy, missing, suspended, progressing);
  }

  private static ObjectKey key(String name) {
    return new ObjectKey("apps", "Deployment", "default", name);
  }

  /** A Deployment web, observed, with the given desired and updated (all available) replicas. */
  private static Dep deployment(int replicas, int updated) {
    return new Dep(replicas, updated);
  }

  private record Dep(int replicas, int updated) {
    LiveObject object() {
      return TestObjects.live(yaml(""));
    }

    LiveObject beingDeleted() {
      return TestObjects.live(yaml("  deletionTimestamp: '2026-03-01T10:00:00Z'\n"));
    }

    private String yaml(String extraMetadata) {
      return """
          apiVersion: apps/v1
          kind: Deployment
          metadata:
            name: web
            namespace: default
            generation: 2
          %s\
          spec: {replicas: %d}
          status: {observedGeneration: 2, replicas: %d, updatedReplicas: %d, availableReplicas: %d}
          """.formatted(extraMetadata, replicas, replicas, updated, updated);
    }
  }
}
