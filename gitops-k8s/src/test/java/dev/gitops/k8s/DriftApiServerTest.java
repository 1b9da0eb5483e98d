package dev.gitops.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.cluster.ApplyOptions;
import dev.gitops.cluster.LiveObject;
import dev.gitops.diff.DiffOptions;
import dev.gitops.diff.DiffStatus;
import dev.gitops.diff.Differ;
import dev.gitops.diff.IgnoreFilter;
import dev.gitops.diff.IgnoreRule;
import dev.gitops.diff.Reason;
import dev.gitops.diff.ResourceDiff;
import dev.gitops.k8s.testing.KubeApiServer;
import dev.gitops.k8s.testing.KubeApiServerExtension;
import dev.gitops.model.Manifest;
import dev.gitops.testing.TestObjects;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The differ against a real kube-apiserver: objects we apply come back with the server's defaults
 * (and a custom resource with its schema's defaults), and must still diff as in sync; another
 * manager's change is drift with its reason; ignored fields stay ignored on the next apply.
 */
@Tag("heavy")
@ExtendWith(KubeApiServerExtension.class)
class DriftApiServerTest {
  private static final AtomicInteger NAMESPACES = new AtomicInteger();
  private static final Duration EVENTUALLY = Duration.ofSeconds(30);

  private final KubeApiServer server;
  private FabricCluster cluster;
  private String namespace;

  DriftApiServerTest(KubeApiServer server) {
    this.server = server;
  }

  @BeforeEach
  void open() {
    cluster = FabricCluster.builder().config(server.config()).name("drift-apiserver").build();
    namespace = "drift-" + NAMESPACES.incrementAndGet();
    cluster.apply(manifest("apiVersion: v1\nkind: Namespace\nmetadata: {name: " + namespace + "}\n"),
        ApplyOptions.defaults());
  }

  @AfterEach
  void close() {
    cluster.close();
  }

  @Test
  void builtInKindsAppliedAndReadBackAreInSyncDespiteServerDefaults() {
    Differ local = Differ.of(cluster.schema(), DiffOptions.defaults());
    Differ dryRun = Differ.dryRun(cluster, DiffOptions.defaults());
    for (String yaml : new String[] {DEPLOYMENT, SERVICE, STATEFUL_SET}) {
      Manifest desired = manifest(yaml);
      LiveObject live = cluster.apply(desired, ApplyOptions.defaults());
      assertThat(live.get("spec", "revisionHistoryLimit").or(() -> live.get("spec", "sessionAffinity")))
          .as("the server defaulted " + desired.key()).isPresent();

      ResourceDiff diff = local.diff(desired, Optional.of(live));
      assertThat(diff.changes()).as(desired.key() + "\n" + diff.unifiedDiff()).isEmpty();
      assertThat(diff.status()).isEqualTo(DiffStatus.IN_SYNC);
      // Without our managedFields (as if kubectl created it): compared over the declared subset.
      assertThat(local.diff(desired, Optional.of(withoutManagedFields(live))).changes()).isEmpty();
      // The normalizers are what makes this settle: without them the server's defaults are drift.
      Differ raw = Differ.of(cluster.schema(), DiffOptions.defaults().withNormalizers(List.of()));
      assertThat(raw.diff(desired, Optional.of(live)).changes()).as(desired.key() + " without normalizers")
          .isNotEmpty();
      ResourceDiff viaServer = dryRun.diff(desired, Optional.of(live));
      assertThat(viaServer.changes()).as(desired.key() + "\n" + viaServer.unifiedDiff()).isEmpty();
    }
  }

  @Test
  void customResourceWithSchemaDefaultsIsInSync() {
    String group = "drift" + NAMESPACES.incrementAndGet() + ".example.com";
    Manifest crd = manifest(CRD.replace("GROUP", group));
    LiveObject liveCrd = cluster.apply(crd, ApplyOptions.defaults());
    Differ differ = Differ.of(cluster.schema(), DiffOptions.defaults());
    assertThat(differ.diff(crd, Optional.of(liveCrd)).changes()).isEmpty();
    eventually(() -> cluster.resourceType(group, "Widget"));

    Manifest widget = manifest("""
        apiVersion: GROUP/v1
        kind: Widget
        metadata: {name: w, namespace: NS}
        spec:
          size: 3
        """.replace("GROUP", group).replace("NS", namespace));
    LiveObject live = cluster.apply(widget, ApplyOptions.defaults());
    assertThat(live.get("spec", "color")).as("schema default applied by the server").contains("blue");

    ResourceDiff diff = Differ.of(cluster.schema(), DiffOptions.defaults()).diff(widget, Optional.of(live));
    assertThat(diff.changes()).as(diff.unifiedDiff()).isEmpty();
    assertThat(Differ.dryRun(cluster, DiffOptions.defaults()).diff(widget, Optional.of(live)).changes()).isEmpty();
  }

  @Test
  void schemaDefaultsInsideAtomicListsSettleAndRealChangesThereAreDrift() {
    String group = "drift" + NAMESPACES.incrementAndGet() + ".example.com";
    cluster.apply(manifest(CRD.replace("GROUP", group)), ApplyOptions.defaults());
    eventually(() -> cluster.resourceType(group, "Widget"));
    String yaml = """
        apiVersion: GROUP/v1
        kind: Widget
        metadata: {name: w, namespace: NS}
        spec:
          rules: [{path: /a}, {path: /b, weight: 5, match: {type: Exact}}]
          backends: [{name: web}]
        """.replace("GROUP", group);
    Manifest widget = manifest(yaml);
    LiveObject live = cluster.apply(widget, ApplyOptions.defaults());
    assertThat(live.get("spec", "rules")).as("schema defaults applied by the server inside the list").contains(
        List.of(Map.of("path", "/a", "weight", 1L, "match", Map.of("type", "PathPrefix")),
            Map.of("path", "/b", "weight", 5L, "match", Map.of("type", "Exact"))));

    Differ differ = Differ.of(eventually(() -> cluster.schema().defaults(group, "Widget", List.of("spec", "rules"))
        .isEmpty() ? Optional.empty() : Optional.of(cluster.schema())), DiffOptions.defaults());
    ResourceDiff diff = differ.diff(widget, Optional.of(live));
    assertThat(diff.changes()).as(diff.unifiedDiff()).isEmpty();
    assertThat(differ.diff(widget, Optional.of(live)).status()).isEqualTo(DiffStatus.IN_SYNC);
    assertThat(Differ.dryRun(cluster, DiffOptions.defaults()).diff(widget, Optional.of(live)).changes()).isEmpty();

    Manifest changed = manifest(yaml.replace("path: /a", "path: /c"));
    assertThat(differ.diff(changed, Optional.of(live)).changes()).extracting(c -> c.path())
        .containsExactly(".spec.rules");
    LiveObject reapplied = cluster.apply(changed, ApplyOptions.defaults());
    assertThat(differ.diff(changed, Optional.of(reapplied)).changes()).isEmpty();
  }

  @Test
  void changeByAnotherManagerIsDriftAndIgnoredFieldsStayIgnored() {
    Manifest desired = manifest(DEPLOYMENT);
    cluster.apply(desired, ApplyOptions.defaults());
    LiveObject scaled = cluster.apply(manifest("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: NS}
        spec: {replicas: 7}
        """.replace("NS", namespace)), ApplyOptions.defaults().withFieldManager("hpa-controller").withForce(true));

    ResourceDiff drift = Differ.of(cluster.schema(), DiffOptions.defaults()).diff(desired, Optional.of(scaled));
    assertThat(drift.status()).isEqualTo(DiffStatus.OUT_OF_SYNC);
    assertThat(drift.changes()).singleElement().satisfies(c -> {
      assertThat(c.path()).isEqualTo(".spec.replicas");
      assertThat(c.reason().kind()).isEqualTo(Reason.Kind.CHANGED_BY_MANAGER);
      assertThat(c.reason().detail()).contains("hpa-controller");
    });

    DiffOptions ignoring = DiffOptions.defaults().withIgnore(IgnoreRule.manager("hpa-controller"));
    Differ differ = Differ.of(cluster.schema(), ignoring);
    assertThat(differ.diff(desired, Optional.of(scaled)).isInSync()).isTrue();
    LiveObject after = cluster.apply(IgnoreFilter.stripIgnored(desired, Optional.of(scaled), ignoring,
        cluster.schema()), ApplyOptions.defaults());
    assertThat(after.get("spec", "replicas")).contains(7L);
    assertThat(differ.diff(desired, Optional.of(after)).isInSync()).isTrue();
    assertThat(Differ.dryRun(cluster, ignoring).diff(desired, Optional.of(after)).isInSync()).isTrue();
  }

  private static LiveObject withoutManagedFields(LiveObject live) {
    Map<String, Object> m = live.toMutableMap();
    ((Map<?, ?>) m.get("metadata")).remove("managedFields");
    return LiveObject.of(m);
  }

  private Manifest manifest(String yaml) {
    return TestObjects.manifest("test.yaml", 1, yaml.replace("NS", namespace));
  }

  private static <T> T eventually(java.util.function.Supplier<Optional<T>> probe) {
    long deadline = System.nanoTime() + EVENTUALLY.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<T> v = probe.get();
      if (v.isPresent()) {
        return v.get();
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("not within " + EVENTUALLY);
  }

  private static final String DEPLOYMENT = """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web, namespace: NS, labels: {app: web}}
      spec:
        replicas: 2
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec:
            containers:
            - name: web
              image: nginx:1.27
              ports: [{containerPort: 8080, name: http}]
              resources:
                limits: {cpu: "1", memory: 1024Mi}
                requests: {cpu: "0.5", memory: 0.5Gi}
            - name: sidecar
              image: envoy
      """;
  private static final String SERVICE = """
      apiVersion: v1
      kind: Service
      metadata: {name: web, namespace: NS}
      spec:
        selector: {app: web}
        ports: [{name: http, port: 80, targetPort: 8080}, {name: admin, port: 9000}]
      """;
  private static final String STATEFUL_SET = """
      apiVersion: apps/v1
      kind: StatefulSet
      metadata: {name: db, namespace: NS}
      spec:
        serviceName: db
        selector: {matchLabels: {app: db}}
        template:
          metadata: {labels: {app: db}}
          spec:
            containers:
            - name: db
              image: postgres:17
              env: [{name: PGDATA, value: /data/pg}]
              volumeMounts: [{name: data, mountPath: /data}]
        volumeClaimTemplates:
        - metadata: {name: data}
          spec:
            accessModes: [ReadWriteOnce]
            resources: {requests: {storage: 1Gi}}
      """;
  private static final String CRD = """
      apiVersion: apiextensions.k8s.io/v1
      kind: CustomResourceDefinition
      metadata: {name: widgets.GROUP}
      spec:
        group: GROUP
        scope: Namespaced
        names: {plural: widgets, kind: Widget}
        versions:
        - name: v1
          served: true
          storage: true
          schema:
            openAPIV3Schema:
              type: object
              properties:
                spec:
                  type: object
                  properties:
                    size: {type: integer}
                    color: {type: string, default: blue}
                    tags:
                      type: array
                      default: []
                      items: {type: string}
                    rules:
                      type: array
                      x-kubernetes-list-type: atomic
                      items:
                        type: object
                        properties:
                          path: {type: string}
                          weight: {type: integer, default: 1}
                          match:
                            type: object
                            default: {}
                            properties:
                              type: {type: string, default: PathPrefix}
                    backends:
                      type: array
                      items:
                        type: object
                        properties:
                          name: {type: string}
                          port: {type: integer, default: 80}
      """;
}
