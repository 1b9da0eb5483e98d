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
  /**
   * Cluster-scoped types by apiVersion and kind, as kustomize v5.5 knows them from its built-in
   * schema. Any other type, newer versions of these and custom types included, is taken as
   * namespaced, as kustomize does.
   */
  static final Set<String> CLUSTER_SCOPED = clusterScoped(Map.ofEntries(
      Map.entry("admissionregistration.k8s.io/v1,v1beta1",
          "MutatingWebhookConfiguration ValidatingWebhookConfiguration"),
      Map.entry("apiextensions.k8s.io/v1,v1beta1", "CustomResourceDefinition"),
      Map.entry("apiregistration.k8s.io/v1,v1beta1", "APIService"),
      Map.entry("certificates.k8s.io/v1,v1beta1", "CertificateSigningRequest"),
      Map.entry("flowcontrol.apiserver.k8s.io/v1beta1", "FlowSchema PriorityLevelConfiguration"),
      Map.entry("networking.k8s.io/v1,v1beta1", "IngressClass"),
      Map.entry("node.k8s.io/v1,v1beta1", "RuntimeClass"),
      Map.entry("policy/v1beta1", "PodSecurityPolicy"),
      Map.entry("rbac.authorization.k8s.io/v1,v1beta1", "ClusterRole ClusterRoleBinding"),
      Map.entry("scheduling.k8s.io/v1,v1beta1", "PriorityClass"),
      Map.entry("storage.k8s.io/v1,v1beta1", "CSIDriver CSINode StorageClass VolumeAttachment")),
      "v1", "ComponentStatus Namespace Node NodeProxyOptions PersistentVolume");

  // Expands "group/v1,v2" keys and space-separated kinds into "apiVersion kind" entries.
  private static Set<String> clusterScoped(Map<String, String> byGroup, String coreVersion, String coreKinds) {
    Set<String> out = new java.util.HashSet<>();
    byGroup.forEach((groups, kinds) -> {
      String group = groups.substring(0, groups.indexOf('/'));
      for (String version : groups.substring(groups.indexOf('/') + 1).split(",")) {
        for (String kind : kinds.split(" ")) {
          out.add(group + "/" + version + " " + kind);
        }
      }
    });
    for (String kind : coreKinds.split(" ")) {
      out.add(coreVersion + " " + kind);
    }
    return Set.copyOf(out);
  }

  private NamespaceTransformer() {}

  static boolean isClusterScoped(KObject o) {
    return CLUSTER_SCOPED.contains(o.apiVersion() + " " + o.kind());
  }

  @SuppressWarnings("unchecked")
  static void run(Kustomization k, List<KObject> objects) {
    String ns = k.string("namespace");
    if (ns.isEmpty()) {
      return;
    }
    for (KObject o : objects) {
      if (o.kind().equals("Namespace") && o.apiVersion().equals("v1")) {
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
