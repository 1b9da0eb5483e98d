package dev.gitops.render;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kustomize's namespace field: sets the namespace of every namespaced object, renames Namespace
 * objects to it, and moves role binding subjects named {@code default} and the service references
 * of API services and CRD conversion webhooks; package-private.
 */
final class NamespaceTransformer {
  /** Kinds without a namespace; any other kind, custom ones included, is taken as namespaced. */
  static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "Node", "PersistentVolume",
      "StorageClass", "CSIDriver", "CSINode", "VolumeAttachment", "ClusterRole",
      "ClusterRoleBinding", "CustomResourceDefinition", "APIService", "MutatingWebhookConfiguration",
      "ValidatingWebhookConfiguration", "ValidatingAdmissionPolicy",
      "ValidatingAdmissionPolicyBinding", "MutatingAdmissionPolicy",
      "MutatingAdmissionPolicyBinding", "PriorityClass", "RuntimeClass", "PodSecurityPolicy",
      "IngressClass", "CertificateSigningRequest", "ComponentStatus", "FlowSchema",
      "PriorityLevelConfiguration", "TokenReview", "SelfSubjectAccessReview",
      "SelfSubjectRulesReview", "SubjectAccessReview", "ClusterTrustBundle");

  private NamespaceTransformer() {}

  static boolean isClusterScoped(KObject o) {
    return CLUSTER_SCOPED.contains(o.kind());
  }

  @SuppressWarnings("unchecked")
  static void run(Kustomization k, List<KObject> objects) {
    String ns = k.string("namespace");
    if (ns.isEmpty()) {
      return;
    }
    for (KObject o : objects) {
      if (o.kind().equals("Namespace")) {
        o.rename(ns);
        continue;
      }
      if (!isClusterScoped(o)) {
        o.setNamespace(ns);
      }
      if (o.kind().equals("RoleBinding") || o.kind().equals("ClusterRoleBinding")) {
        if (o.tree().get("subjects") instanceof List<?> subjects) {
          for (Object s : subjects) {
            if (s instanceof Map<?, ?> m && "default".equals(m.get("name"))) {
              ((Map<String, Object>) m).put("namespace", ns);
            }
          }
        }
      }
      FieldSpec.of("apiregistration.k8s.io", "APIService", "spec/service/namespace", true)
          .apply(o, v -> ns);
      FieldSpec.of("apiextensions.k8s.io", "CustomResourceDefinition",
          "spec/conversion/webhook/clientConfig/service/namespace", false).apply(o, v -> ns);
    }
  }
}
