package dev.gitops.plan;

import static java.util.Objects.requireNonNull;

import dev.gitops.model.ObjectKey;
import java.util.List;
import java.util.Set;

/**
 * Apply order by kind, as data: which {@link KindGroup} a kind belongs to, and a rank inside its
 * group so that plans list objects in a stable, readable order (the order Helm installs kinds in).
 * Objects of one group are applied in parallel, so the rank only orders the report, never the
 * cluster's view.
 *
 * @param definitionKinds kinds (group/Kind) of the {@link KindGroup#DEFINITIONS} group
 * @param webhookKinds kinds (group/Kind) of the {@link KindGroup#WEBHOOKS} group
 * @param ranks kinds in display order; kinds not listed come after them, by name
 */
public record KindOrder(Set<String> definitionKinds, Set<String> webhookKinds, List<String> ranks) {

  private static final KindOrder DEFAULTS = new KindOrder(
      Set.of("apiextensions.k8s.io/CustomResourceDefinition"),
      Set.of("admissionregistration.k8s.io/MutatingWebhookConfiguration",
          "admissionregistration.k8s.io/ValidatingWebhookConfiguration",
          "admissionregistration.k8s.io/ValidatingAdmissionPolicy",
          "admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding",
          "admissionregistration.k8s.io/MutatingAdmissionPolicy",
          "admissionregistration.k8s.io/MutatingAdmissionPolicyBinding"),
      List.of("Namespace", "NetworkPolicy", "ResourceQuota", "LimitRange", "PodSecurityPolicy",
          "PodDisruptionBudget", "ServiceAccount", "Secret", "ConfigMap", "StorageClass",
          "PersistentVolume", "PersistentVolumeClaim", "CustomResourceDefinition", "ClusterRole",
          "ClusterRoleBinding", "Role", "RoleBinding", "Service", "DaemonSet", "Pod",
          "ReplicationController", "ReplicaSet", "Deployment", "HorizontalPodAutoscaler",
          "StatefulSet", "Job", "CronJob", "IngressClass", "Ingress", "APIService"));

  public KindOrder {
    definitionKinds = Set.copyOf(definitionKinds);
    webhookKinds = Set.copyOf(webhookKinds);
    ranks = List.copyOf(ranks);
  }

  /**
   * Namespaces, then CustomResourceDefinitions, then other cluster-scoped kinds, then namespaced
   * kinds, then admission webhooks and admission policies.
   */
  public static KindOrder defaults() {
    return DEFAULTS;
  }

  /** The group an object is applied in. */
  public KindGroup group(ObjectKey key) {
    requireNonNull(key, "key");
    String kind = key.group() + "/" + key.kind();
    if (key.group().isEmpty() && key.kind().equals("Namespace")) {
      return KindGroup.NAMESPACES;
    }
    if (definitionKinds.contains(kind)) {
      return KindGroup.DEFINITIONS;
    }
    if (webhookKinds.contains(kind)) {
      return KindGroup.WEBHOOKS;
    }
    return key.isNamespaced() ? KindGroup.NAMESPACED : KindGroup.CLUSTER;
  }

  /** The display rank of a kind inside its group; unlisted kinds share the last rank. */
  public int rank(String kind) {
    int r = ranks.indexOf(kind);
    return r < 0 ? ranks.size() : r;
  }
}
