package dev.gitops.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gitops.cluster.ApplyConflictException;
import dev.gitops.cluster.ApplyConflictException.FieldConflict;
import dev.gitops.cluster.ApplyOptions;
import dev.gitops.cluster.ClusterUnavailableException;
import dev.gitops.cluster.ForbiddenException;
import dev.gitops.cluster.InvalidObjectException;
import dev.gitops.cluster.InvalidObjectException.FieldCause;
import dev.gitops.model.Manifest;
import dev.gitops.model.ObjectKey;
import dev.gitops.model.SourceLocation;
import io.fabric8.kubernetes.api.model.APIGroupListBuilder;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.StatusCauseBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Faults a real API server cannot be made to show on demand, from fabric8's mock server: server
 * errors, a request that outlives its timeout, a refused connection, and the exact Status bodies of
 * 403, 409 and 422 answers. Everything else is tested against a real API server.
 */
class FabricClusterFaultTest {
  private static final String CONFIG_MAPS = "/api/v1/namespaces/default/configmaps/";
  private static final ObjectKey KEY = new ObjectKey("", "ConfigMap", "default", "settings");

  private KubernetesMockServer server;
  private FabricCluster cluster;

  @BeforeEach
  void start() {
    server = new KubernetesMockServer(false);
    server.init();
    server.expect().get().withPath("/api/v1").andReturn(200, new APIResourceListBuilder()
        .withGroupVersion("v1")
        .addNewResource().withName("configmaps").withKind("ConfigMap").withNamespaced(true)
        .withVerbs("get", "list", "watch", "patch", "delete").endResource()
        .build()).always();
    server.expect().get().withPath("/apis").andReturn(200, new APIGroupListBuilder().build())
        .always();
    cluster = FabricCluster.builder()
        .config(config(server.url("/")))
        .build();
  }

  @AfterEach
  void stop() {
    cluster.close();
    server.destroy();
  }

  @Test
  void serverErrorIsUnavailableAndNamesClusterAndObject() {
    server.expect().get().withPath(CONFIG_MAPS + "settings")
        .andReturn(500, status(500, "InternalError", "etcdserver: leader changed")).once();

    assertThatThrownBy(() -> cluster.get(KEY))
        .isInstanceOf(ClusterUnavailableException.class)
        .hasMessageContaining(cluster.name())
        .hasMessageContaining(KEY.toString())
        .hasMessageContaining("HTTP 500")
        .hasMessageContaining("etcdserver: leader changed");
    assertThat(cluster.name()).isEqualTo(server.url("/"));
  }

  @Test
  void discoveryServerErrorIsUnavailable() {
    server.clearExpectations();
    server.expect().get().withPath("/api/v1").andReturn(503, status(503, "ServiceUnavailable",
        "the server is currently unable to handle the request")).always();

    assertThatThrownBy(() -> cluster.resourceType("", "ConfigMap"))
        .isInstanceOf(ClusterUnavailableException.class)
        .hasMessageContaining("HTTP 503");
  }

  @Test
  void requestTimeoutIsUnavailable() {
    server.expect().get().delay(3, TimeUnit.SECONDS).withPath(CONFIG_MAPS + "settings")
        .andReturn(200, Map.of("apiVersion", "v1", "kind", "ConfigMap")).once();

    try (FabricCluster impatient = FabricCluster.builder().config(config(server.url("/")))
        .requestTimeout(Duration.ofSeconds(1)).build()) {
      impatient.resourceType("", "ConfigMap"); // discovery first, within the timeout
      long started = System.nanoTime();
      assertThatThrownBy(() -> impatient.get(KEY))
          .isInstanceOf(ClusterUnavailableException.class)
          .hasMessageContaining(KEY.toString());
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }
  }

