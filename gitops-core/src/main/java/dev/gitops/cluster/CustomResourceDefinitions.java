package dev.gitops.cluster;

import dev.gitops.cluster.InvalidObjectException.FieldCause;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the API server does with a CustomResourceDefinition: validates it, serves the kind it
 * defines, and reports it in status (NamesAccepted and Established conditions, accepted names,
 * stored versions). Package-private.
 */
final class CustomResourceDefinitions {
  static final String GROUP = "apiextensions.k8s.io";
  static final String KIND = "CustomResourceDefinition";
  static final String APPROVAL_ANNOTATION = "api-approved.kubernetes.io";

  private CustomResourceDefinitions() {}

  static boolean isDefinition(String group, String kind) {
    return GROUP.equals(group) && KIND.equals(kind);
  }

  /**
   * Problems of a definition.
   *
   * @param live the stored definition, or null
   */
  static List<FieldCause> validate(String name, Map<String, ?> crd, Map<String, ?> live, ResourceCatalog catalog) {
    List<FieldCause> out = new ArrayList<>();
    Map<?, ?> spec = Trees.mapAt(crd, "spec");
    String group = Trees.stringAt(crd, "spec", "group");
    String plural = Trees.stringAt(crd, "spec", "names", "plural");
    String kind = Trees.stringAt(crd, "spec", "names", "kind");
    if (group == null || group.isEmpty()) {
      out.add(new FieldCause("spec.group", "Required value"));
    } else {
      Names.subdomain(group).forEach(m -> out.add(new FieldCause("spec.group", ObjectValidator.invalid(group, m))));
      if (!group.contains(".")) {
        out.add(new FieldCause("spec.group", ObjectValidator.invalid(group, "should be a domain with at least one dot")));
      }
      if (isProtected(group) && !Trees.mapAt(crd, "metadata", "annotations").containsKey(APPROVAL_ANNOTATION)) {
        out.add(new FieldCause("metadata.annotations[" + APPROVAL_ANNOTATION + "]",
            "Required value: protected groups must have approval annotation \"" + APPROVAL_ANNOTATION
                + "\", see https://github.com/kubernetes/enhancements/pull/1111"));
      }
    }
    if (plural == null || plural.isEmpty()) {
      out.add(new FieldCause("spec.names.plural", "Required value"));
    } else {
      Names.label(plural).forEach(m -> out.add(new FieldCause("spec.names.plural", ObjectValidator.invalid(plural, m))));
    }
    String singular = Trees.stringAt(crd, "spec", "names", "singular");
    if (singular != null && !singular.isEmpty()) {
      Names.label(singular)
          .forEach(m -> out.add(new FieldCause("spec.names.singular", ObjectValidator.invalid(singular, m))));
    }
    if (kind == null || kind.isEmpty()) {
      out.add(new FieldCause("spec.names.kind", "Required value"));
    }
    Object scope = spec.get("scope");
    if (!"Namespaced".equals(scope) && !"Cluster".equals(scope)) {
      out.add(new FieldCause("spec.scope",
          "Unsupported value: " + Json.write(scope) + ": supported values: \"Cluster\", \"Namespaced\""));
    }
    versions(spec.get("versions"), out);
    if (group != null && plural != null && !name.equals(plural + "." + group)) {
      out.add(new FieldCause("metadata.name", ObjectValidator.invalid(name, "must be spec.names.plural+\".\"+spec.group")));
    }
    if (group != null && kind != null) {
      Optional<KindInfo> served = catalog.find(group, kind);
      if (served.isPresent() && !served.get().crdName().equals(name)) {
        out.add(new FieldCause("spec.names.kind", ObjectValidator.invalid(kind, served.get().custom()
            ? "already defined by CustomResourceDefinition " + served.get().crdName()
            : "already served by the API server")));
      }
    }
    if (live != null) {
      immutable(crd, live, out, "spec", "scope");
      immutable(crd, live, out, "spec", "names", "kind");
      immutable(crd, live, out, "spec", "names", "plural");
    }
    return out;
  }

