package dev.gitops.policy.rules;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One apiVersion of one kind that Kubernetes stopped serving, after the Kubernetes deprecated API
 * migration guide.
 *
 * @param apiVersion the old apiVersion, for example {@code batch/v1beta1}
 * @param kind the kind
 * @param removedIn the first release that no longer serves it
 * @param replacement the apiVersion to migrate to; empty when the API is gone without one
 * @param replacementSince the first release serving the replacement (from then on the old version
 *     counts as deprecated); equal to {@code removedIn} when there is no replacement
 */
public record ApiRemoval(
    String apiVersion,
    String kind,
    KubernetesVersion removedIn,
    String replacement,
    KubernetesVersion replacementSince) {

  public ApiRemoval {
    requireNonNull(apiVersion, "apiVersion");
    requireNonNull(kind, "kind");
    requireNonNull(removedIn, "removedIn");
    requireNonNull(replacement, "replacement");
    requireNonNull(replacementSince, "replacementSince");
  }

  private static ApiRemoval of(String apiVersion, String kind, String removedIn, String replacement,
      String since) {
    return new ApiRemoval(apiVersion, kind, KubernetesVersion.parse(removedIn), replacement,
        KubernetesVersion.parse(since));
  }

  private static List<ApiRemoval> kinds(String apiVersion, List<String> kinds, String removedIn,
      String replacement, String since) {
    return kinds.stream().map(k -> of(apiVersion, k, removedIn, replacement, since)).toList();
  }

  /** Removals from Kubernetes 1.16 to 1.32. */
  public static List<ApiRemoval> kubernetes() {
    return TABLE;
  }

  private static final List<String> RBAC =
      List.of("ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding");
  private static final List<String> FLOW_CONTROL =
      List.of("FlowSchema", "PriorityLevelConfiguration");
  private static final String FLOW = "flowcontrol.apiserver.k8s.io/";

  private static final List<ApiRemoval> TABLE = java.util.stream.Stream.of(
      // 1.16
      kinds("extensions/v1beta1", List.of("Deployment", "DaemonSet", "ReplicaSet"), "1.16",
          "apps/v1", "1.9"),
      kinds("apps/v1beta1", List.of("Deployment", "StatefulSet"), "1.16", "apps/v1", "1.9"),
      kinds("apps/v1beta2", List.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet"),
          "1.16", "apps/v1", "1.9"),
      List.of(of("extensions/v1beta1", "NetworkPolicy", "1.16", "networking.k8s.io/v1", "1.8"),
          of("extensions/v1beta1", "PodSecurityPolicy", "1.16", "policy/v1beta1", "1.10")),
      // 1.22
      kinds("admissionregistration.k8s.io/v1beta1",
          List.of("MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"), "1.22",
          "admissionregistration.k8s.io/v1", "1.16"),
      List.of(
          of("apiextensions.k8s.io/v1beta1", "CustomResourceDefinition", "1.22",
              "apiextensions.k8s.io/v1", "1.16"),
          of("apiregistration.k8s.io/v1beta1", "APIService", "1.22", "apiregistration.k8s.io/v1",
              "1.10"),
          of("authentication.k8s.io/v1beta1", "TokenReview", "1.22", "authentication.k8s.io/v1",
              "1.6"),
          of("certificates.k8s.io/v1beta1", "CertificateSigningRequest", "1.22",
              "certificates.k8s.io/v1", "1.19"),
          of("coordination.k8s.io/v1beta1", "Lease", "1.22", "coordination.k8s.io/v1", "1.14"),
          of("extensions/v1beta1", "Ingress", "1.22", "networking.k8s.io/v1", "1.19"),
          of("networking.k8s.io/v1beta1", "Ingress", "1.22", "networking.k8s.io/v1", "1.19"),
          of("networking.k8s.io/v1beta1", "IngressClass", "1.22", "networking.k8s.io/v1", "1.19"),
          of("scheduling.k8s.io/v1beta1", "PriorityClass", "1.22", "scheduling.k8s.io/v1", "1.14"),
          of("storage.k8s.io/v1beta1", "CSIDriver", "1.22", "storage.k8s.io/v1", "1.19"),
          of("storage.k8s.io/v1beta1", "CSINode", "1.22", "storage.k8s.io/v1", "1.17"),
          of("storage.k8s.io/v1beta1", "StorageClass", "1.22", "storage.k8s.io/v1", "1.6"),
          of("storage.k8s.io/v1beta1", "VolumeAttachment", "1.22", "storage.k8s.io/v1", "1.13")),
      kinds("authorization.k8s.io/v1beta1", List.of("SubjectAccessReview",
          "LocalSubjectAccessReview", "SelfSubjectAccessReview"), "1.22",
          "authorization.k8s.io/v1", "1.6"),
      kinds("rbac.authorization.k8s.io/v1beta1", RBAC, "1.22", "rbac.authorization.k8s.io/v1",
          "1.8"),
      // 1.25
      List.of(
          of("batch/v1beta1", "CronJob", "1.25", "batch/v1", "1.21"),
          of("discovery.k8s.io/v1beta1", "EndpointSlice", "1.25", "discovery.k8s.io/v1", "1.21"),
          of("events.k8s.io/v1beta1", "Event", "1.25", "events.k8s.io/v1", "1.19"),
          of("autoscaling/v2beta1", "HorizontalPodAutoscaler", "1.25", "autoscaling/v2", "1.23"),
          of("policy/v1beta1", "PodDisruptionBudget", "1.25", "policy/v1", "1.21"),
          of("policy/v1beta1", "PodSecurityPolicy", "1.25", "", "1.25"),
          of("node.k8s.io/v1beta1", "RuntimeClass", "1.25", "node.k8s.io/v1", "1.20")),
      // 1.26, 1.27, 1.29, 1.32
      kinds(FLOW + "v1beta1", FLOW_CONTROL, "1.26", FLOW + "v1beta3", "1.26"),
      List.of(of("autoscaling/v2beta2", "HorizontalPodAutoscaler", "1.26", "autoscaling/v2",
          "1.23"),
          of("storage.k8s.io/v1beta1", "CSIStorageCapacity", "1.27", "storage.k8s.io/v1", "1.24")),
      kinds(FLOW + "v1beta2", FLOW_CONTROL, "1.29", FLOW + "v1", "1.29"),
      kinds(FLOW + "v1beta3", FLOW_CONTROL, "1.32", FLOW + "v1", "1.29"))
      .flatMap(List::stream).toList();
}
