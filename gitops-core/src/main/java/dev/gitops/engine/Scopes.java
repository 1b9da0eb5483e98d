package dev.gitops.engine;

import dev.gitops.cluster.Cluster;
import dev.gitops.cluster.ResourceType;
import dev.gitops.model.Manifest;
import dev.gitops.model.ObjectKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Fills in the application's namespace on namespaced objects that declare none, and drops a
 * namespace declared on a cluster-scoped object (as kubectl and the API server ignore it). A kind's
 * scope comes from the cluster, or from a CustomResourceDefinition of the same render.
 */
final class Scopes {
  private Scopes() {}

  static List<Manifest> apply(List<Manifest> objects, Cluster cluster, String namespace) {
    return apply(objects, cluster, namespace, new java.util.IdentityHashMap<>());
  }

  /**
   * As {@link #apply(List, Cluster, String)}, taking objects already scoped from {@code memo}
   * (rendered object to scoped object, by identity, from an earlier render with the same cluster
   * and namespace) and adding the new ones to it.
   */
  static List<Manifest> apply(List<Manifest> objects, Cluster cluster, String namespace,
      Map<Manifest, Manifest> memo) {
    Map<String, Boolean> defined = new HashMap<>();
    for (Manifest m : objects) {
      if (m.kind().equals("CustomResourceDefinition") && m.key().group().equals("apiextensions.k8s.io")) {
        Optional<Object> group = m.get("spec", "group");
        Optional<Object> kind = m.get("spec", "names", "kind");
        if (group.isPresent() && kind.isPresent()) {
          defined.put(group.get() + "/" + kind.get(), !"Cluster".equals(m.get("spec", "scope").orElse("Namespaced")));
        }
      }
    }
    Map<String, Boolean> known = new HashMap<>();
    List<Manifest> out = new ArrayList<>(objects.size());
    for (Manifest m : objects) {
      Manifest done = memo.get(m);
      if (done != null) {
        out.add(done);
        continue;
      }
      ObjectKey key = m.key();
      String kind = key.group() + "/" + key.kind();
      Boolean namespaced = known.computeIfAbsent(kind, k -> cluster.resourceType(key.group(), key.kind())
          .map(ResourceType::namespaced).orElse(defined.get(k)));
      if (namespaced == null) {
        throw new UnknownKindException(m, cluster.name());
      }
      Manifest scoped = namespaced && key.namespace().isEmpty() ? withNamespace(m, namespace)
          : !namespaced && !key.namespace().isEmpty() ? withNamespace(m, null) : m;
      memo.put(m, scoped);
      out.add(scoped);
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Manifest withNamespace(Manifest m, @Nullable String namespace) {
    Map<String, Object> tree = new LinkedHashMap<>(m.object());
    Map<String, Object> metadata = new LinkedHashMap<>((Map<String, Object>) m.object().get("metadata"));
    if (namespace == null) {
      metadata.remove("namespace");
    } else {
      metadata.put("namespace", namespace);
    }
    tree.put("metadata", metadata);
    return m.withObject(tree);
  }
}
