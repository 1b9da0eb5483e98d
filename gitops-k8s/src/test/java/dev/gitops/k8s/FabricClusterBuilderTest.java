package dev.gitops.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gitops.cluster.ClusterException;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sources, names, client settings and ownership; building connects to nothing. */
class FabricClusterBuilderTest {
  private static final String KUBECONFIG = """
      apiVersion: v1
      kind: Config
      current-context: alpha
      clusters:
      - name: alpha
        cluster: {server: "https://alpha.invalid:6443"}
      - name: beta
        cluster: {server: "https://beta.invalid:6443"}
      users:
      - name: someone
        user: {token: not-a-real-token}
      contexts:
      - name: alpha
        context: {cluster: alpha, user: someone}
      - name: beta
        context: {cluster: beta, user: someone, namespace: apps}
      """;

  @TempDir
  Path dir;

  @Test
  void kubeconfigCurrentContextOrTheOneNamed() throws IOException {
    Path file = Files.writeString(dir.resolve("config"), KUBECONFIG);

    try (FabricCluster alpha = FabricCluster.builder().kubeconfig(file).build();
        FabricCluster beta = FabricCluster.builder().kubeconfig(file).context("beta").build()) {
      assertThat(alpha.name()).isEqualTo("alpha");
      assertThat(alpha.client().getMasterUrl().getHost()).isEqualTo("alpha.invalid");
      assertThat(beta.name()).isEqualTo("beta");
      assertThat(beta.client().getMasterUrl().getHost()).isEqualTo("beta.invalid");
    }
  }

  @Test
  void missingContextFails() throws IOException {
    Path file = Files.writeString(dir.resolve("config"), KUBECONFIG);

    assertThatThrownBy(() -> FabricCluster.builder().kubeconfig(file).context("gamma").build())
        .isInstanceOf(ClusterException.class)
        .hasMessageContaining("no context gamma");
  }

  @Test
  void clientSettingsDefaultsAreWrittenIntoTheConfig() {
    Config config = config();
    try (FabricCluster cluster = FabricCluster.builder().config(config).build()) {
      Config used = cluster.client().getConfiguration();
      assertThat(used.getConnectionTimeout()).isEqualTo(10_000);
      assertThat(used.getRequestTimeout()).isEqualTo(30_000);
      assertThat(used.getMaxConcurrentRequests()).isEqualTo(64);
      assertThat(used.getMaxConcurrentRequestsPerHost()).isEqualTo(32);
      assertThat(used.getRequestRetryBackoffLimit()).isZero();
      assertThat(cluster.name()).isEqualTo("https://example.invalid:6443/");
    }
  }

  @Test
  void clientSettingsCanBeChanged() {
    try (FabricCluster cluster = FabricCluster.builder().config(config()).name("prod")
        .connectTimeout(Duration.ofSeconds(3)).requestTimeout(Duration.ofMinutes(2))
        .maxConcurrentRequests(100, 50).requestRetries(2).build()) {
      Config used = cluster.client().getConfiguration();
      assertThat(used.getConnectionTimeout()).isEqualTo(3_000);
      assertThat(used.getRequestTimeout()).isEqualTo(120_000);
      assertThat(used.getMaxConcurrentRequestsPerHost()).isEqualTo(50);
      assertThat(used.getRequestRetryBackoffLimit()).isEqualTo(2);
      assertThat(cluster.name()).isEqualTo("prod");
    }
    assertThatThrownBy(() -> FabricCluster.builder().config(config())
        .maxConcurrentRequests(8, 16).build()).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aClientPassedInStaysOpenAndUnchanged() {
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config()).build()) {
      FabricCluster cluster = FabricCluster.builder().client(client).build();
      cluster.close();

      assertThat(client.getHttpClient().isClosed()).isFalse();
      assertThat(client.getConfiguration().getMaxConcurrentRequestsPerHost()).isEqualTo(5);
    }
    FabricCluster owning = FabricCluster.builder().config(config()).build();
    owning.close();
    assertThat(owning.client().getHttpClient().isClosed()).isTrue();
  }

  @Test
  void oneSourceOnly() {
    assertThatThrownBy(() -> FabricCluster.builder().config(config()).kubeconfig(dir).build())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> FabricCluster.builder().config(config()).context("alpha").build())
        .isInstanceOf(IllegalStateException.class);
  }

  private static Config config() {
    return new ConfigBuilder(Config.empty()).withMasterUrl("https://example.invalid:6443").build();
  }
}