  @Test
  void refusedConnectionIsUnavailable() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    try (FabricCluster nowhere = FabricCluster.builder()
        .config(config("http://127.0.0.1:" + port + "/")).name("nowhere").build()) {
      assertThatThrownBy(() -> nowhere.resourceTypes())
          .isInstanceOf(ClusterUnavailableException.class)
          .hasMessageStartingWith("nowhere: ");
    }
  }

  @Test
  void forbiddenApply() {
    server.expect().patch().withPath(CONFIG_MAPS + "settings?fieldManager=gitops-sdk&force=false")
        .andReturn(403, status(403, "Forbidden", "configmaps \"settings\" is forbidden: User"
            + " \"deployer\" cannot patch resource \"configmaps\" in API group \"\" in the"
            + " namespace \"default\"")).once();

    assertThatThrownBy(() -> cluster.apply(configMap(), ApplyOptions.defaults()))
        .isInstanceOf(ForbiddenException.class)
        .hasMessageContaining(cluster.name())
        .hasMessageContaining(KEY.toString())
        .hasMessageContaining("cannot patch resource");
  }

  @Test
  void applyConflictListsEachManagerAndField() {
    Status conflict = new StatusBuilder(status(409, "Conflict",
        "Apply failed with 2 conflicts: conflicts with \"other-manager\":\n- .data.key\n"
            + "conflicts with \"kubectl-edit\" using v1:\n- .metadata.labels.app"))
        .editDetails()
        .addToCauses(new StatusCauseBuilder().withReason("FieldManagerConflict")
            .withMessage("conflict with \"other-manager\": .data.key").withField(".data.key")
            .build())
        .addToCauses(new StatusCauseBuilder().withReason("FieldManagerConflict")
            .withMessage("conflict with \"kubectl-edit\" using v1: .metadata.labels.app")
            .withField(".metadata.labels.app").build())
        .endDetails()
        .build();
    server.expect().patch().withPath(CONFIG_MAPS + "settings?fieldManager=gitops-sdk&force=false")
        .andReturn(409, conflict).once();

    assertThatThrownBy(() -> cluster.apply(configMap(), ApplyOptions.defaults()))
        .isInstanceOfSatisfying(ApplyConflictException.class, e -> {
          assertThat(e.key()).isEqualTo(KEY);
          assertThat(e.conflicts()).containsExactly(
              new FieldConflict("other-manager", ".data.key"),
              new FieldConflict("kubectl-edit", ".metadata.labels.app"));
          assertThat(e.getMessage()).contains(cluster.name(), KEY.toString(), ".data.key",
              "other-manager");
        });
  }

  @Test
  void invalidObjectNamesEachField() {
    Status invalid = new StatusBuilder(status(422, "Invalid",
        "ConfigMap \"settings\" is invalid: data[bad key]: Invalid value: \"bad key\": a valid"
            + " config key must consist of alphanumeric characters"))
        .editDetails()
        .addToCauses(new StatusCauseBuilder().withReason("FieldValueInvalid")
            .withMessage("Invalid value: \"bad key\": a valid config key must consist of"
                + " alphanumeric characters")
            .withField("data[bad key]").build())
        .endDetails()
        .build();
    server.expect().patch().withPath(CONFIG_MAPS + "settings?fieldManager=gitops-sdk&force=false")
        .andReturn(422, invalid).once();

    assertThatThrownBy(() -> cluster.apply(configMap(), ApplyOptions.defaults()))
        .isInstanceOfSatisfying(InvalidObjectException.class, e -> {
          assertThat(e.key()).isEqualTo(KEY);
          assertThat(e.causes()).extracting(FieldCause::field).containsExactly("data[bad key]");
          assertThat(e.causes().get(0).reason()).contains("a valid config key");
          assertThat(e.getMessage()).contains(cluster.name(), KEY.toString(), "HTTP 422");
        });
  }

  private static Config config(String url) {
    return new ConfigBuilder(Config.empty())
        .withMasterUrl(url)
        .withTrustCerts(true)
        .withNamespace("default")
        .build();
  }

  private static Status status(int code, String reason, String message) {
    return new StatusBuilder()
        .withStatus("Failure").withCode(code).withReason(reason).withMessage(message)
        .withNewDetails().withName("settings").withKind("configmaps").endDetails()
        .build();
  }

  private static Manifest configMap() {
    return Manifest.of(Map.of(
        "apiVersion", "v1",
        "kind", "ConfigMap",
        "metadata", Map.of("name", "settings", "namespace", "default"),
        "data", Map.of("key", "value")), SourceLocation.unknown());
  }
}
