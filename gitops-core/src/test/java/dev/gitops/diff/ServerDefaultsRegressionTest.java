package dev.gitops.diff;

import static dev.gitops.testing.TestObjects.live;
import static dev.gitops.testing.TestObjects.manifest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.cluster.ApplyOptions;
import dev.gitops.cluster.InMemoryCluster;
import dev.gitops.cluster.LiveObject;
import dev.gitops.cluster.SchemaTable;
import dev.gitops.model.Manifest;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The three classes of issue #11, in memory: the live side is what a real kube-apiserver stores
 * after the manifest is applied (defaults filled in inside values compared whole, zero values
 * omitted), written by another manager, or by the in-memory cluster, which stores the same. The heavy
 * suite's {@code StoredObjectsDifferentialTest} checks the same against the real server.
 */
class ServerDefaultsRegressionTest {
  private final Differ differ = Differ.of(SchemaTable.builtIn(), DiffOptions.defaults());

  @Test
  void networkPolicyPortProtocolDefaultedInsideWholeListIsNotDrift() {
    Manifest desired = manifest("np.yaml", 1, """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: web, namespace: default}
        spec:
          podSelector: {matchLabels: {app: web}}
          ingress:
          - ports: [{port: 8080}]
          egress:
          - ports: [{port: 53, protocol: UDP}, {port: 443}]
        """);
    var server = live("""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: web, namespace: default}
        spec:
          podSelector: {matchLabels: {app: web}}
          policyTypes: [Ingress, Egress]
          ingress:
          - ports: [{port: 8080, protocol: TCP}]
          egress:
          - ports: [{port: 53, protocol: UDP}, {port: 443, protocol: TCP}]
        """);

    ResourceDiff d = differ.diff(desired, Optional.of(server));
    assertThat(d.status()).as("%s", d.changes()).isEqualTo(DiffStatus.IN_SYNC);
  }

  @Test
  void zeroValuesTheServerDoesNotStoreAreNotDrift() {
    String yaml = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: default, labels: {}}
        spec:
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}, annotations: {}}
            spec:
              hostNetwork: false
              containers:
              - name: web
                image: nginx:1.27
                env: []
                args: []
                volumeMounts: [{name: cache, mountPath: /cache, readOnly: false}]
              volumes: [{name: cache, emptyDir: {}}]
        """;
    Manifest desired = manifest("web.yaml", 1, yaml);
    var server = live("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: default}
        spec:
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers:
              - name: web
                image: nginx:1.27
                volumeMounts: [{name: cache, mountPath: /cache}]
              volumes: [{name: cache, emptyDir: {}}]
        """);

    ResourceDiff d = differ.diff(desired, Optional.of(server));
    assertThat(d.status()).as("%s", d.changes()).isEqualTo(DiffStatus.IN_SYNC);
    Manifest notZero = manifest("web.yaml", 1, yaml.replace("readOnly: false", "readOnly: true"));
    assertThat(differ.diff(notZero, Optional.of(server)).status()).as("a value that is not the zero is still compared")
        .isEqualTo(DiffStatus.OUT_OF_SYNC);
  }

  @Test
  void theInMemoryClusterStoresTheThreeClassesAsARealServerAndTheyDiffInSync() {
    InMemoryCluster cluster = InMemoryCluster.create();
    Differ onCluster = Differ.of(cluster.schema(), DiffOptions.defaults());
    Manifest deployment = manifest("web.yaml", 1, """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: default}
        spec:
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers:
              - name: web
                image: nginx:1.27
                env:
                - name: POD
                  valueFrom: {fieldRef: {fieldPath: metadata.name}}
                volumeMounts: [{name: cache, mountPath: /cache, readOnly: false}]
                ports: [{containerPort: 80}]
              volumes: [{name: cache, emptyDir: {}}]
        """);
    Manifest policy = manifest("np.yaml", 1, """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: web, namespace: default}
        spec:
          podSelector: {}
          ingress:
          - ports: [{port: 8080}]
        """);

    LiveObject web = cluster.apply(deployment, ApplyOptions.defaults());
    LiveObject np = cluster.apply(policy, ApplyOptions.defaults());

    String container = "spec.template.spec.containers[0]";
    assertThat(web.get("spec", "template", "spec", "containers")).hasValueSatisfying(c -> assertThat(c.toString())
        .as(container).contains("apiVersion=v1").contains("protocol=TCP").doesNotContain("readOnly"));
    assertThat(np.get("spec", "ingress")).hasValueSatisfying(i -> assertThat(i.toString()).contains("protocol=TCP"));
    assertThat(np.get("spec", "policyTypes")).contains(List.of("Ingress"));
    assertThat(cluster.apply(deployment, ApplyOptions.defaults()).resourceVersion())
        .as("applied again: nothing to write, the port is one item with its defaulted key").isEqualTo(web.resourceVersion());
    for (var pair : List.of(List.of(deployment, web), List.of(policy, np))) {
      ResourceDiff d = onCluster.diff((Manifest) pair.get(0), Optional.of((LiveObject) pair.get(1)));
      assertThat(d.status()).as("%s", d.changes()).isEqualTo(DiffStatus.IN_SYNC);
    }
  }
}