  private static void versions(Object versions, List<FieldCause> out) {
    if (!(versions instanceof List<?> list) || list.isEmpty()) {
      out.add(new FieldCause("spec.versions", "Required value: must have exactly one version marked as storage version"));
      return;
    }
    int storage = 0;
    Set<String> names = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      String at = "spec.versions[" + i + "]";
      Map<?, ?> v = list.get(i) instanceof Map<?, ?> m ? m : Map.of();
      String name = v.get("name") instanceof String s ? s : "";
      if (name.isEmpty()) {
        out.add(new FieldCause(at + ".name", "Required value"));
      } else {
        Names.label(name).forEach(m -> out.add(new FieldCause(at + ".name", ObjectValidator.invalid(name, m))));
        if (!names.add(name)) {
          out.add(new FieldCause("spec.versions", ObjectValidator.invalid(name, "must contain unique version names")));
        }
      }
      if (Boolean.TRUE.equals(v.get("storage"))) {
        storage++;
      }
      Map<?, ?> schema = Trees.mapAt(v, "schema", "openAPIV3Schema");
      if (schema.isEmpty()) {
        out.add(new FieldCause(at + ".schema.openAPIV3Schema", "Required value: schemas are required"));
      } else if (!"object".equals(schema.get("type"))) {
        out.add(new FieldCause(at + ".schema.openAPIV3Schema.type", "Required value: must be object at the root"));
      }
    }
    if (storage != 1) {
      out.add(new FieldCause("spec.versions", "Invalid value: must have exactly one version marked as storage version"));
    }
  }

  private static void immutable(Map<String, ?> crd, Map<String, ?> live, List<FieldCause> out, String... path) {
    String now = Trees.stringAt(crd, path);
    String before = Trees.stringAt(live, path);
    if (before != null && !before.equals(now)) {
      out.add(new FieldCause(String.join(".", path), ObjectValidator.invalid(String.valueOf(now), "field is immutable")));
    }
  }

  private static boolean isProtected(String group) {
    return group.equals("k8s.io") || group.endsWith(".k8s.io")
        || group.equals("kubernetes.io") || group.endsWith(".kubernetes.io");
  }

  /** The kind a valid definition serves; empty when it serves no version. */
  static Optional<KindInfo> kindInfo(String crdName, Map<String, ?> crd) {
    Map<?, ?> spec = Trees.mapAt(crd, "spec");
    List<String> served = new ArrayList<>();
    Set<String> withStatus = new HashSet<>();
    String storage = null;
    for (Object o : (List<?>) spec.get("versions")) {
      Map<?, ?> v = (Map<?, ?>) o;
      String name = (String) v.get("name");
      if (Boolean.TRUE.equals(v.get("served"))) {
        served.add(name);
      }
      if (Boolean.TRUE.equals(v.get("storage"))) {
        storage = name;
      }
      if (Trees.mapAt(v, "subresources").get("status") instanceof Map<?, ?>) {
        withStatus.add(name);
      }
    }
    if (served.isEmpty()) {
      return Optional.empty();
    }
    served.sort(KubeVersions.PRIORITY);
    String preferred = served.contains(storage) ? storage : served.get(0);
    ResourceType type = new ResourceType((String) spec.get("group"), preferred,
        Trees.stringAt(crd, "spec", "names", "kind"), Trees.stringAt(crd, "spec", "names", "plural"),
        "Namespaced".equals(spec.get("scope")));
    return Optional.of(new KindInfo(type, new HashSet<>(served), Names.Rule.SUBDOMAIN, true, withStatus, crdName));
  }

  /** The merge facts of the kind, from the schema of the version objects are stored in. */
  static SchemaModel schema(KindInfo kind, Map<String, ?> crd) {
    for (Object o : (List<?>) Trees.mapAt(crd, "spec").get("versions")) {
      Map<?, ?> v = (Map<?, ?>) o;
      if (kind.type().version().equals(v.get("name"))) {
        return OpenApiSchemaLoader.fromCustomResource(kind.group(), kind.kind(),
            Trees.mapAt(v, "schema", "openAPIV3Schema"), BuiltinSchema.objectMeta());
      }
    }
    throw new IllegalStateException("no version " + kind.type().version() + " in " + kind.crdName());
  }

  /**
   * The status the API server reports for an accepted definition. Condition transition times and
   * stored versions carry over from {@code previous} so that re-applying changes nothing.
   */
  static Map<String, Object> status(Map<String, ?> crd, Map<?, ?> previous, String now) {
    Map<?, ?> names = Trees.mapAt(crd, "spec", "names");
    String kind = (String) names.get("kind");
    Map<String, Object> accepted = new LinkedHashMap<>();
    accepted.put("plural", names.get("plural"));
    accepted.put("singular", names.get("singular") instanceof String s && !s.isEmpty() ? s : Names.lower(kind));
    if (names.get("shortNames") instanceof List<?> l) {
      accepted.put("shortNames", Trees.copy(l));
    }
    accepted.put("kind", kind);
    accepted.put("listKind", names.get("listKind") instanceof String s && !s.isEmpty() ? s : kind + "List");
    if (names.get("categories") instanceof List<?> l) {
      accepted.put("categories", Trees.copy(l));
    }
    List<Object> conditions = List.of(
        condition(previous, "NamesAccepted", "NoConflicts", "no conflicts found", now),
        condition(previous, "Established", "InitialNamesAccepted", "the initial names have been accepted", now));
    List<Object> stored = new ArrayList<>(Trees.strings(previous.get("storedVersions")));
    for (Object o : (List<?>) Trees.mapAt(crd, "spec").get("versions")) {
      Map<?, ?> v = (Map<?, ?>) o;
      if (Boolean.TRUE.equals(v.get("storage")) && !stored.contains(v.get("name"))) {
        stored.add(v.get("name"));
      }
    }
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("acceptedNames", accepted);
    status.put("conditions", new ArrayList<>(conditions));
    status.put("storedVersions", stored);
    return status;
  }

  private static Map<String, Object> condition(Map<?, ?> previous, String type, String reason, String message,
      String now) {
    String since = now;
    if (previous.get("conditions") instanceof List<?> l) {
      for (Object o : l) {
        if (o instanceof Map<?, ?> c && type.equals(c.get("type")) && "True".equals(c.get("status"))
            && c.get("lastTransitionTime") instanceof String t) {
          since = t;
        }
      }
    }
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("type", type);
    c.put("status", "True");
    c.put("lastTransitionTime", since);
    c.put("reason", reason);
    c.put("message", message);
    return c;
  }

  /**
   * Serves the kind of a stored definition, or stops serving it when no version is served. Stored
   * objects of the kind get the defaults of its (possibly changed) schema.
   */
  static void stored(ClusterState state, LiveObject crd) {
    Optional<KindInfo> info = kindInfo(crd.key().name(), crd.object());
    if (info.isEmpty()) {
      erased(state, crd);
      return;
    }
    state.catalog.put(info.get());
    state.schema.put(info.get().group(), info.get().kind(), schema(info.get(), crd.object()));
    state.fillDefaults(info.get().group(), info.get().kind());
  }

  /** Stops serving the kind of a definition that is gone; its watches end. */
  static void erased(ClusterState state, LiveObject crd) {
    String group = Trees.stringAt(crd.object(), "spec", "group");
    String kind = Trees.stringAt(crd.object(), "spec", "names", "kind");
    Optional<KindInfo> served = state.catalog.find(group, kind);
    if (served.isPresent() && served.get().crdName().equals(crd.key().name())) {
      state.catalog.remove(group, kind);
      state.schema.remove(group, kind);
      state.watches.endKind(group, kind, new UnknownResourceTypeException(state.name, group, kind));
    }
  }
}
