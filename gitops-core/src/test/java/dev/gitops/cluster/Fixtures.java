package dev.gitops.cluster;

import dev.gitops.model.Manifest;
import dev.gitops.model.SourceLocation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Object builders and a hand-moved clock for the in-memory cluster's tests. */
final class Fixtures {
  private Fixtures() {}

  static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }

  static List<Object> list(Object... items) {
    return new ArrayList<>(Arrays.asList(items));
  }

  static Manifest manifest(Map<String, ?> object) {
    return Manifest.of(object, SourceLocation.unknown());
  }

  static Manifest configMap(String ns, String name, Map<String, Object> data) {
    return manifest(map("apiVersion", "v1", "kind", "ConfigMap",
        "metadata", map("name", name, "namespace", ns), "data", data));
  }

  static Manifest namespace(String name) {
    return manifest(map("apiVersion", "v1", "kind", "Namespace", "metadata", map("name", name)));
  }

  /** A Deployment {@code web} in {@code default} with the given pod spec. */
  static Map<String, Object> deployment(Map<String, Object> podSpec) {
    return map("apiVersion", "apps/v1", "kind", "Deployment",
        "metadata", map("name", "web", "namespace", "default"),
        "spec", map("template", map("spec", podSpec)));
  }

  static Map<String, Object> container(String name, String image) {
    return map("name", name, "image", image);
  }

  static ApplyOptions by(String manager) {
    return ApplyOptions.defaults().withFieldManager(manager);
  }

  /** A CRD for {@code Widget} in the group, plural widgets, served and stored as v1. */
  static Map<String, Object> widgetDefinition(String group, String scope, Map<String, Object> specSchema) {
    return map("apiVersion", "apiextensions.k8s.io/v1", "kind", "CustomResourceDefinition",
        "metadata", map("name", "widgets." + group),
        "spec", map("group", group, "scope", scope,
            "names", map("plural", "widgets", "kind", "Widget"),
            "versions", list(map("name", "v1", "served", true, "storage", true,
                "subresources", map("status", map()),
                "schema", map("openAPIV3Schema", map("type", "object", "properties", map(
                    "spec", specSchema,
                    "status", map("type", "object", "x-kubernetes-preserve-unknown-fields", true))))))));
  }

  static Map<String, Object> widget(String group, String ns, String name, Map<String, Object> spec) {
    Map<String, Object> meta = ns == null ? map("name", name) : map("name", name, "namespace", ns);
    return map("apiVersion", group + "/v1", "kind", "Widget", "metadata", meta, "spec", spec);
  }

}
