package dev.gitops.diff;

import static dev.gitops.testing.TestObjects.manifest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.cluster.ApplyOptions;
import dev.gitops.cluster.InMemoryCluster;
import dev.gitops.cluster.LiveObject;
import dev.gitops.cluster.SchemaTable;
import dev.gitops.model.Manifest;
import dev.gitops.model.ObjectTree;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The in-sync check may only ever say "in sync" where the full comparison says so too, with the
 * same ignored fields; everything else it must leave to the full comparison.
 */
class InSyncCheckTest {
  static final String DEPLOYMENT = """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
        namespace: default
        labels: {app: web, team: a}
        finalizers: [example.com/keep]
      spec:
        replicas: 2
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec:
            containers:
            - name: web
              image: nginx:1.27
              ports: [{containerPort: 8080, name: http}, {containerPort: 9090, name: metrics}]
              resources: {limits: {cpu: "1", memory: 256Mi}, requests: {cpu: 100m}}
              readinessProbe: {httpGet: {path: /ready, port: 8080}}
              env: [{name: A, value: "1"}, {name: B, value: "2"}, {name: C, value: "3"}]
            - name: side
              image: busybox
              args: [sleep, "3600"]
      """;
  static final String SERVICE = """
      apiVersion: v1
      kind: Service
      metadata: {name: web, namespace: default}
      spec:
        selector: {app: web}
        ports: [{port: 80, targetPort: 8080, name: http}, {port: 443, name: https}]
      """;
  static final String SECRET = """
      apiVersion: v1
      kind: Secret
      metadata: {name: creds, namespace: default}
      stringData: {user: admin}
      data: {token: dG9rZW4=}
      """;
  static final String STATEFUL_SET = """
      apiVersion: apps/v1
      kind: StatefulSet
      metadata: {name: db, namespace: default}
      spec:
        serviceName: db
        selector: {matchLabels: {app: db}}
        template:
          metadata: {labels: {app: db}}
          spec:
            containers: [{name: db, image: "postgres:16"}]
        volumeClaimTemplates:
        - metadata: {name: data}
          spec:
            accessModes: [ReadWriteOnce]
            resources: {requests: {storage: 1Gi}}
      """;

  /** Another manager's changes: replicas, one env item, a label, a Service port's target, a Secret key. */
  private static final List<String> OTHERS = List.of("""
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web, namespace: default, labels: {team: b}}
      spec:
        replicas: 5
        template:
          spec:
            containers:
            - name: web
              env: [{name: B, value: "22"}]
      """, """
      apiVersion: v1
      kind: Service
      metadata: {name: web, namespace: default}
      spec:
        ports: [{port: 80, targetPort: 9090}]
      """, """
      apiVersion: v1
      kind: Secret
      metadata: {name: creds, namespace: default}
      data: {token: b3RoZXI=}
      """, """
      apiVersion: apps/v1
      kind: StatefulSet
      metadata: {name: db, namespace: default}
      spec: {replicas: 3}
      """);

  private final InMemoryCluster cluster = InMemoryCluster.create();
  private final SchemaTable schema = SchemaTable.builtIn();

