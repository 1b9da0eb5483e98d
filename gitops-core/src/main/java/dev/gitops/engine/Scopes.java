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
      ObjectKey key = m.key();
      String kind = key.group() + "/" + key.kind();
      Boolean namespaced = known.computeIfAbsent(kind, k -> cluster.resourceType(key.group(), key.kind())
          .map(ResourceType::namespaced).orElse(defined.get(k)));
      if (namespaced == null) {
        throw new UnknownKindException(m, cluster.name());
      }
      if (namespaced && key.namespace().isEmpty()) {
        out.add(withNamespace(m, namespace));
      } else if (!namespaced && !key.namespace().isEmpty()) {
        out.add(withNamespace(m, null));
      } else {
        out.add(m);
      }
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
