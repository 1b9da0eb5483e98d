package dev.gitops.diff;

import static dev.gitops.testing.TestObjects.manifest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.cluster.ApplyOptions;
import dev.gitops.cluster.InMemoryCluster;
import dev.gitops.cluster.LiveObject;
import dev.gitops.model.Manifest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Custom resources' schema defaults: the API server (the in-memory cluster too) fills them into
 * the items of lists compared whole, which the desired object does not declare; the diff must
 * settle all the same.
 */
class SchemaDefaultsTest {
  static final String CRD = """
      apiVersion: apiextensions.k8s.io/v1
      kind: CustomResourceDefinition
      metadata: {name: routes.example.com}
      spec:
        group: example.com
        scope: Namespaced
        names: {plural: routes, kind: Route}
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
                    color: {type: string, default: blue}
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
                    canary:
                      type: object
                      properties:
                        weight: {type: integer, nullable: true, default: 10}
                        header: {type: string, nullable: true}
                    backends:
                      type: array
                      items:
                        type: object
                        properties:
                          name: {type: string}
                          port: {type: integer, default: 80}
      """;
  static final String ROUTE = """
      apiVersion: example.com/v1
      kind: Route
      metadata: {name: r, namespace: default}
      spec:
        rules:
        - path: /a
        - path: /b
          weight: 5
          match: {type: Exact}
        backends:
        - name: web
      """;

  private final InMemoryCluster cluster = InMemoryCluster.create();
  private Differ differ;
  private Manifest route;
  private LiveObject applied;

  @BeforeEach
  void define() {
    cluster.apply(manifest("crd.yaml", 1, CRD), ApplyOptions.defaults());
    differ = Differ.of(cluster.schema(), DiffOptions.defaults());
    route = manifest("route.yaml", 1, ROUTE);
    applied = cluster.apply(route, ApplyOptions.defaults());
  }

  @Test
  void atomicListItemsWithSchemaDefaultsSettleInSync() {
    // The in-memory cluster stores the defaults, as a real server does.
    assertThat(applied).isEqualTo(asServerStoresIt(applied));

    ResourceDiff diff = differ.diff(route, Optional.of(applied));

    assertThat(diff.changes()).as(diff.unifiedDiff()).isEmpty();
    assertThat(diff.status()).isEqualTo(DiffStatus.IN_SYNC);
    // Again, from the cached prepared manifest (the in-sync check's path).
    assertThat(differ.diff(route, Optional.of(applied)).status()).isEqualTo(DiffStatus.IN_SYNC);
  }

  @Test
  void liveObjectWithoutTheDefaultsSettlesInSyncToo() {
    // For example one stored before its definition had the defaults: the differ fills both sides.
    Map<String, Object> tree = applied.toMutableMap();
    spec(tree).remove("color");
    rules(tree).get(0).remove("weight");
    rules(tree).get(0).remove("match");
    LiveObject bare = LiveObject.of(tree);

    assertThat(differ.diff(route, Optional.of(bare)).status()).isEqualTo(DiffStatus.IN_SYNC);
  }

  @Test
  void inSyncCheckProvesTheServersShapeInSyncWithoutTheFullComparison() {
    LiveObject live = applied;
    DiffOptions options = DiffOptions.defaults();
    InSyncCheck check = InSyncCheck.compile(route.key(),
        Comparison.prepare(route.key(), route.object(), cluster.schema(), options), cluster.schema(), options,
        List.of((ServerDefaults) Normalizers.apiServerDefaults()));

    ResourceDiff quick = check.check(route.source(), live.object(),
        FieldsNode.applied(live.object(), options.fieldManager()));

    assertThat(quick).isNotNull().isEqualTo(differ.diff(route, Optional.of(live)));
    // A real change in the list: the check gives up, it never claims in sync.
    Map<String, Object> tree = live.toMutableMap();
    rules(tree).get(1).put("weight", 6L);
    assertThat(check.check(route.source(), tree, FieldsNode.applied(tree, options.fieldManager()))).isNull();
  }

  @Test
  void realChangeInAnAtomicListWithDefaultsIsStillDrift() {
    Map<String, Object> tree = applied.toMutableMap();
    rules(tree).get(0).put("weight", 3L);

    ResourceDiff diff = differ.diff(route, Optional.of(LiveObject.of(tree)));

    assertThat(diff.status()).isEqualTo(DiffStatus.OUT_OF_SYNC);
    assertThat(diff.changes()).singleElement().satisfies(c -> {
      assertThat(c.path()).isEqualTo(".spec.rules");
      assertThat(c.reason().kind()).isEqualTo(Reason.Kind.DECLARED);
    });
    assertThat(diff.jsonPatch()).contains("/spec/rules");

    Manifest changed = manifest("route.yaml", 1, ROUTE.replace("path: /a", "path: /c"));
    assertThat(differ.diff(changed, Optional.of(applied)).changes())
        .extracting(FieldChange::path).containsExactly(".spec.rules");
  }