  @Test
  void neverClaimsInSyncWhereTheFullComparisonDisagreesOverRandomLiveChanges() {
    List<DiffOptions> optionSets = List.of(DiffOptions.defaults(),
        DiffOptions.defaults().withIgnore(IgnoreRule.pointer("/spec/replicas"))
            .withIgnore(IgnoreRule.pointer("/spec/template/spec/containers/*/env/1"))
            .withIgnore(IgnoreRule.pointer("/metadata/labels/team")),
        DiffOptions.defaults().withIgnore(IgnoreRule.manager("controller")),
        DiffOptions.defaults().withIgnore(IgnoreRule.pointer("/spec/replicas"))
            .withIgnore(IgnoreRule.manager("nobody")).withIgnore(IgnoreRule.manager("controller")));
    List<String> bases = List.of(DEPLOYMENT, SERVICE, SECRET, STATEFUL_SET);
    Random random = new Random(20261127L);
    int proved = 0;
    int leftToFull = 0;
    for (int b = 0; b < bases.size() * 2; b++) {
      Manifest desired = manifest("app.yaml", 1, bases.get(b / 2));
      LiveObject applied = cluster.apply(desired, ApplyOptions.defaults());
      if (b % 2 == 1) {
        // The same object after another manager took over some of its fields.
        applied = cluster.apply(manifest("other.yaml", 1, OTHERS.get(b / 2)),
            ApplyOptions.defaults().withFieldManager("controller").withForce(true));
      }
      for (DiffOptions options : optionSets) {
        Differ differ = Differ.of(schema, options);
        InSyncCheck check = InSyncCheck.compile(desired.key(), Comparison.prepare(desired.key(), desired.object(),
            schema, options), schema, options, List.of((ServerDefaults) Normalizers.apiServerDefaults()));
        for (int round = 0; round < 120; round++) {
          Map<String, Object> tree = applied.toMutableMap();
          int changes = round == 0 ? 0 : 1 + random.nextInt(2);
          for (int c = 0; c < changes; c++) {
            mutate(tree, random);
          }
          LiveObject live = LiveObject.of(tree);
          ResourceDiff full = new Comparison(desired.key(), desired.source(), desired.object(), null, live, schema,
              options).result(false);
          assertThat(differ.diff(desired, Optional.of(live))).as("%s after %s changes", desired.key(), changes)
              .isEqualTo(full);
          ResourceDiff quick = check.check(desired.source(), live.object(),
              FieldsNode.applied(live.object(), options.fieldManager()));
          if (quick != null) {
            assertThat(quick).isEqualTo(full);
            proved++;
          } else {
            leftToFull++;
          }
        }
      }
    }
    // Both outcomes occur, so the comparison above is not vacuous either way.
    assertThat(proved).isGreaterThan(500);
    assertThat(leftToFull).isGreaterThan(500);
  }

