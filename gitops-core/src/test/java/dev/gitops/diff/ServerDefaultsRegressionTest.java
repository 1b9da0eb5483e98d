package dev.gitops.diff;

import static dev.gitops.testing.TestObjects.live;
import static dev.gitops.testing.TestObjects.manifest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.cluster.SchemaTable;
import dev.gitops.model.Manifest;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * One of the three classes of issue #11: the live side is what a real kube-apiserver stores after
 * the manifest is applied (defaults filled in, zero values omitted), written by another manager.
 * The others (fieldRef's defaulted apiVersion, shown only where fieldRef is compared whole as
 * with the real server's schema; empty lists and false the server omits) need the heavy suite.
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
}
