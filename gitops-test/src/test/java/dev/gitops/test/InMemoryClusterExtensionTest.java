package dev.gitops.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.gitops.cluster.ApplyOptions;
import dev.gitops.cluster.Cluster;
import dev.gitops.cluster.InMemoryCluster;
import dev.gitops.model.Manifest;
import dev.gitops.model.ObjectKey;
import dev.gitops.model.SourceLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

class InMemoryClusterExtensionTest {
  private static final ObjectKey MARKER = new ObjectKey("", "ConfigMap", "default", "marker");

  @Nested
  @WithInMemoryCluster
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  class PerTest {
    private static final List<Cluster> seen = new ArrayList<>();
    private Cluster before;

    @BeforeEach
    void remember(Cluster cluster) {
      before = cluster;
    }

    @Test
    @Order(1)
    void aTestAndItsBeforeEachShareOneCluster(InMemoryCluster cluster, Cluster sameCluster) {
      assertThat(cluster).isSameAs(before).isSameAs(sameCluster);
      cluster.apply(Manifest.of(Map.of("apiVersion", "v1", "kind", "ConfigMap",
          "metadata", Map.of("name", "marker", "namespace", "default")),
          SourceLocation.unknown()), ApplyOptions.defaults());
      seen.add(cluster);
    }

    @Test
    @Order(2)
    void theNextTestGetsAFreshOne(Cluster cluster) {
      assertThat(seen).singleElement().isNotSameAs(cluster);
      assertThat(cluster.get(MARKER)).isEmpty();
      assertThat(cluster.get(new ObjectKey("", "Namespace", "", "default"))).isPresent();
    }
  }

  /** Run by the launcher below, not by Surefire (it is not a static nested test class). */
  @WithInMemoryCluster
  static class ClusterInConstructor {
    ClusterInConstructor(Cluster cluster) {}

    @Test
    void neverRuns() {}
  }

  @Test
  void aConstructorGetsNoClusterAndIsToldWhy() {
    LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
        .selectors(selectClass(ClusterInConstructor.class)).build();
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    LauncherFactory.create().execute(request, listener);

    TestExecutionSummary summary = listener.getSummary();
    assertThat(summary.getTestsFailedCount()).isEqualTo(1);
    assertThat(summary.getFailures().get(0).getException())
        .hasMessageContaining("An in-memory cluster is made per test")
        .hasMessageContaining("is not a test or @BeforeEach/@AfterEach method");
  }
}
