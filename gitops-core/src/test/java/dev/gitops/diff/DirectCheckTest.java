package dev.gitops.diff;

import static dev.gitops.testing.TestObjects.manifest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gitops.cluster.ApplyOptions;
import dev.gitops.cluster.InMemoryCluster;
import dev.gitops.cluster.LiveObject;
import dev.gitops.cluster.SchemaTable;
import dev.gitops.model.Manifest;
import dev.gitops.model.ObjectTree;
import dev.gitops.model.SourceLocation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The check of first diffs reads the desired object as the normalizers would leave it without
 * copying it: it must decide exactly as the check compiled from the prepared copy decides, and
 * where it proves an object in sync the full comparison must agree.
 */
class DirectCheckTest {
  private static final String CRON_JOB = """
      apiVersion: batch/v1
      kind: CronJob
      metadata: {name: nightly, namespace: default}
      spec:
        schedule: "0 3 * * *"
        jobTemplate:
          spec:
            template:
              spec:
                restartPolicy: OnFailure
                containers:
                - name: job
                  image: busybox:latest
                  env: [{name: POD, valueFrom: {fieldRef: {fieldPath: metadata.name}}}]
      """;
  private static final String NETWORK_POLICY = """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: web, namespace: default}
      spec:
        podSelector: {matchLabels: {app: web}}
        ingress:
        - ports: [{port: 8080}]
      """;

  private final DiffOptions options = DiffOptions.defaults();

  @Test
  void decidesAsTheCompiledCheckOverRandomDesiredAndLiveVariants() {
    List<String> bases = List.of(InSyncCheckTest.DEPLOYMENT, InSyncCheckTest.SERVICE, InSyncCheckTest.STATEFUL_SET,
        CRON_JOB, NETWORK_POLICY, SchemaDefaultsTest.ROUTE);
    Random random = new Random(20261204L);
    int proved = 0;
    int notProved = 0;
    int unsupported = 0;
    int provedWithDesiredChanges = 0;
    for (int round = 0; round < 1_500; round++) {
      InMemoryCluster cluster = InMemoryCluster.create();
      cluster.apply(manifest("crd.yaml", 1, SchemaDefaultsTest.CRD), ApplyOptions.defaults());
      SchemaTable schema = round % 3 == 0 ? SchemaTable.builtIn() : cluster.schema();
      Map<String, Object> tree = ObjectTree.thaw(manifest("app.yaml", 1, bases.get(round % bases.size())).object());
      int desiredChanges = random.nextInt(3);
      for (int c = 0; c < desiredChanges; c++) {
        mutateDesired(tree, random);
      }
      Manifest desired;
      LiveObject applied;
      try {
        desired = Manifest.of(tree, new SourceLocation("app.yaml", 1));
        applied = cluster.apply(desired, ApplyOptions.defaults());
      } catch (RuntimeException refused) {
        continue; // a variant the server refuses has no live object to compare with
      }
      Map<String, Object> liveTree = applied.toMutableMap();
      int liveChanges = random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(2);
      for (int c = 0; c < liveChanges; c++) {
        InSyncCheckTest.mutate(liveTree, random);
      }
      LiveObject live = LiveObject.of(liveTree);
      Map<?, ?> own = FieldsNode.applied(live.object(), options.fieldManager());
      InSyncPlan.Defaults defaults = new InSyncPlan.Defaults(List.of((ServerDefaults) options.normalizers().get(2)));
      ResourceDiff compiled = InSyncCheck.compile(desired.key(), Comparison.prepare(desired.key(), desired.object(),
          schema, options), schema, options, defaults).check(desired.source(), live.object(), own);
      ResourceDiff direct;
      try {
        direct = DirectCheck.of(schema, options, defaults).check(desired.key(), desired.source(), desired.object(),
            live.object(), own);
      } catch (DirectCheck.Unsupported e) {

        unsupported++;
        continue;
      }

      String what = desired.key() + " desired " + desired.object() + " live " + live.object();
      assertThat(direct).as(what).isEqualTo(compiled);
      if (direct != null) {
        ResourceDiff full = new Comparison(desired.key(), desired.source(), desired.object(), null, live, schema,
            options).result(false);
        assertThat(direct).as(what).isEqualTo(full);
        proved++;
        if (desiredChanges > 0) {
          provedWithDesiredChanges++;
        }
      } else {
        notProved++;
      }
    }
    // Every outcome occurs often, so none of the comparisons above is vacuous.
    assertThat(proved).isGreaterThan(300);
    assertThat(provedWithDesiredChanges).isGreaterThan(150);
    assertThat(notProved).isGreaterThan(300);
    assertThat(unsupported).isGreaterThan(10);
  }