  @Test
  void provesAnObjectInSyncWhetherItsLiveSideHasTheServerDefaultsOrLacksThem() {
    Manifest desired = manifest("app.yaml", 1, DEPLOYMENT);
    LiveObject applied = cluster.apply(desired, ApplyOptions.defaults());
    assertThat(applied.get("spec", "template", "spec", "dnsPolicy")).as("stored as a real server does")
        .contains("ClusterFirst");
    Map<String, Object> withoutDefaults = applied.toMutableMap();
    @SuppressWarnings("unchecked")
    Map<String, Object> spec = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
        withoutDefaults.get("spec")).get("template")).get("spec");
    spec.remove("dnsPolicy");
    for (LiveObject live : List.of(applied, LiveObject.of(withoutDefaults))) {
      ResourceDiff quick = compile(desired, DiffOptions.defaults()).check(desired.source(), live.object(),
          FieldsNode.applied(live.object(), DiffOptions.defaults().fieldManager()));
      assertThat(quick).isNotNull();
      assertThat(quick.status()).isEqualTo(DiffStatus.IN_SYNC);
    }
  }

  @Test
  void leavesALiveListInAnotherOrderToTheFullComparisonWhichMatchesItemsByKey() {
    Manifest desired = manifest("app.yaml", 1, DEPLOYMENT);
    Map<String, Object> tree = cluster.apply(desired, ApplyOptions.defaults()).toMutableMap();
    Collections.reverse(containers(tree).get(0).get("env") instanceof List<?> env ? cast(env) : List.of());
    LiveObject live = LiveObject.of(tree);
    assertThat(compile(desired, DiffOptions.defaults()).check(desired.source(), live.object(),
        FieldsNode.applied(live.object(), DiffOptions.defaults().fieldManager()))).isNull();
    assertThat(Differ.of(schema, DiffOptions.defaults()).diff(desired, Optional.of(live)).status())
        .isEqualTo(DiffStatus.IN_SYNC);
  }

  @Test
  void givesUpOnAFieldWeOwnButNoLongerDeclare() {
    Manifest before = manifest("app.yaml", 1, DEPLOYMENT);
    LiveObject applied = cluster.apply(before, ApplyOptions.defaults());
    Manifest after = manifest("app.yaml", 1, DEPLOYMENT.replace("labels: {app: web, team: a}", "labels: {app: web}"));
    assertThat(compile(after, DiffOptions.defaults()).check(after.source(), applied.object(),
        FieldsNode.applied(applied.object(), DiffOptions.defaults().fieldManager()))).isNull();
    ResourceDiff diff = Differ.of(schema, DiffOptions.defaults()).diff(after, Optional.of(applied));
    assertThat(diff.status()).isEqualTo(DiffStatus.OUT_OF_SYNC);
    assertThat(diff.changes()).singleElement().satisfies(c -> {
      assertThat(c.path()).isEqualTo(".metadata.labels.team");
      assertThat(c.reason().kind()).isEqualTo(Reason.Kind.NO_LONGER_DECLARED);
    });
  }

  @Test
  void provesInSyncWhereOnlyAnIgnoredManagerChangedFieldsAndReportsThemAsTheFullDiffDoes() {
    Manifest desired = manifest("app.yaml", 1, DEPLOYMENT);
    cluster.apply(desired, ApplyOptions.defaults());
    LiveObject shared = cluster.apply(manifest("other.yaml", 1, OTHERS.get(0)),
        ApplyOptions.defaults().withFieldManager("controller").withForce(true));
    DiffOptions options = DiffOptions.defaults().withIgnore(IgnoreRule.manager("controller"));
    ResourceDiff quick = compile(desired, options).check(desired.source(), shared.object(),
        FieldsNode.applied(shared.object(), options.fieldManager()));
    assertThat(quick).isNotNull();
    assertThat(quick.ignored()).filteredOn(i -> i.reason().kind() == Reason.Kind.IGNORED_MANAGER)
        .extracting(IgnoredField::path).hasSize(3).anySatisfy(p -> assertThat(p).endsWith(".value"))
        .contains(".metadata.labels.team", ".spec.replicas");
    assertThat(quick).isEqualTo(new Comparison(desired.key(), desired.source(), desired.object(), null, shared,
        schema, options).result(false));
  }

  @Test
  void aValueComparedWholeIsIgnoredWhenAnIgnoredManagerMarksItOwnedWithDot() {
    Manifest desired = manifest("app.yaml", 1, SERVICE);
    Map<String, Object> tree = cluster.apply(desired, ApplyOptions.defaults()).toMutableMap();
    // A controller's entry marks spec.selector (an atomic map) owned by "." alone, and changed it.
    Map<String, Object> meta = cast(tree.get("metadata"));
    List<Map<String, Object>> entries = cast(meta.get("managedFields"));
    entries.add(new LinkedHashMap<>(Map.of("manager", "controller", "operation", "Update",
        "fieldsV1", Map.of("f:spec", Map.of("f:selector", Map.of(".", Map.of()))))));
    Map<String, Object> liveSpec = cast(tree.get("spec"));
    liveSpec.put("selector", Map.of("app", "other"));
    LiveObject live = LiveObject.of(tree);
    DiffOptions options = DiffOptions.defaults().withIgnore(IgnoreRule.manager("controller"));
    ResourceDiff full = new Comparison(desired.key(), desired.source(), desired.object(), null, live, schema,
        options).result(false);
    assertThat(full.status()).isEqualTo(DiffStatus.IN_SYNC);
    assertThat(full.ignored()).extracting(IgnoredField::path).contains(".spec.selector");
    assertThat(compile(desired, options).check(desired.source(), live.object(),
        FieldsNode.applied(live.object(), options.fieldManager()))).isEqualTo(full);
  }

  private InSyncCheck compile(Manifest desired, DiffOptions options) {
    return InSyncCheck.compile(desired.key(), Comparison.prepare(desired.key(), desired.object(), schema, options), schema,
        options, List.of((ServerDefaults) Normalizers.apiServerDefaults()));
  }

  /** One random change somewhere in the tree: values, keys, list order and length, ownership. */
  static void mutate(Map<String, Object> tree, Random random) {
    if (random.nextInt(4) == 0) {
      mutateOwnership(tree, random);
      return;
    }
    List<Object> containers = new ArrayList<>();
    collect(tree, containers);
    Object target = containers.get(random.nextInt(containers.size()));
    if (target instanceof Map<?, ?> m) {
      Map<String, Object> map = cast(m);
      List<String> keys = new ArrayList<>(map.keySet());
      String k = keys.isEmpty() ? "extra" : keys.get(random.nextInt(keys.size()));
      switch (random.nextInt(9)) {
        case 0 -> map.remove(k);
        case 1 -> map.put("extra" + random.nextInt(3), "v");
        case 2 -> map.put(k, changed(map.get(k), random));
        case 3 -> map.put(k, null);
        case 4 -> map.put(k, equivalent(map.get(k)));
        case 5 -> map.put(k, "text");
        case 6 -> map.put(k, new LinkedHashMap<>());
        case 7 -> map.put("protocol", random.nextBoolean() ? "TCP" : "UDP");
        default -> map.put("imagePullPolicy", random.nextBoolean() ? "IfNotPresent" : "Always");
      }
    } else if (target instanceof List<?> l) {
      List<Object> list = cast(l);
      switch (random.nextInt(5)) {
        case 0 -> Collections.reverse(list);
        case 1 -> {
          if (!list.isEmpty()) {
            list.remove(random.nextInt(list.size()));
          }
        }
        case 2 -> {
          if (!list.isEmpty()) {
            list.add(ObjectTree.thawValue(list.get(random.nextInt(list.size()))));
          }
        }
        case 3 -> list.add(list.isEmpty() || !(list.get(0) instanceof Map<?, ?>) ? "added"
            : new LinkedHashMap<>(Map.of("name", "added", "containerPort", 1L, "port", 1L)));
        default -> {
          if (!list.isEmpty()) {
            list.set(random.nextInt(list.size()), changed(list.get(0), random));
          }
        }
      }
    }
  }

  /**
   * A well-formed change of managedFields: an entry dropped, or a FieldsV1 node gaining a field
   * (one the live object has or not), a {@code "."} mark, or losing an entry.
   */
  private static void mutateOwnership(Map<String, Object> tree, Random random) {
    if (!(tree.get("metadata") instanceof Map<?, ?> meta) || !(meta.get("managedFields") instanceof List<?> list)
        || list.isEmpty()) {
      return;
    }
    List<Map<String, Object>> entries = cast(list);
    if (random.nextInt(5) == 0) {
      entries.remove(random.nextInt(entries.size()));
      return;
    }
    List<Object> nodes = new ArrayList<>();
    collect(entries.get(random.nextInt(entries.size())).get("fieldsV1"), nodes);
    Map<String, Object> node = cast(nodes.get(random.nextInt(nodes.size())));
    List<String> keys = new ArrayList<>(node.keySet());
    switch (random.nextInt(4)) {
      case 0 -> node.put("f:extra" + random.nextInt(2), new LinkedHashMap<>());
      case 1 -> node.put(".", new LinkedHashMap<>());
      case 2 -> {
        if (!keys.isEmpty()) {
          node.remove(keys.get(random.nextInt(keys.size())));
        }
      }
      default -> {
        for (String k : List.of("f:image", "f:replicas", "f:team", "f:value", "f:ports", "f:token")) {
          if (random.nextBoolean()) {
            node.put(k, new LinkedHashMap<>());
          }
        }
      }
    }
  }

  /** Every map and list of the tree, managedFields left out. */
  static void collect(Object v, List<Object> out) {
    if (v instanceof Map<?, ?> m) {
      out.add(m);
      m.forEach((k, x) -> {
        if (!"managedFields".equals(k)) {
          collect(x, out);
        }
      });
    } else if (v instanceof List<?> l) {
      out.add(l);
      l.forEach(x -> collect(x, out));
    }
  }

  private static Object changed(Object v, Random random) {
    if (v instanceof String s) {
      return s + "x";
    }
    if (v instanceof Number n) {
      return n.longValue() + 1 + random.nextInt(2);
    }
    if (v instanceof Boolean b) {
      return !b;
    }
    return v == null ? "set" : null;
  }

  /** Another spelling of the same value where the API server has one. */
  private static Object equivalent(Object v) {
    if ("1".equals(v)) {
      return "1000m";
    }
    if ("256Mi".equals(v)) {
      return "268435456";
    }
    if (v instanceof Long n) {
      return String.valueOf(n);
    }
    return v;
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> containers(Map<String, Object> tree) {
    return (List<Map<String, Object>>) ((Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
        tree.get("spec")).get("template")).get("spec")).get("containers");
  }

  @SuppressWarnings("unchecked")
  private static <T> T cast(Object o) {
    return (T) o;
  }
}
