package dev.gitops.render;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Where a Kustomize transformer acts: a slash-separated path (a list is walked implicitly, with or
 * without a {@code []} suffix on its field), optionally only in objects of one group, version or
 * kind, and whether missing fields on the path are created; package-private.
 */
record FieldSpec(String group, String version, String kind, String path, boolean create, List<String> segments) {

  // The path is split once: transformers apply a spec to every object of a build.
  FieldSpec(String group, String version, String kind, String path, boolean create) {
    this(group, version, kind, path, create, List.of(path.split("/")));
  }

  static FieldSpec any(String path, boolean create) {
    return new FieldSpec("", "", "", path, create);
  }

  static FieldSpec of(String group, String kind, String path, boolean create) {
    return new FieldSpec(group, "", kind, path, create);
  }

  boolean appliesTo(KObject o) {
    return (kind.isEmpty() || kind.equals(o.kind()))
        && (group.isEmpty() || group.equals(o.group()))
        && (version.isEmpty() || version.equals(o.version()));
  }

  /**
   * Replaces each value at this spec's path with what {@code change} returns for it (null input
   * when the field is created); a null result leaves the field as it was.
   */
  void apply(KObject o, UnaryOperator<Object> change) {
    if (appliesTo(o)) {
      visit(o.tree(), segments, 0, create, change);
    }
  }

  @SuppressWarnings("unchecked")
  static void visit(Object node, List<String> segs, int i, boolean create, UnaryOperator<Object> change) {
    if (node instanceof List<?> list) {
      for (Object item : list) {
        visit(item, segs, i, create, change);
      }
      return;
    }
    if (!(node instanceof java.util.Map<?, ?>)) {
      return;
    }
    java.util.Map<String, Object> map = (java.util.Map<String, Object>) node;
    String seg = segs.get(i);
    boolean isList = seg.endsWith("[]");
    String key = isList ? seg.substring(0, seg.length() - 2) : seg.replace("\\/", "/");
    boolean last = i == segs.size() - 1;
    if (last) {
      if (map.containsKey(key) || create) {
        Object next = change.apply(map.get(key));
        if (next != null) {
          map.put(key, next);
        }
      }
      return;
    }
    Object child = map.get(key);
    if (child == null) {
      if (!create || isList) {
        return;
      }
      child = new java.util.LinkedHashMap<String, Object>();
      map.put(key, child);
    }
    visit(child, segs, i + 1, create, change);
  }
}
