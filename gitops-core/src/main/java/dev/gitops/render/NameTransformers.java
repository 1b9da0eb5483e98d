package dev.gitops.render;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** Kustomize's namePrefix, nameSuffix and replicas fields; package-private. */
final class NameTransformers {
  // Kustomize never renames these: their names are fixed by what they define.
  private static final Set<String> NOT_RENAMED = Set.of("CustomResourceDefinition", "APIService", "Namespace");
  private static final Set<String> SCALABLE = Set.of("Deployment", "ReplicationController", "ReplicaSet", "StatefulSet");

  private NameTransformers() {}

  static void prefixSuffix(Kustomization k, List<KObject> objects) {
    String prefix = k.string("namePrefix");
    String suffix = k.string("nameSuffix");
    if (prefix.isEmpty() && suffix.isEmpty()) {
      return;
    }
    for (KObject o : objects) {
      if (!NOT_RENAMED.contains(o.kind())) {
        o.rename(prefix + o.name() + suffix);
        o.affixed(prefix, suffix);
      }
    }
  }

  static void replicas(Kustomization k, List<KObject> objects) {
    for (Map<String, Object> entry : k.maps("replicas")) {
      String name = k.str(entry.get("name"), "replicas.name");
      Object count = entry.get("count");
      if (name.isEmpty() || !(count instanceof Long || count instanceof Integer
          || count instanceof java.math.BigInteger) || !(count instanceof Number n)) {
        throw new KustomizeException(k.file(), "replicas entry needs a name and an integer count");
      }
      boolean found = false;
      for (KObject o : objects) {
        if (SCALABLE.contains(o.kind()) && o.hadName(name)) {
          found = true;
          o.tree().computeIfAbsent("spec", x -> new java.util.LinkedHashMap<String, Object>());
          if (o.tree().get("spec") instanceof Map<?, ?> spec) {
            @SuppressWarnings("unchecked")
            Map<String, Object> s = (Map<String, Object>) spec;
            s.put("replicas", n.longValue());
          }
        }
      }
      if (!found) {
        throw new KustomizeException(k.file(), "replicas: no Deployment, ReplicationController, "
            + "ReplicaSet or StatefulSet is named '" + name + "'");
      }
    }
  }
}
