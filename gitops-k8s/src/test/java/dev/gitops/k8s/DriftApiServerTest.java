package dev.gitops.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.cluster.ApplyOptions;
import dev.gitops.cluster.LiveObject;
import dev.gitops.cluster.ManagedFields;
import dev.gitops.diff.DiffOptions;
import dev.gitops.diff.DiffStatus;
import dev.gitops.diff.Differ;
import dev.gitops.diff.IgnoreFilter;
import dev.gitops.diff.IgnoreRule;
import dev.gitops.diff.Reason;
import dev.gitops.diff.ResourceDiff;
import dev.gitops.model.Manifest;
import dev.gitops.model.ObjectTree;
import dev.gitops.test.apiserver.KubeApiServer;
import dev.gitops.test.apiserver.KubeApiServerExtension;
import dev.gitops.testing.TestObjects;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The differ against a real kube-apiserver: objects we apply come back with the server's defaults
 * (and a custom resource with its schema's defaults), and must still diff as in sync; another
 * manager's change is drift with its reason; ignored fields stay ignored on the next apply, and a
 * manager that applies one field into our container item (co-owning the item) has only that field ignored.
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

  @Test
  void aManagerApplyingOneEnvVarIntoOurContainerIsIgnoredForThatVarNotForTheContainerWithOurImage() {
    Manifest desired = manifest(DEPLOYMENT);
    cluster.apply(desired, ApplyOptions.defaults());
    LiveObject meshed = cluster.apply(manifest(MESH_ENV), ApplyOptions.defaults().withFieldManager("mesh")
        .withForce(true));

    // The real server's record: the mesh co-owns our container item ("." and its key field "name")
    // and owns its env entry whole; our manager keeps the image and owns nothing of env.
    assertThat(containerFields(meshed, "mesh")).containsOnlyKeys(".", "f:name", "f:env");
    assertThat(containerFields(meshed, DiffOptions.defaults().fieldManager()))
        .containsKeys(".", "f:name", "f:image").doesNotContainKey("f:env");

    // Without a rule the env var is no drift either: we neither declare nor own it, so it is not compared.
    ResourceDiff plain = Differ.of(cluster.schema(), DiffOptions.defaults()).diff(desired, Optional.of(meshed));
    assertThat(plain.changes()).as(plain.unifiedDiff()).isEmpty();
    assertThat(plain.ignored()).isEmpty();
    assertThat(Differ.dryRun(cluster, DiffOptions.defaults()).diff(desired, Optional.of(meshed)).changes())
        .isEmpty();

    DiffOptions ignoring = DiffOptions.defaults().withIgnore(IgnoreRule.manager("mesh"));
    Differ differ = Differ.of(cluster.schema(), ignoring);
    ResourceDiff diff = differ.diff(desired, Optional.of(meshed));
    assertThat(diff.changes()).as(diff.unifiedDiff()).isEmpty();
    assertThat(diff.status()).isEqualTo(DiffStatus.IN_SYNC);
    assertThat(diff.ignored()).as("the container co-owned by the mesh stays compared").isEmpty();
    // Our image is still compared: changing it is drift despite the rule.
    ResourceDiff bumped = differ.diff(manifest(DEPLOYMENT.replace("nginx:1.27", "nginx:1.28")),
        Optional.of(meshed));
    assertThat(bumped.changes()).extracting(c -> c.path()).containsExactly(WEB + ".image");
    assertThat(Differ.dryRun(cluster, ignoring).diff(desired, Optional.of(meshed)).changes()).isEmpty();

    Manifest toApply = IgnoreFilter.stripIgnored(desired, Optional.of(meshed), ignoring, cluster.schema());
    assertThat(toApply.get("spec", "template", "spec", "containers"))
        .isEqualTo(desired.get("spec", "template", "spec", "containers"));
    LiveObject after = cluster.apply(toApply, ApplyOptions.defaults());
    assertThat(container(after, "web")).containsEntry("image", "nginx:1.27")
        .containsEntry("env", List.of(Map.of("name", "MESH", "value", "on")));
    assertThat(after.get("spec", "template", "metadata", "annotations"))
        .contains(Map.of("mesh.example.com/injected", "true"));
    ResourceDiff again = differ.diff(desired, Optional.of(after));
    assertThat(again.changes()).as(again.unifiedDiff()).isEmpty();
    assertThat(again.status()).isEqualTo(DiffStatus.IN_SYNC);
    assertThat(Differ.dryRun(cluster, ignoring).diff(desired, Optional.of(after)).isInSync()).isTrue();
  }

  @Test
  void aManagerForcingTheValueOfOurEnvVarIsIgnoredForThatValueAndKeepsItAfterOurApply() {
    Manifest desired = manifest(DEPLOYMENT.replace("image: nginx:1.27",
        "image: nginx:1.27\n        env: [{name: MESH, value: \"off\"}]"));
    cluster.apply(desired, ApplyOptions.defaults());
    LiveObject meshed = cluster.apply(manifest(MESH_ENV), ApplyOptions.defaults().withFieldManager("mesh")
        .withForce(true));
    // The force moved only the value to the mesh; both co-own the item and its key.
    Map<String, Object> ours = containerFields(meshed, DiffOptions.defaults().fieldManager());
    assertThat(ours).extractingByKey("f:env").asInstanceOf(InstanceOfAssertFactories.MAP)
        .extractingByKey("k:{\"name\":\"MESH\"}").asInstanceOf(InstanceOfAssertFactories.MAP)
        .containsOnlyKeys(".", "f:name");
    String value = WEB + ".env[name=\"MESH\"].value";

    ResourceDiff plain = Differ.of(cluster.schema(), DiffOptions.defaults()).diff(desired, Optional.of(meshed));
    assertThat(plain.changes()).singleElement().satisfies(c -> {
      assertThat(c.path()).isEqualTo(value);
      assertThat(c.reason().kind()).isEqualTo(Reason.Kind.CHANGED_BY_MANAGER);
      assertThat(c.reason().detail()).contains("mesh");
    });

    DiffOptions ignoring = DiffOptions.defaults().withIgnore(IgnoreRule.manager("mesh"));
    Differ differ = Differ.of(cluster.schema(), ignoring);
    ResourceDiff diff = differ.diff(desired, Optional.of(meshed));
    assertThat(diff.changes()).as(diff.unifiedDiff()).isEmpty();
    assertThat(diff.status()).isEqualTo(DiffStatus.IN_SYNC);
    assertThat(diff.ignored()).singleElement().satisfies(i -> {
      assertThat(i.path()).isEqualTo(value);
      assertThat(i.reason().kind()).isEqualTo(Reason.Kind.IGNORED_MANAGER);
    });
    assertThat(Differ.dryRun(cluster, ignoring).diff(desired, Optional.of(meshed)).changes()).isEmpty();

    Manifest toApply = IgnoreFilter.stripIgnored(desired, Optional.of(meshed), ignoring, cluster.schema());
    // Our container goes out whole but for the mesh's value: the env item keeps its key.
    Map<String, Object> expected = new LinkedHashMap<>(container(desired.object(), "web"));
    expected.put("env", List.of(Map.of("name", "MESH")));
    assertThat(container(toApply.object(), "web")).isEqualTo(expected);
    LiveObject after = cluster.apply(toApply, ApplyOptions.defaults());
    assertThat(container(after, "web")).containsEntry("image", "nginx:1.27")
        .containsEntry("env", List.of(Map.of("name", "MESH", "value", "on")));
    ResourceDiff again = differ.diff(desired, Optional.of(after));
    assertThat(again.changes()).as(again.unifiedDiff()).isEmpty();
    assertThat(again.status()).isEqualTo(DiffStatus.IN_SYNC);
    assertThat(Differ.dryRun(cluster, ignoring).diff(desired, Optional.of(after)).isInSync()).isTrue();
  }

  /** The FieldsV1 a manager has for the container item {@code web}; empty when none. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> containerFields(LiveObject live, String manager) {
    for (ManagedFields m : live.managedFields()) {
      Object node = m.fieldsV1();
      for (String k : List.of("f:spec", "f:template", "f:spec", "f:containers", "k:{\"name\":\"web\"}")) {
        node = node instanceof Map<?, ?> map ? map.get(k) : null;
      }
      if (m.manager().equals(manager) && node instanceof Map<?, ?> found) {
        return (Map<String, Object>) found;
      }
    }
    return Map.of();
  }

  private static Map<String, Object> container(LiveObject live, String name) {
    return container(live.object(), name);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> container(Map<String, Object> object, String name) {
    return ObjectTree.get(object, "spec", "template", "spec", "containers").stream()
        .flatMap(c -> ((List<?>) c).stream()).map(c -> (Map<String, Object>) c)
        .filter(c -> name.equals(c.get("name"))).findFirst().orElseThrow();
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

  private static final String WEB = ".spec.template.spec.containers[name=\"web\"]";
  /** What a service mesh applies into our Deployment: one env var of the container web, an annotation. */
  private static final String MESH_ENV = """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web, namespace: NS}
      spec:
        template:
          metadata: {annotations: {mesh.example.com/injected: "true"}}
          spec:
            containers:
            - name: web
              env: [{name: MESH, value: "on"}]
      """;
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
