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

  /** Where kustomize's {@code namespace} field writes besides metadata.namespace (its default field specs). */
  static final List<FieldSpec> DEFAULT_FIELD_SPECS = List.of(
      FieldSpec.of("", "Namespace", "metadata/name", true),
      FieldSpec.of("apiregistration.k8s.io", "APIService", "spec/service/namespace", true),
      FieldSpec.of("apiextensions.k8s.io", "CustomResourceDefinition",
          "spec/conversion/webhook/clientConfig/service/namespace", false));

  /** Which RoleBinding and ClusterRoleBinding subjects get the namespace, as kustomize's setRoleBindingSubjects. */
  enum Subjects {
    /** Subjects named {@code default} (kustomize's default, {@code defaultOnly}). */
    DEFAULT_ONLY,
    /** Every ServiceAccount subject ({@code allServiceAccounts}). */
    ALL_SERVICE_ACCOUNTS,
    /** No subject ({@code none}). */
    NONE
  }

  /** A kustomization's {@code namespace} field. */
  static void run(Kustomization k, List<KObject> objects) {
    run(k.string("namespace"), DEFAULT_FIELD_SPECS, false, Subjects.DEFAULT_ONLY, objects);
  }

  /**
   * Sets {@code ns} as metadata.namespace of every namespaced object and at the paths of
   * {@code specs} (a {@code metadata/name} spec renames core v1 objects it selects, as for
   * Namespaces); with {@code unsetOnly}, only where no namespace is set yet.
   */
  static void run(String ns, List<FieldSpec> specs, boolean unsetOnly, Subjects subjects,
      List<KObject> objects) {
    if (ns.isEmpty()) {
      return;
    }
    for (KObject o : objects) {
      if (!isClusterScoped(o) && (!unsetOnly || o.namespace().isEmpty())) {
        o.setNamespace(ns);
      }
      boolean binding = o.kind().equals("RoleBinding") || o.kind().equals("ClusterRoleBinding");
      if (binding) {
        setSubjects(o, ns, unsetOnly, subjects);
      }
      for (FieldSpec spec : specs) {
        if (spec.path().equals("metadata/namespace")
            || binding && spec.path().equals("subjects/namespace")
                && (spec.kind().equals("RoleBinding") || spec.kind().equals("ClusterRoleBinding"))) {
          continue;
        }
        if (spec.path().equals("metadata/name")) {
          // Kustomize renames by a namespace only objects of the core v1 API (Namespaces).
          if (o.apiVersion().equals("v1") && spec.appliesTo(o) && (!unsetOnly || o.name().isEmpty())) {
            o.rename(ns);
          }
          continue;
        }
        spec.apply(o, v -> unsetOnly && v instanceof String s && !s.isEmpty() ? null : ns);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static void setSubjects(KObject o, String ns, boolean unsetOnly, Subjects mode) {
    if (mode == Subjects.NONE || !(o.tree().get("subjects") instanceof List<?> list)) {
      return;
    }
    for (Object s : list) {
      if (!(s instanceof Map<?, ?> m)) {
        continue;
      }
      boolean selected = mode == Subjects.DEFAULT_ONLY ? "default".equals(m.get("name"))
          : "ServiceAccount".equals(m.get("kind"));
      if (selected && (!unsetOnly || !(m.get("namespace") instanceof String cur) || cur.isEmpty())) {
        ((Map<String, Object>) m).put("namespace", ns);
      }
    }
  }
}