  @Test
  void undeclaredDefaultedFieldWithAnotherValueIsExplainedNotDrift() {
    Map<String, Object> tree = applied.toMutableMap();
    spec(tree).put("color", "red");

    ResourceDiff diff = differ.diff(route, Optional.of(LiveObject.of(tree)));

    assertThat(diff.status()).isEqualTo(DiffStatus.IN_SYNC);
    assertThat(diff.ignored()).singleElement().satisfies(f -> {
      assertThat(f.pointer()).isEqualTo("/spec/color");
      assertThat(f.reason().kind()).isEqualTo(Reason.Kind.DEFAULT);
      assertThat(f.reason().detail()).contains("schema default color: blue", "live has red");
    });
  }

  @Test
  void nullOfANullableFieldKeptByTheClusterDiffsInSyncAgainstItsManifest() {
    Manifest nulled = manifest("route.yaml", 1, ROUTE + "  canary: {weight: null, header: null}\n");
    LiveObject live = cluster.apply(nulled, ApplyOptions.defaults());
    // Kept as sent, the default of weight not filled: both fields are nullable.
    Map<String, Object> canary = new java.util.LinkedHashMap<>();
    canary.put("weight", null);
    canary.put("header", null);
    assertThat(live.get("spec", "canary")).contains(canary);

    ResourceDiff diff = differ.diff(nulled, Optional.of(live));

    assertThat(diff.changes()).as(diff.unifiedDiff()).isEmpty();
    assertThat(diff.status()).isEqualTo(DiffStatus.IN_SYNC);
    assertThat(differ.diff(nulled, Optional.of(live)).status()).isEqualTo(DiffStatus.IN_SYNC);
    // The default in place of the declared null is a change, not a default to explain away.
    Map<String, Object> tree = live.toMutableMap();
    @SuppressWarnings("unchecked")
    Map<String, Object> liveCanary = (Map<String, Object>) spec(tree).get("canary");
    liveCanary.put("weight", 10L);
    assertThat(differ.diff(nulled, Optional.of(LiveObject.of(tree))).status()).isEqualTo(DiffStatus.OUT_OF_SYNC);
  }

  @Test
  void schemaTableKnowsTheNullableFieldsOfCustomResourcesOnly() {
    assertThat(cluster.schema().isNullable("example.com", "Route", List.of("spec", "canary", "weight"))).isTrue();
    assertThat(cluster.schema().isNullable("example.com", "Route", List.of("spec", "canary", "header"))).isTrue();
    assertThat(cluster.schema().isNullable("example.com", "Route", List.of("spec", "color"))).isFalse();
    assertThat(cluster.schema().isNullable("example.com", "Route", List.of("spec", "canary"))).isFalse();
    assertThat(cluster.schema().hasNullables("example.com", "Route")).isTrue();
    assertThat(cluster.schema().hasNullables("apps", "Deployment")).isFalse();
  }

  @Test
  void schemaTableReportsTheDefaultsOfCustomResourcesOnly() {
    assertThat(cluster.schema().defaults("example.com", "Route", List.of("spec", "rules")))
        .isEqualTo(Map.of("weight", 1L, "match", Map.of()));
    assertThat(cluster.schema().defaults("example.com", "Route", List.of("spec")))
        .isEqualTo(Map.of("color", "blue"));
    assertThat(cluster.schema().defaults("apps", "Deployment", List.of("spec"))).isEmpty();
  }

  /** The object as a real API server stores it: the schema's defaults filled in where absent. */
  private static LiveObject asServerStoresIt(LiveObject live) {
    Map<String, Object> tree = live.toMutableMap();
    spec(tree).put("color", "blue");
    for (Map<String, Object> rule : rules(tree)) {
      rule.putIfAbsent("weight", 1L);
      rule.putIfAbsent("match", new java.util.LinkedHashMap<>());
      @SuppressWarnings("unchecked")
      Map<String, Object> match = (Map<String, Object>) rule.get("match");
      match.putIfAbsent("type", "PathPrefix");
    }
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> backends = (List<Map<String, Object>>) spec(tree).get("backends");
    backends.forEach(b -> b.putIfAbsent("port", 80L));
    return LiveObject.of(tree);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec(Map<String, Object> tree) {
    return (Map<String, Object>) tree.get("spec");
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> rules(Map<String, Object> tree) {
    return (List<Map<String, Object>>) spec(tree).get("rules");
  }
}
