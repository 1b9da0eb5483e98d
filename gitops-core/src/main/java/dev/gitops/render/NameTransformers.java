package dev.gitops.render;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kustomize's namePrefix, nameSuffix and replicas fields, and the prefix, suffix and replica
 * count operations the built-in transformers share with them; package-private.
 */
final class NameTransformers {
  // Kustomize never renames these: their names are fixed by what they define.
  private static final Set<String> NOT_RENAMED = Set.of("CustomResourceDefinition", "APIService", "Namespace");

  /** Where namePrefix and nameSuffix apply by default. */
  static final List<FieldSpec> NAME_FIELD_SPECS = List.of(FieldSpec.any("metadata/name", false));

  /** Where replicas apply by default (kustomize's replicas field specs). */
  static final List<FieldSpec> REPLICAS_FIELD_SPECS = List.of(
      FieldSpec.of("", "Deployment", "spec/replicas", true),
      FieldSpec.of("", "ReplicationController", "spec/replicas", true),
      FieldSpec.of("", "ReplicaSet", "spec/replicas", true),
      FieldSpec.of("", "StatefulSet", "spec/replicas", true));

  private NameTransformers() {}

  static void prefixSuffix(Kustomization k, List<KObject> objects) {
    affix(k.string("namePrefix"), k.string("nameSuffix"), NAME_FIELD_SPECS, objects);
  }

  /**
   * Adds a prefix and a suffix to the string fields of {@code specs}; a {@code metadata/name}
   * spec renames the object (references follow). CRDs, APIServices and Namespaces are left alone.
   */
  static void affix(String prefix, String suffix, List<FieldSpec> specs, List<KObject> objects) {
    if (prefix.isEmpty() && suffix.isEmpty()) {
      return;
    }
    for (KObject o : objects) {
      if (NOT_RENAMED.contains(o.kind())) {
        continue;
      }
      for (FieldSpec spec : specs) {
        if (!spec.appliesTo(o)) {
          continue;
        }
        if (spec.path().equals("metadata/name")) {
          o.rename(prefix + o.name() + suffix);
          o.affixed(prefix, suffix);
        } else {
          spec.apply(o, v -> v == null ? prefix + suffix
              : v instanceof String s ? prefix + s + suffix : null);
        }
      }
    }
  }

  static void replicas(Kustomization k, List<KObject> objects) {
    for (Map<String, Object> entry : k.maps("replicas")) {
      String name = k.str(entry.get("name"), "replicas.name");
      Object count = entry.get("count");
      if (name.isEmpty() || !isInteger(count)) {
        throw new KustomizeException(k.file(), "replicas entry needs a name and an integer count");
      }
      if (!replicas(name, ((Number) count).longValue(), REPLICAS_FIELD_SPECS, objects)) {
        throw new KustomizeException(k.file(), "replicas: no Deployment, ReplicationController, "
            + "ReplicaSet or StatefulSet is named '" + name + "'");
      }
    }
  }

  static boolean isInteger(Object count) {
    return count instanceof Long || count instanceof Integer || count instanceof java.math.BigInteger;
  }

  /**
   * Sets {@code count} at the path of each spec in the objects it selects that are or were named
   * {@code name}; whether any object was selected.
   */
  static boolean replicas(String name, long count, List<FieldSpec> specs, List<KObject> objects) {
    boolean found = false;
    for (FieldSpec spec : specs) {
      for (KObject o : objects) {
        if (spec.appliesTo(o) && o.hadName(name)) {
          found = true;
          spec.apply(o, v -> count);
        }
      }
    }
    return found;
  }
}
