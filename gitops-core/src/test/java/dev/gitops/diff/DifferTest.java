package dev.gitops.diff;

import static dev.gitops.testing.TestObjects.by;
import static dev.gitops.testing.TestObjects.live;
import static dev.gitops.testing.TestObjects.manifest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gitops.cluster.ApplyOptions;
import dev.gitops.cluster.InMemoryCluster;
import dev.gitops.cluster.LiveObject;
import dev.gitops.cluster.SchemaTable;
import dev.gitops.model.Manifest;
import dev.gitops.model.SourceLocation;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DifferTest {
  private static final String DEPLOYMENT = """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
        namespace: default
        labels: {app: web}
      spec:
        replicas: 2
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec:
            containers:
            - name: web
              image: nginx:1.27
              ports: [{containerPort: 8080}]
              resources:
                limits: {cpu: "1", memory: 1Gi}
                requests: {cpu: "0.5", memory: 512Mi}
            - name: sidecar
              image: envoy
      """;

  private final InMemoryCluster cluster = InMemoryCluster.create();
  private final Differ differ = Differ.of(SchemaTable.builtIn(), DiffOptions.defaults());

  @Test
  void appliedAndReadBackIsInSync() {
    Manifest web = manifest("apps/web.yaml", 1, DEPLOYMENT);
    LiveObject live = cluster.apply(web, ApplyOptions.defaults());

    ResourceDiff diff = differ.diff(web, Optional.of(live));

    assertThat(diff.status()).isEqualTo(DiffStatus.IN_SYNC);
    assertThat(diff.changes()).isEmpty();
    assertThat(diff.patch()).isEmpty();
    assertThat(diff.unifiedDiff()).isEmpty();
  }

  @Test
  void serverDefaultsQuantitiesListOrderAndIntOrStringAreNotDrift() {
    Manifest web = manifest("apps/web.yaml", 1, DEPLOYMENT);
    // As a real API server returns it, written by kubectl (no managedFields of ours): defaults
    // filled in, quantities canonical, containers in another order, status and metadata set.
    LiveObject live = live("""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: default
          uid: 4c1d
          resourceVersion: "77"
          generation: 3
          creationTimestamp: "2026-01-01T00:00:00Z"
          labels: {app: web}
          annotations:
            deployment.kubernetes.io/revision: "3"
            kubectl.kubernetes.io/last-applied-configuration: "{}"
        spec:
          replicas: 2
          revisionHistoryLimit: 10
          progressDeadlineSeconds: 600
          strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 25%, maxUnavailable: 25%}}
          selector: {matchLabels: {app: web}}
          template:
            metadata: {creationTimestamp: null, labels: {app: web}}
            spec:
              restartPolicy: Always
              dnsPolicy: ClusterFirst
              schedulerName: default-scheduler
              securityContext: {}
              terminationGracePeriodSeconds: 30
              containers:
              - name: sidecar
                image: envoy
                imagePullPolicy: Always
                terminationMessagePath: /dev/termination-log
                terminationMessagePolicy: File
                resources: {}
              - name: web
                image: nginx:1.27
                imagePullPolicy: IfNotPresent
                ports: [{containerPort: 8080, protocol: TCP}]
                terminationMessagePath: /dev/termination-log
                terminationMessagePolicy: File
                resources:
                  limits: {cpu: 1000m, memory: 1024Mi}
                  requests: {cpu: 500m, memory: "536870912"}
        status: {replicas: 2, readyReplicas: 2}
        """);

    ResourceDiff diff = differ.diff(web, Optional.of(live));

    assertThat(diff.changes()).isEmpty();
    assertThat(diff.status()).isEqualTo(DiffStatus.IN_SYNC);
  }

  @Test
  void serviceTargetPortAsStringOrIntAndDefaults() {
    Manifest svc = manifest("svc.yaml", 4, """
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: default}
        spec:
          selector: {app: web}
          ports: [{name: http, port: 80, targetPort: "8080"}]
        """);
    LiveObject live = live("""
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: default}
        spec:
          type: ClusterIP
          sessionAffinity: None
          clusterIP: 10.0.0.7
          selector: {app: web}
          ports: [{name: http, port: 80, protocol: TCP, targetPort: 8080}]
        """);

    assertThat(differ.diff(svc, Optional.of(live)).changes()).isEmpty();
  }

  @Test
  void changeByAnotherManagerIsDriftWithReasonProvenancePatchAndText() {
    Manifest web = manifest("apps/web.yaml", 12, DEPLOYMENT);
    cluster.apply(web, ApplyOptions.defaults());
    LiveObject edited = cluster.apply(manifest("edit.yaml", 1, """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: default}
        spec:
          template:
            spec:
              containers:
              - name: web
                image: nginx:1.28
        """), by("kubectl-edit").withForce(true));

    ResourceDiff diff = differ.diff(web, Optional.of(edited));

    assertThat(diff.status()).isEqualTo(DiffStatus.OUT_OF_SYNC);
    assertThat(diff.changes()).singleElement().satisfies(c -> {
      assertThat(c.path()).isEqualTo(".spec.template.spec.containers[name=\"web\"].image");
      assertThat(c.desired()).isEqualTo("nginx:1.27");
      assertThat(c.live()).isEqualTo("nginx:1.28");
      assertThat(c.reason().kind()).isEqualTo(Reason.Kind.CHANGED_BY_MANAGER);
      assertThat(c.reason().detail()).contains("kubectl-edit");
      assertThat(c.source()).isEqualTo(new SourceLocation("apps/web.yaml", 12));
    });
    assertThat(diff.jsonPatch())
        .isEqualTo("[{\"op\":\"replace\",\"path\":\"/spec/template/spec/containers/0/image\",\"value\":\"nginx:1.27\"}]");
    assertThat(diff.unifiedDiff())
        .contains("--- live/apps/Deployment default/web")
        .contains("-        image: nginx:1.28")
        .contains("+        image: nginx:1.27");
  }

  @Test
  void ownedFieldNoLongerDeclaredIsDriftAndRemovedByThePatch() {
    Manifest two = manifest("cm.yaml", 1, """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: c, namespace: default, labels: {a: "1", b: "2"}}
        data: {x: "1"}
        """);
    LiveObject live = cluster.apply(two, ApplyOptions.defaults());
    Manifest one = manifest("cm.yaml", 1, """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: c, namespace: default, labels: {a: "1"}}
        data: {x: "1"}
        """);

    ResourceDiff diff = differ.diff(one, Optional.of(live));

    assertThat(diff.changes()).singleElement().satisfies(c -> {
      assertThat(c.path()).isEqualTo(".metadata.labels.b");
      assertThat(c.reason().kind()).isEqualTo(Reason.Kind.NO_LONGER_DECLARED);
    });
    assertThat(diff.patch()).containsExactly(PatchOperation.remove("/metadata/labels/b"));
    // A field someone else added is not ours to compare.
    LiveObject withOther = cluster.apply(manifest("x", 1, """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: c, namespace: default, labels: {c: "3"}}
        """), by("other"));
    assertThat(differ.diff(two, Optional.of(withOther)).isInSync()).isTrue();
  }

  @Test
  void emptyDeclaredValueMatchesAbsentField() {
    Manifest cm = manifest("cm.yaml", 1, """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: c, namespace: default, labels: {a: "1"}, annotations:}
        """);
    LiveObject live = cluster.apply(cm, ApplyOptions.defaults());

    assertThat(differ.diff(cm, Optional.of(live)).isInSync()).isTrue();
  }

  @Test
  void missingAndExtra() {
    Manifest web = manifest("apps/web.yaml", 1, DEPLOYMENT);

    ResourceDiff missing = differ.diff(web, Optional.empty());
    assertThat(missing.status()).isEqualTo(DiffStatus.MISSING);
    assertThat(missing.desiredView()).containsKey("spec");
    assertThat(missing.patch()).extracting(PatchOperation::path).contains("/spec");

    LiveObject live = cluster.apply(web, ApplyOptions.defaults());
    ResourceDiff extra = differ.extra(live);
    assertThat(extra.status()).isEqualTo(DiffStatus.EXTRA);
    assertThat(extra.liveView()).doesNotContainKey("status");
  }

  @Test
  void mapListItemsAddedAndRemovedByKey() {
    Manifest web = manifest("apps/web.yaml", 1, DEPLOYMENT);
    LiveObject live = cluster.apply(web, ApplyOptions.defaults());
    Manifest changed = manifest("apps/web.yaml", 1, DEPLOYMENT.replace("sidecar", "logger"));

    ResourceDiff diff = differ.diff(changed, Optional.of(live));

    assertThat(diff.changes()).extracting(FieldChange::path).containsExactly(
        ".spec.template.spec.containers[name=\"logger\"]", ".spec.template.spec.containers[name=\"sidecar\"]");
    assertThat(diff.patch()).extracting(PatchOperation::op, PatchOperation::path).containsExactly(
        org.assertj.core.groups.Tuple.tuple("add", "/spec/template/spec/containers/-"),
        org.assertj.core.groups.Tuple.tuple("remove", "/spec/template/spec/containers/1"));
  }

  @Test
  void secretValuesAreRedactedEverywhere() {
    Manifest secret = manifest("secret.yaml", 1, """
        apiVersion: v1
        kind: Secret
        metadata: {name: db, namespace: default}
        stringData: {password: hunter2}
        """);
    LiveObject live = live("""
        apiVersion: v1
        kind: Secret
        metadata: {name: db, namespace: default}
        data: {password: c3dvcmRmaXNo}
        """);

    ResourceDiff diff = differ.diff(secret, Optional.of(live));

    assertThat(diff.status()).isEqualTo(DiffStatus.OUT_OF_SYNC);
    String everything = diff.changes() + diff.jsonPatch() + diff.unifiedDiff() + diff.desiredView() + diff.liveView();
    assertThat(everything).contains("<redacted:")
        .doesNotContain("hunter2").doesNotContain("aHVudGVyMg==").doesNotContain("c3dvcmRmaXNo");
    FieldChange c = diff.changes().get(0);
    assertThat(c.desired()).isNotEqualTo(c.live());
    // Same value on both sides: in sync (stringData compared as the data the server stores).
    LiveObject same = live("""
        apiVersion: v1
        kind: Secret
        metadata: {name: db, namespace: default}
        data: {password: aHVudGVyMg==}
        """);
    assertThat(differ.diff(secret, Optional.of(same)).isInSync()).isTrue();
  }

  @Test
  void desiredServerFieldsAreIgnoredWithReason() {
    Manifest cm = manifest("cm.yaml", 1, """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: c, namespace: default, creationTimestamp: null}
        data: {x: "1"}
        status: {}
        """);
    LiveObject live = cluster.apply(manifest("cm.yaml", 1, """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: c, namespace: default}
        data: {x: "1"}
        """), ApplyOptions.defaults());

    ResourceDiff diff = differ.diff(cm, Optional.of(live));

    assertThat(diff.isInSync()).isTrue();
    assertThat(diff.ignored()).extracting(IgnoredField::pointer).contains("/status", "/metadata/creationTimestamp");
    assertThat(diff.ignored()).allSatisfy(i -> assertThat(i.reason().kind()).isEqualTo(Reason.Kind.SERVER_FIELD));
  }

  @Test
  void undeclaredFieldWithNonDefaultLiveValueIsExplained() {
    Manifest web = manifest("apps/web.yaml", 1, DEPLOYMENT.replace("  replicas: 2\n", ""));
    LiveObject live = cluster.apply(manifest("apps/web.yaml", 1, DEPLOYMENT), by("someone-else"));

    ResourceDiff diff = differ.diff(web, Optional.of(live));

    assertThat(diff.isInSync()).isTrue();
    assertThat(diff.ignored()).anySatisfy(i -> {
      assertThat(i.path()).isEqualTo(".spec.replicas");
      assertThat(i.reason().kind()).isEqualTo(Reason.Kind.DEFAULT);
      assertThat(i.reason().detail()).contains("live has 2");
    });
  }

  @Test
  void dryRunDifferComparesTheServersResult() {
    Manifest web = manifest("apps/web.yaml", 1, DEPLOYMENT);
    LiveObject live = cluster.apply(web, ApplyOptions.defaults());
    Differ dryRun = Differ.dryRun(cluster, DiffOptions.defaults());

    assertThat(dryRun.diff(web, Optional.of(live)).isInSync()).isTrue();

    LiveObject edited = cluster.apply(manifest("e.yaml", 1, """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: default}
        spec: {replicas: 9}
        """), by("kubectl-scale").withForce(true));
    ResourceDiff diff = dryRun.diff(web, Optional.of(edited));
    assertThat(diff.changes()).singleElement().satisfies(c -> {
      assertThat(c.path()).isEqualTo(".spec.replicas");
      assertThat(c.desired()).isEqualTo(2L);
      assertThat(c.live()).isEqualTo(9L);
    });
    assertThat(cluster.get(web.key()).orElseThrow().get("spec", "replicas")).contains(9L);
  }

  @Test
  void unreadableManagedFieldsOfALiveObjectAreATypedErrorNamingObjectAndManager() {
    Manifest web = manifest("apps/web.yaml", 1, DEPLOYMENT);
    Map<String, Object> tree = cluster.apply(web, ApplyOptions.defaults()).toMutableMap();
    @SuppressWarnings("unchecked")
    Map<String, Object> meta = (Map<String, Object>) tree.get("metadata");
    meta.put("managedFields", List.of(Map.of("manager", "broken", "operation", "Update",
        "fieldsV1", Map.of("f:spec", Map.of("replicas", Map.of())))));
    @SuppressWarnings("unchecked")
    Map<String, Object> spec = (Map<String, Object>) tree.get("spec");
    spec.put("replicas", 3L);

    assertThatThrownBy(() -> differ.diff(web, Optional.of(LiveObject.of(tree))))
        .isInstanceOf(InvalidManagedFieldsException.class)
        .hasMessageContaining("default/web").hasMessageContaining("broken").hasMessageContaining("replicas");
  }
}
