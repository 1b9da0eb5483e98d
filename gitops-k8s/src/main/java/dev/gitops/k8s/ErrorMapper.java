package dev.gitops.k8s;

import dev.gitops.cluster.ApplyConflictException;
import dev.gitops.cluster.ApplyConflictException.FieldConflict;
import dev.gitops.cluster.ClusterException;
import dev.gitops.cluster.ClusterUnavailableException;
import dev.gitops.cluster.ForbiddenException;
import dev.gitops.cluster.InvalidObjectException;
import dev.gitops.cluster.InvalidObjectException.FieldCause;
import dev.gitops.cluster.ObjectNotFoundException;
import dev.gitops.cluster.ObjectTooLargeException;
import dev.gitops.model.ObjectKey;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.StatusDetails;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.security.cert.CertificateException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * Turns fabric8's {@link KubernetesClientException} (an HTTP status code and the API server's
 * {@link Status}) into the SPI's typed errors. Messages name the cluster, the operation and the
 * object. The table is in {@code docs/fabric8-backend.md}.
 */
final class ErrorMapper {
  /** The cause type of a server-side apply conflict. */
  static final String FIELD_MANAGER_CONFLICT = "FieldManagerConflict";

  private final String cluster;

  ErrorMapper(String cluster) {
    this.cluster = cluster;
  }

  String cluster() {
    return cluster;
  }

  /** An operation on one object failed. */
  ClusterException onObject(RuntimeException e, String operation, ObjectKey key) {
    return map(e, operation + " " + key, key);
  }

  /** An operation on a kind or on the API itself (list, watch, discovery) failed. */
  ClusterException onApi(RuntimeException e, String operation) {
    return map(e, operation, null);
  }

  /** Whether the API server has no endpoint for the request's resource (as opposed to no object). */
  static boolean endpointMissing(KubernetesClientException e) {
    if (e.getCode() != 404) {
      return false;
    }
    StatusDetails details = e.getStatus() == null ? null : e.getStatus().getDetails();
    return details == null || details.getName() == null || details.getName().isEmpty();
  }

