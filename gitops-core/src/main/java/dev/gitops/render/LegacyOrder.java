package dev.gitops.render;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Kustomize's legacy output order: kinds listed first come first in list order, kinds listed last
 * come last, all others in between; ties by group, version and kind, then namespace and name
 * (objects without a namespace after those with one); package-private.
 */
final class LegacyOrder implements Comparator<KObject> {
  static final List<String> DEFAULT_FIRST = List.of("Namespace", "ResourceQuota", "StorageClass",
      "CustomResourceDefinition", "ServiceAccount", "PodSecurityPolicy", "Role", "ClusterRole",
      "RoleBinding", "ClusterRoleBinding", "ConfigMap", "Secret", "Endpoints", "Service",
      "LimitRange", "PriorityClass", "PersistentVolume", "PersistentVolumeClaim", "Deployment",
      "StatefulSet", "CronJob", "PodDisruptionBudget");
  static final List<String> DEFAULT_LAST =
      List.of("MutatingWebhookConfiguration", "ValidatingWebhookConfiguration");

  private final Map<String, Integer> rank = new HashMap<>();

  LegacyOrder(List<String> first, List<String> last) {
    for (int i = 0; i < first.size(); i++) {
      rank.put(first.get(i), i - first.size());
    }
    for (int i = 0; i < last.size(); i++) {
      rank.put(last.get(i), i + 1);
    }
  }

  static LegacyOrder defaults() {
    return new LegacyOrder(DEFAULT_FIRST, DEFAULT_LAST);
  }

  @Override
  public int compare(KObject a, KObject b) {
    return compare(key(a), key(b));
  }

  /** The objects in this order; each object's sort key is computed once, not per comparison. */
  List<KObject> sort(List<KObject> objects) {
    List<Key> keys = new ArrayList<>(objects.size());
    for (KObject o : objects) {
      keys.add(key(o));
    }
    keys.sort(this::compare);
    List<KObject> out = new ArrayList<>(keys.size());
    for (Key k : keys) {
      out.add(k.object());
    }
    return out;
  }

  private record Key(KObject object, String gvk, String id, String kind, boolean coreGroup) {}

  private static Key key(KObject o) {
    return new Key(o, gvk(o), id(o), o.kind(), o.group().isEmpty());
  }

  private int compare(Key a, Key b) {
    if (!a.gvk().equals(b.gvk())) {
      int ra = rank.getOrDefault(a.kind(), 0);
      int rb = rank.getOrDefault(b.kind(), 0);
      if (ra != rb) {
        return Integer.compare(ra, rb);
      }
      // Kustomize puts a core Namespace after Namespaces of other groups.
      if (a.kind().equals("Namespace") && b.kind().equals("Namespace") && (a.coreGroup() || b.coreGroup())) {
        return b.gvk().compareTo(a.gvk());
      }
      return a.gvk().compareTo(b.gvk());
    }
    return a.id().compareTo(b.id());
  }

  private static String gvk(KObject o) {
    String v = o.apiVersion().contains("/") ? o.version() : o.apiVersion();
    return (o.group().isEmpty() ? "~G" : o.group()) + "_" + (v.isEmpty() ? "~V" : v) + "_"
        + (o.kind().isEmpty() ? "~K" : o.kind());
  }

  private static String id(KObject o) {
    return (o.namespace().isEmpty() ? "~X" : o.namespace()) + "|" + (o.name().isEmpty() ? "~N" : o.name());
  }
}
