package dev.gitops.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.cluster.ClusterException;
import dev.gitops.cluster.ClusterUnavailableException;
import dev.gitops.cluster.ForbiddenException;
import dev.gitops.cluster.InvalidObjectException;
import dev.gitops.cluster.ObjectNotFoundException;
import dev.gitops.model.ObjectKey;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.ConnectException;
import java.security.cert.CertificateException;
import org.junit.jupiter.api.Test;

/** The status codes and causes the fault and real-server tests do not reach. */
class ErrorMapperTest {
  private static final ObjectKey KEY = new ObjectKey("apps", "Deployment", "shop", "web");
  private final ErrorMapper errors = new ErrorMapper("prod");

  @Test
  void missingNamespaceIsNamed() {
    Status status = new StatusBuilder().withCode(404).withReason("NotFound")
        .withMessage("namespaces \"shop\" not found")
        .withNewDetails().withName("shop").withKind("namespaces").endDetails().build();

    ClusterException e = errors.onObject(failure(404, status), "apply", KEY);

    assertThat(e).isInstanceOf(ObjectNotFoundException.class)
        .hasMessageStartingWith("prod: apply apps/Deployment shop/web: namespace shop does not exist");
    assertThat(((ObjectNotFoundException) e).key()).isEqualTo(KEY);
  }

  @Test
  void missingObjectIsNotAMissingNamespace() {
    Status status = new StatusBuilder().withCode(404).withReason("NotFound")
        .withMessage("deployments.apps \"web\" not found")
        .withNewDetails().withName("web").withGroup("apps").withKind("deployments").endDetails()
        .build();

    assertThat(errors.onObject(failure(404, status), "get", KEY))
        .isInstanceOf(ObjectNotFoundException.class)
        .hasMessageNotContaining("namespace shop");
    assertThat(ErrorMapper.endpointMissing(failure(404, status))).isFalse();
    assertThat(ErrorMapper.endpointMissing(failure(404, new StatusBuilder().withCode(404)
        .withMessage("the server could not find the requested resource").build()))).isTrue();
  }

  @Test
  void unauthenticatedIsForbidden() {
    assertThat(errors.onApi(failure(401, status(401, "Unauthorized")), "list"))
        .isInstanceOf(ForbiddenException.class).hasMessageContaining("credentials rejected");
  }

  @Test
  void throttlingAndExpiryAreUnavailable() {
    assertThat(errors.onApi(failure(429, status(429, "TooManyRequests")), "list"))
        .isInstanceOf(ClusterUnavailableException.class);
    assertThat(errors.onApi(failure(410, status(410, "Expired")), "list"))
        .isInstanceOf(ClusterUnavailableException.class);
  }

  @Test
  void badRequestOnAnObjectIsInvalid() {
    assertThat(errors.onObject(failure(400, status(400, "BadRequest")), "apply", KEY))
        .isInstanceOf(InvalidObjectException.class);
    assertThat(errors.onApi(failure(400, status(400, "BadRequest")), "list"))
        .isExactlyInstanceOf(ClusterException.class);
  }

  @Test
  void causesKeepTheServerTypeSoImmutableFieldChangesAreRecognised() {
    Status status = new StatusBuilder().withCode(422).withReason("Invalid")
        .withMessage("Deployment.apps \"web\" is invalid: spec.selector: Invalid value: {}: field is immutable")
        .withNewDetails().withName("web").withKind("Deployment")
        .addNewCause().withField("spec.selector").withReason("FieldValueInvalid")
        .withMessage("Invalid value: {\"matchLabels\":{\"app\":\"api\"}}: field is immutable").endCause()
        .addNewCause().withField("spec.replicas").withReason("FieldValueInvalid")
        .withMessage("Invalid value: -1: must be greater than or equal to 0").endCause()
        .endDetails().build();

    InvalidObjectException e = (InvalidObjectException) errors.onObject(failure(422, status), "apply", KEY);

    assertThat(e.causes()).extracting(InvalidObjectException.FieldCause::type)
        .containsExactly("FieldValueInvalid", "FieldValueInvalid");
    assertThat(e.isImmutableFieldChange()).isTrue();
    assertThat(e.immutableFields()).containsExactly("spec.selector");
  }

  @Test
  void connectionFailuresAreUnavailableButUntrustedCertificatesAreNot() {
    var refused = new KubernetesClientException("failed", new ConnectException("Connection refused"));
    var untrusted = new KubernetesClientException("failed",
        new javax.net.ssl.SSLHandshakeException("handshake") {
          {
            initCause(new CertificateException("PKIX path building failed"));
          }
        });

    assertThat(errors.onApi(refused, "list")).isInstanceOf(ClusterUnavailableException.class)
        .hasMessageContaining("Connection refused");
    assertThat(errors.onApi(untrusted, "list")).isExactlyInstanceOf(ClusterException.class)
        .hasMessageContaining("PKIX");
  }

  private static KubernetesClientException failure(int code, Status status) {
    return new KubernetesClientException(status.getMessage(), code, status);
  }

  private static Status status(int code, String reason) {
    return new StatusBuilder().withCode(code).withReason(reason).withMessage(reason).build();
  }
}