  static KubernetesClientException clientException(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof KubernetesClientException k) {
        return k;
      }
    }
    return null;
  }

  private ClusterException map(RuntimeException e, String target, ObjectKey key) {
    if (e instanceof ClusterException done) {
      return done;
    }
    String prefix = cluster + ": " + target + ": ";
    KubernetesClientException k = clientException(e);
    int code = k == null ? 0 : k.getCode();
    if (code <= 0) {
      return withoutResponse(e, prefix);
    }
    Status status = k.getStatus();
    String detail = "HTTP " + code + " " + serverMessage(k);
    return switch (code) {
      case 401 -> new ForbiddenException(prefix + "credentials rejected: " + detail, e);
      case 403 -> new ForbiddenException(prefix + detail, e);
      case 404 -> notFound(e, prefix, detail, status, key);
      case 409 -> conflict(e, prefix, detail, status, key);
      case 400, 422 -> key == null
          ? new ClusterException(prefix + detail, e)
          : new InvalidObjectException(key, prefix + detail, fieldCauses(status));
      case 408, 410, 429 -> new ClusterUnavailableException(prefix + detail, e);
      case 413 -> new ObjectTooLargeException(key, prefix + detail, e);
      // etcd refuses an object over its request limit; the API server passes that on as a 500,
      // which retrying cannot fix.
      default -> code == 500 && detail.contains("request is too large")
          ? new ObjectTooLargeException(key, prefix + detail, e)
          : code >= 500
          ? new ClusterUnavailableException(prefix + detail, e)
          : new ClusterException(prefix + detail, e);
    };
  }

  /** No HTTP response: connection refused or reset, timeouts, interrupts, TLS trust. */
  private ClusterException withoutResponse(RuntimeException e, String prefix) {
    boolean unavailable = false;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof InterruptedException) {
        Thread.currentThread().interrupt();
        return new ClusterException(prefix + "interrupted", e);
      }
      if (t instanceof CertificateException) {
        // Retrying cannot fix a server certificate the client does not trust.
        return new ClusterException(prefix + "TLS: " + t.getMessage(), e);
      }
      unavailable |= t instanceof IOException || t instanceof TimeoutException;
    }
    String reason = rootMessage(e);
    return unavailable
        ? new ClusterUnavailableException(prefix + "no response: " + reason, e)
        : new ClusterException(prefix + reason, e);
  }

  private ClusterException notFound(
      RuntimeException e, String prefix, String detail, Status status, ObjectKey key) {
    if (key == null) {
      return new ClusterException(prefix + detail, e);
    }
    if (namespaceMissing(status, key)) {
      return new ObjectNotFoundException(
          key, prefix + "namespace " + key.namespace() + " does not exist (" + detail + ")");
    }
    return new ObjectNotFoundException(key, prefix + detail);
  }

  private static boolean namespaceMissing(Status status, ObjectKey key) {
    if (!key.isNamespaced() || status == null) {
      return false;
    }
    StatusDetails details = status.getDetails();
    if (details != null && "namespaces".equals(details.getKind())) {
      return key.namespace().equals(details.getName());
    }
    String message = status.getMessage();
    return message != null && message.contains("namespaces \"" + key.namespace() + "\" not found");
  }

  private ClusterException conflict(
      RuntimeException e, String prefix, String detail, Status status, ObjectKey key) {
    List<FieldConflict> conflicts = fieldConflicts(status);
    if (key == null || conflicts.isEmpty()) {
      return new ClusterException(prefix + detail, e);
    }
    StringBuilder message = new StringBuilder(prefix).append("apply conflicts with other field managers:");
    conflicts.forEach(c -> message.append(' ').append(c.path()).append(" (").append(c.manager()).append(')'));
    return new ApplyConflictException(key, message.toString(), conflicts);
  }

  /**
   * The conflicts of a failed apply. Each cause has type FieldManagerConflict, the field and a
   * message such as {@code conflict with "other": .data.key} or {@code conflict with "kubectl"
   * using v1: .spec.replicas}.
   */
  static List<FieldConflict> fieldConflicts(Status status) {
    List<FieldConflict> out = new ArrayList<>();
    for (StatusCause cause : causes(status)) {
      if (!FIELD_MANAGER_CONFLICT.equals(cause.getReason())) {
        continue;
      }
      String message = cause.getMessage() == null ? "" : cause.getMessage();
      String manager = quoted(message);
      String path = cause.getField();
      if (path == null || path.isEmpty()) {
        int colon = message.lastIndexOf(": ");
        path = colon < 0 ? "" : message.substring(colon + 2).trim();
      }
      out.add(new FieldConflict(manager, path));
    }
    return out;
  }

  static List<FieldCause> fieldCauses(Status status) {
    List<FieldCause> out = new ArrayList<>();
    for (StatusCause cause : causes(status)) {
      String field = cause.getField() == null ? "" : cause.getField();
      String reason = cause.getMessage() != null ? cause.getMessage()
          : cause.getReason() != null ? cause.getReason() : "";
      // The cause's reason is its type (FieldValueInvalid, ...); read from the message if absent.
      out.add(cause.getReason() == null || cause.getReason().isEmpty()
          ? new FieldCause(field, reason)
          : new FieldCause(field, reason, cause.getReason()));
    }
    return out;
  }

  private static List<StatusCause> causes(Status status) {
    if (status == null || status.getDetails() == null || status.getDetails().getCauses() == null) {
      return List.of();
    }
    return status.getDetails().getCauses();
  }

  /** The first double-quoted string in a message, or the empty string. */
  private static String quoted(String message) {
    int start = message.indexOf('"');
    int end = start < 0 ? -1 : message.indexOf('"', start + 1);
    return end < 0 ? "" : message.substring(start + 1, end);
  }

  private static String serverMessage(KubernetesClientException k) {
    Status status = k.getStatus();
    if (status != null && status.getMessage() != null && !status.getMessage().isBlank()) {
      return status.getMessage();
    }
    return rootMessage(k);
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
  }
}
