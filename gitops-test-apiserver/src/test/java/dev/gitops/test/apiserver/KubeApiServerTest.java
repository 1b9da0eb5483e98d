package dev.gitops.test.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.authentication.SelfSubjectReview;
import io.fabric8.kubernetes.api.model.authentication.UserInfo;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.ExtendWith;

/** Behaviour of a real API server as the SDK relies on it, through the fabric8 client. */
@Tag("heavy")
@ExtendWith(KubeApiServerExtension.class)
class KubeApiServerTest {
  private static final String NAMESPACE = "default";
  private static final String MANAGER = "gitops-sdk-test";

  @Test
  void tokenAuthenticatesAnAdminInSystemMasters(KubeApiServer server, TestReporter reporter) {
    reporter.publishEntry("startup", server.startupTime().toMillis() + " ms");
    try (KubernetesClient client = server.client()) {
      UserInfo user = client.authentication().v1().selfSubjectReviews()
          .create(new SelfSubjectReview()).getStatus().getUserInfo();

      assertThat(user.getUsername()).isEqualTo(KubeApiServer.ADMIN_USER);
      assertThat(user.getGroups()).contains("system:masters");
    }
  }

  @Test
  void serverSideApplyCreatesTheObjectAndRecordsItsFieldManager(KubeApiServer server) {
    try (KubernetesClient client = server.client()) {
      client.configMaps().inNamespace(NAMESPACE)
          .resource(configMap("ssa-create", Map.of("color", "blue")))
          .fieldManager(MANAGER).serverSideApply();

      ConfigMap stored = client.configMaps().inNamespace(NAMESPACE).withName("ssa-create").get();
      assertThat(stored).isNotNull();
      assertThat(stored.getData()).containsExactly(entry("color", "blue"));
      assertThat(stored.getMetadata().getManagedFields())
          .singleElement()
          .satisfies(fields -> {
            assertThat(fields.getManager()).isEqualTo(MANAGER);
            assertThat(fields.getOperation()).isEqualTo("Apply");
            assertThat(ownedData(fields)).containsKey("f:color");
          });
    }
  }

  @Test
  void reapplyingAnIdenticalObjectLeavesTheResourceVersionUnchanged(KubeApiServer server) {
    try (KubernetesClient client = server.client()) {
      ConfigMap first = client.configMaps().inNamespace(NAMESPACE)
          .resource(configMap("ssa-noop", Map.of("replicas", "3")))
          .fieldManager(MANAGER).serverSideApply();

      ConfigMap second = client.configMaps().inNamespace(NAMESPACE)
          .resource(configMap("ssa-noop", Map.of("replicas", "3")))
          .fieldManager(MANAGER).serverSideApply();

      String stored = client.configMaps().inNamespace(NAMESPACE).withName("ssa-noop").get()
          .getMetadata().getResourceVersion();
      assertThat(second.getMetadata().getResourceVersion())
          .isEqualTo(first.getMetadata().getResourceVersion())
          .isEqualTo(stored);
    }
  }

  @Test
  void cpuTimeOfTheServerGrowsWithTheRequestsItServes(KubeApiServer server) {
    Duration before = server.cpuTime();
    try (KubernetesClient client = server.client()) {
      for (int i = 0; i < 50; i++) {
        client.configMaps().inNamespace(NAMESPACE)
            .resource(configMap("cpu-" + i, Map.of("k", String.valueOf(i))))
            .fieldManager(MANAGER).serverSideApply();
      }
    }

    assertThat(before).isPositive();
    assertThat(server.cpuTime()).isGreaterThan(before);
  }

  @Test
  void twoServersRunAtOnceAndAreIndependent(KubeApiServer server, TestReporter reporter) {
    KubeApiServer other = KubeApiServer.start();
    try (other;
        KubernetesClient first = server.client();
        KubernetesClient second = other.client()) {
      reporter.publishEntry("second server startup", other.startupTime().toMillis() + " ms");
      assertThat(other.url()).isNotEqualTo(server.url());
      assertThat(other.directory()).isNotEqualTo(server.directory());

      first.configMaps().inNamespace(NAMESPACE)
          .resource(configMap("only-in-first", Map.of("k", "1")))
          .fieldManager(MANAGER).serverSideApply();
      second.configMaps().inNamespace(NAMESPACE)
          .resource(configMap("only-in-second", Map.of("k", "2")))
          .fieldManager(MANAGER).serverSideApply();

      assertThat(first.configMaps().inNamespace(NAMESPACE).withName("only-in-first").get())
          .isNotNull();
      assertThat(second.configMaps().inNamespace(NAMESPACE).withName("only-in-first").get())
          .isNull();
      assertThat(second.configMaps().inNamespace(NAMESPACE).withName("only-in-second").get())
          .isNotNull();
      assertThat(first.configMaps().inNamespace(NAMESPACE).withName("only-in-second").get())
          .isNull();
    }

    assertThat(other.isRunning()).isFalse();
    assertThat(other.directory()).doesNotExist();
    assertThat(server.isRunning()).isTrue();
  }

  private static ConfigMap configMap(String name, Map<String, String> data) {
    return new ConfigMapBuilder()
        .withNewMetadata().withName(name).withNamespace(NAMESPACE).endMetadata()
        .withData(data)
        .build();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> ownedData(ManagedFieldsEntry fields) {
    // fieldsV1 is free-form JSON: {"f:data": {"f:<key>": {}}, ...}
    Object data = fields.getFieldsV1().getAdditionalProperties().get("f:data");
    assertThat(data).isInstanceOf(Map.class);
    return (Map<String, Object>) data;
  }
}
