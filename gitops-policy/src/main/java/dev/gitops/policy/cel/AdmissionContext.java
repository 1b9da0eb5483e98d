package dev.gitops.policy.cel;

import dev.gitops.model.Manifest;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** What admission policies look up beside the object: Namespaces and parameter objects. */
final class AdmissionContext {
  private final Map<String, Manifest> namespaces = new HashMap<>();
  private final Map<String, Manifest> byKindAndName = new HashMap<>();

  private AdmissionContext() {}

  static AdmissionContext of(Collection<Manifest> objects) {
    AdmissionContext c = new AdmissionContext();
    for (Manifest m : objects) {
      if (m.apiVersion().equals("v1") && m.kind().equals("Namespace")) {
        c.namespaces.put(m.name(), m);
      }
      c.byKindAndName.put(key(m.apiVersion(), m.kind(), m.namespace(), m.name()), m);
    }
    return c;
  }

  /** The namespace's labels, with the label Kubernetes sets on every namespace. */
  Map<String, String> namespaceLabels(String namespace) {
    Map<String, String> labels = new LinkedHashMap<>();
    Manifest ns = namespaces.get(namespace);
    if (ns != null) {
      labels.putAll(ns.labels());
    }
    labels.put("kubernetes.io/metadata.name", namespace);
    return labels;
  }

  /** The Namespace object as declared, or a minimal one when it is not among the objects. */
  Map<String, Object> namespaceObject(String namespace) {
    Manifest ns = namespaces.get(namespace);
    if (ns != null) {
      return ns.object();
    }
    return Map.of("apiVersion", "v1", "kind", "Namespace", "metadata", Map.of("name", namespace,
        "labels", Map.of("kubernetes.io/metadata.name", namespace)));
  }

  Optional<Manifest> find(String apiVersion, String kind, String namespace, String name) {
    return Optional.ofNullable(byKindAndName.get(key(apiVersion, kind, namespace, name)));
  }

  private static String key(String apiVersion, String kind, String namespace, String name) {
    return apiVersion + " " + kind + " " + namespace + " " + name;
  }
}