  @Test
  void leavesWhatItCannotReadExactlyToTheCompiledCheck() {
    InMemoryCluster cluster = InMemoryCluster.create();
    Manifest helmStyle = manifest("app.yaml", 1, InSyncCheckTest.DEPLOYMENT.replace(
        "metadata: {labels: {app: web}}", "metadata: {labels: {app: web}, creationTimestamp: null}"));
    LiveObject live = cluster.apply(helmStyle, ApplyOptions.defaults());
    InSyncPlan.Defaults defaults = new InSyncPlan.Defaults(List.of((ServerDefaults) options.normalizers().get(2)));
    Map<?, ?> own = FieldsNode.applied(live.object(), options.fieldManager());

    assertThatThrownBy(() -> DirectCheck.of(cluster.schema(), options, defaults).check(helmStyle.key(),
        helmStyle.source(), helmStyle.object(), live.object(), own)).as("a server field in the desired object")
        .isInstanceOf(DirectCheck.Unsupported.class);
    DiffOptions ignoring = options.withIgnore(IgnoreRule.pointer("/spec/replicas"));
    assertThatThrownBy(() -> DirectCheck.of(cluster.schema(), ignoring, defaults).check(helmStyle.key(),
        helmStyle.source(), helmStyle.object(), live.object(), own)).as("an ignore rule for the object")
        .isInstanceOf(DirectCheck.Unsupported.class);
    assertThat(DirectCheck.of(cluster.schema(), options.withNormalizers(List.of(Normalizers.apiServerDefaults())),
        defaults)).as("other normalizers").isNull();
    // The differ still proves such an object in sync on its first diff, the compiled way.
    Differ differ = Differ.of(cluster.schema(), options);
    assertThat(differ.diff(helmStyle, Optional.of(live)).status()).isEqualTo(DiffStatus.IN_SYNC);
  }

  @Test
  void readsOmittedValuesAndDefaultsAsTheNormalizersLeaveThem() {
    InMemoryCluster cluster = InMemoryCluster.create();
    // Omitted values (an empty value, a false zero, empty lists and maps) and declared defaults.
    Manifest desired = manifest("app.yaml", 1, InSyncCheckTest.DEPLOYMENT
        .replace("env: [{name: A, value: \"1\"}", "env: [{name: A, value: \"1\"}, {name: E, value: \"\"}")
        .replace("image: nginx:1.27", "image: nginx:1.27\n        stdin: false\n        volumeMounts: []"
            + "\n        imagePullPolicy: IfNotPresent")
        .replace("replicas: 2", "replicas: 2\n  strategy: {type: RollingUpdate}\n  paused: false")
        .replace("metadata: {labels: {app: web}}", "metadata: {labels: {app: web}, annotations: {}}"));
    LiveObject live = cluster.apply(desired, ApplyOptions.defaults());
    InSyncPlan.Defaults defaults = new InSyncPlan.Defaults(List.of((ServerDefaults) options.normalizers().get(2)));
    DirectCheck check = DirectCheck.of(cluster.schema(), options, defaults);

    ResourceDiff direct = check.check(desired.key(), desired.source(), desired.object(), live.object(),
        FieldsNode.applied(live.object(), options.fieldManager()));

    assertThat(direct).isNotNull();
    assertThat(direct.status()).isEqualTo(DiffStatus.IN_SYNC);
    // A default changed live by another hand: not proven here; the full way finds it is not ours.
    Map<String, Object> tree = live.toMutableMap();
    InSyncCheckTest.containers(tree).get(0).put("terminationMessagePath", "/other");
    assertThat(check.check(desired.key(), desired.source(), desired.object(), tree,
        FieldsNode.applied(tree, options.fieldManager()))).isNull();
    Differ differ = Differ.of(cluster.schema(), options);
    assertThat(differ.diff(desired, Optional.of(LiveObject.of(tree))).status()).isEqualTo(DiffStatus.IN_SYNC);
    // A declared field changed: drift.
    InSyncCheckTest.containers(tree).get(0).put("image", "nginx:1.28");
    assertThat(check.check(desired.key(), desired.source(), desired.object(), tree,
        FieldsNode.applied(tree, options.fieldManager()))).isNull();
    assertThat(differ.diff(desired, Optional.of(LiveObject.of(tree))).status()).isEqualTo(DiffStatus.OUT_OF_SYNC);
  }

  /** One random change to a desired object of the kind a render may hold: omitted values, defaults spelled out. */
  @SuppressWarnings("unchecked")
  private static void mutateDesired(Map<String, Object> tree, Random random) {
    List<Object> containers = new ArrayList<>();
    InSyncCheckTest.collect(tree, containers);
    List<Map<String, Object>> maps = new ArrayList<>();
    for (Object c : containers) {
      if (c instanceof Map<?, ?> m) {
        maps.add((Map<String, Object>) m);
      }
    }
    Map<String, Object> map = maps.get(random.nextInt(maps.size()));
    List<String> keys = new ArrayList<>(map.keySet());
    String k = keys.isEmpty() ? "extra" : keys.get(random.nextInt(keys.size()));
    if (List.of("name", "namespace", "kind", "apiVersion", "metadata").contains(k)) {
      return;
    }
    switch (random.nextInt(16)) {
      case 0 -> map.put(k, null);
      case 1 -> map.remove(k);
      case 2 -> map.put("stdin", false);
      case 3 -> map.put("workingDir", "");
      case 4 -> map.put("hostNetwork", false);
      case 5 -> map.put("value", "");
      case 6 -> map.put("args", new ArrayList<>());
      case 7 -> map.put("labels", new LinkedHashMap<>());
      case 8 -> map.put("nodeSelector", new LinkedHashMap<>(Map.of("k", new LinkedHashMap<>())));
      case 9 -> map.put("protocol", "TCP");
      case 10 -> map.put("dnsPolicy", "ClusterFirst");
      case 11 -> map.put("imagePullPolicy", random.nextBoolean() ? "IfNotPresent" : "Always");
      case 12 -> map.put("strategy", new LinkedHashMap<>(random.nextBoolean() ? Map.of() : Map.of("type", "RollingUpdate")));
      case 13 -> map.put("matchExpressions", new ArrayList<>());
      case 14 -> map.put("hostPort", 0L);
      default -> map.put("securityContext", new LinkedHashMap<>());
    }
  }
}
