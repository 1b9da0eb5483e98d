package dev.gitops.render;

import dev.gitops.model.Snapshot;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kustomize's replacements field: copies a value from one object's field into fields of other
 * objects. Field paths are dot separated; {@code [key=value]} picks list elements by a field,
 * {@code [a.b]} is a key containing dots, a number indexes a list and {@code *} takes every
 * element. The {@code delimiter}/{@code index} options copy or replace one part of a delimited
 * string; {@code create} makes missing fields; package-private.
 */
final class Replacements {
  private Replacements() {}

  static void run(Kustomization k, Snapshot snapshot, List<KObject> objects) {
    for (Map<String, Object> entry : k.maps("replacements")) {
      if (entry.get("path") != null) {
        String path = String.valueOf(entry.get("path"));
        byte[] content = KustomizeFiles.read(k, snapshot, path, "replacements");
        for (YamlDocuments.Document d : KustomizeFiles.parseYaml(KustomizeFiles.join(k, k.dir(), path), content)) {
          if (d.value() instanceof List<?> l) {
            for (Object r : l) {
              replace(k, k.asMap(r, "replacement in " + path), objects);
            }
          } else if (d.value() != null) {
            replace(k, k.asMap(d.value(), "replacement in " + path), objects);
          }
        }
      } else {
        replace(k, entry, objects);
      }
    }
  }

  private static void replace(Kustomization k, Map<String, Object> r, List<KObject> objects) {
    if (r.get("source") == null || r.get("targets") == null) {
      throw new KustomizeException(k.file(), "a replacement needs a source and targets");
    }
    Map<String, Object> source = k.asMap(r.get("source"), "replacements.source");
    Selector from = Selector.parse(k, exact(source));
    List<KObject> sources = new ArrayList<>();
    for (KObject o : objects) {
      if (from.matches(o)) {
        sources.add(o);
      }
    }
    if (sources.size() != 1) {
      throw new KustomizeException(k.file(), "replacement source " + describe(source) + " matches "
          + (sources.isEmpty() ? "no object" : "several objects: " + sources));
    }
    String fieldPath = source.get("fieldPath") == null ? "metadata.name" : String.valueOf(source.get("fieldPath"));
    List<Object> found = new ArrayList<>();
    collect(sources.get(0).tree(), segments(fieldPath), 0, found);
    if (found.size() != 1) {
      throw new KustomizeException(k.file(), "replacement source field '" + fieldPath + "' of "
          + sources.get(0) + (found.isEmpty() ? " does not exist" : " matches several values"));
    }
    Object value = found.get(0);
    if (value == null || value instanceof Map<?, ?> vm && vm.isEmpty() || value instanceof List<?> vl && vl.isEmpty()) {
      // kustomize takes a null, {} or [] source for a missing one.
      throw new KustomizeException(k.file(), "replacement source field '" + fieldPath + "' of "
          + sources.get(0) + " does not exist (it is null or empty)");
    }
    Map<String, Object> sourceOptions = source.get("options") == null ? Map.of()
        : k.asMap(source.get("options"), "replacements.source.options");
    if (sourceOptions.get("delimiter") != null) {
      if (!isScalar(value)) {
        throw new KustomizeException(k.file(), "replacement source field '" + fieldPath
            + "': the delimiter option can only be used with scalar values");
      }
      String[] parts = text(value).split(java.util.regex.Pattern.quote(
          String.valueOf(sourceOptions.get("delimiter"))), -1);
      int index = sourceOptions.get("index") instanceof Number n ? n.intValue() : 0;
      if (index < 0 || index >= parts.length) {
        throw new KustomizeException(k.file(), "replacement source index " + index + " is out of range");
      }
      value = parts[index];
    }
    if (!(r.get("targets") instanceof List<?> targets)) {
      throw new KustomizeException(k.file(), "replacement targets must be a list");
    }
    for (Object t : targets) {
      Map<String, Object> target = k.asMap(t, "replacements.targets");
      Selector select = target.get("select") == null ? null
          : Selector.parse(k, exact(k.asMap(target.get("select"), "replacements.targets.select")));
      List<Selector> rejects = new ArrayList<>();
      if (target.get("reject") instanceof List<?> rl) {
        for (Object rej : rl) {
          rejects.add(Selector.parse(k, exact(k.asMap(rej, "replacements.targets.reject"))));
        }
      }
      Map<String, Object> options = target.get("options") == null ? Map.of()
          : k.asMap(target.get("options"), "replacements.targets.options");
      List<String> paths = target.get("fieldPaths") == null ? List.of("metadata.name")
          : k.stringList(target.get("fieldPaths"), "replacements.targets.fieldPaths");
      for (KObject o : objects) {
        if ((select == null || select.matches(o)) && rejects.stream().noneMatch(s -> s.matches(o))) {
          for (String p : paths) {
            set(k, o, p, value, options);
          }
        }
      }
    }
  }

  // Replacement selectors name objects exactly; Selector takes regular expressions.
  private static Map<String, Object> exact(Map<String, Object> m) {
    Map<String, Object> out = new LinkedHashMap<>(m);
    for (String f : List.of("name", "namespace")) {
      if (out.get(f) != null) {
        out.put(f, java.util.regex.Pattern.quote(String.valueOf(out.get(f))));
      }
    }
    return out;
  }

  private static String describe(Map<String, Object> source) {
    return source.getOrDefault("kind", "") + " '" + source.getOrDefault("name", "") + "'";
  }

  static List<String> segments(String path) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    int depth = 0;
    for (char c : path.toCharArray()) {
      if (c == '[') {
        depth++;
      } else if (c == ']') {
        depth--;
      }
      if (c == '.' && depth == 0) {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    out.removeIf(String::isEmpty);
    return out;
  }

  private static void collect(Object node, List<String> segs, int i, List<Object> out) {
    if (i == segs.size()) {
      out.add(node);
      return;
    }
    for (Object child : children(node, segs.get(i), false)) {
      collect(child, segs, i + 1, out);
    }
  }

  /** The values a path segment selects in a node, creating a missing map field if asked. */
  @SuppressWarnings("unchecked")
  private static List<Object> children(Object node, String seg, boolean create) {
    List<Object> out = new ArrayList<>();
    if (node instanceof List<?> l) {
      if (seg.equals("*")) {
        out.addAll(l);
      } else if (seg.matches("[0-9]+") && Integer.parseInt(seg) < l.size()) {
        out.add(l.get(Integer.parseInt(seg)));
      } else if (seg.startsWith("[") && seg.endsWith("]") && seg.contains("=")) {
        String inner = seg.substring(1, seg.length() - 1);
        String key = inner.substring(0, inner.indexOf('='));
        String value = inner.substring(inner.indexOf('=') + 1);
        for (Object e : l) {
          if (e instanceof Map<?, ?> m && value.equals(String.valueOf(m.get(key)))) {
            out.add(e);
          }
        }
      }
    } else if (node instanceof Map<?, ?> m) {
      String key = seg.startsWith("[") && seg.endsWith("]") ? seg.substring(1, seg.length() - 1) : seg;
      if (m.containsKey(key)) {
        out.add(m.get(key));
      } else if (create) {
        Map<String, Object> created = new LinkedHashMap<>();
        ((Map<String, Object>) m).put(key, created);
        out.add(created);
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static void set(Kustomization k, KObject o, String path, Object value, Map<String, Object> options) {
    List<String> segs = segments(path);
    boolean create = Boolean.TRUE.equals(options.get("create"));
    List<Object> parents = new ArrayList<>(List.of(o.tree()));
    for (String seg : segs.subList(0, segs.size() - 1)) {
      List<Object> next = new ArrayList<>();
      for (Object p : parents) {
        next.addAll(children(p, seg, create));
      }
      parents = next;
    }
    String last = segs.get(segs.size() - 1);
    String key = last.startsWith("[") && last.endsWith("]") ? last.substring(1, last.length() - 1) : last;
    String before = o.name();
    Object annotations = o.metadata().get("annotations");
    for (Object p : parents) {
      if (p instanceof Map<?, ?> m && (m.containsKey(key) || create)) {
        Map<String, Object> map = (Map<String, Object>) m;
        Object v = assign(k, path, map.containsKey(key), map.get(key), value, options);
        // kustomize rewrites every annotation as a string before it prints the object.
        map.put(key, p == annotations && isScalar(v) ? text(v) : v);
      } else if (p instanceof List<?> l && key.matches("[0-9]+") && Integer.parseInt(key) < l.size()) {
        List<Object> list = (List<Object>) l;
        int idx = Integer.parseInt(key);
        list.set(idx, assign(k, path, true, list.get(idx), value, options));
      }
    }
    if (!o.name().equals(before)) {
      String after = o.name();
      o.metadataForWrite().put("name", before);
      o.rename(after);
    }
  }

  /**
   * The new value of a target field, as kustomize (kyaml) computes it: into an existing scalar
   * field only the source's text is copied and the field keeps its YAML type (the string "8080"
   * into an int field is the int 8080, the int 80 into a string field the string "80"); a field
   * created by {@code options.create} has no type of its own, so the text is typed as an unquoted
   * scalar would be when kustomize prints it (the string "1" becomes the int 1, "true" a boolean);
   * a map or list source replaces a map or list target, or is created, whole.
   */
  private static Object assign(Kustomization k, String path, boolean exists, Object current, Object value,
      Map<String, Object> options) {
    boolean scalarTarget = !exists || isScalar(current);
    if (options.get("delimiter") != null) {
      if (!scalarTarget || !isScalar(value)) {
        throw new KustomizeException(k.file(), "replacement target '" + path
            + "': the delimiter option can only be used with scalar values");
      }
      return typed(k, path, exists, current, withDelimiter(exists ? text(current) : "", text(value), options));
    }
    if (!scalarTarget) {
      return KustomizeBuild.deepCopyValue(value);
    }
    if (!isScalar(value)) {
      // A map or list source: kyaml creates the field with the source's kind and sets it whole;
      // an existing scalar field takes the text of a map node, which is empty.
      return exists ? typed(k, path, true, current, "") : KustomizeBuild.deepCopyValue(value);
    }
    return typed(k, path, exists, current, text(value));
  }

  private static boolean isScalar(Object v) {
    return !(v instanceof Map<?, ?>) && !(v instanceof List<?>);
  }

  /** A scalar's YAML text. */
  static String text(Object v) {
    if (v == null) {
      return "";
    }
    if (v instanceof Double d) {
      return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toString();
    }
    return String.valueOf(v);
  }

  /**
   * {@code text} as a value of the target field's YAML type, or of none for a created field. A
   * typed field keeps its tag, so text of another type fails when kustomize prints it ({@code
   * cannot decode !!str `abc` as a !!int}); so it fails here, when the replacement runs.
   */
  private static Object typed(Kustomization k, String path, boolean exists, Object current, String text) {
    Object v = YamlDocuments.plain(text);
    if (!exists) {
      return v;
    }
    if (current instanceof String) {
      return text;
    }
    String type = current == null ? "null" : current instanceof Boolean ? "boolean"
        : current instanceof Double ? "float" : "integer";
    boolean fits = switch (type) {
      case "null" -> v == null;
      case "boolean" -> v instanceof Boolean;
      case "float" -> v instanceof Number;
      default -> v instanceof Number && !(v instanceof Double);
    };
    if (!fits) {
      String a = type.equals("integer") ? "an " : "a ";
      throw new KustomizeException(k.file(), "replacement target '" + path + "' is " + a + type
          + " field and keeps its type: '" + text + "' is not " + a + type + " (kustomize fails on it too)");
    }
    return v;
  }

  private static String withDelimiter(String current, String value, Map<String, Object> options) {
    String delimiter = String.valueOf(options.get("delimiter"));
    int index = options.get("index") instanceof Number n ? n.intValue() : 0;
    List<String> parts = new ArrayList<>(List.of(current.split(java.util.regex.Pattern.quote(delimiter), -1)));
    if (index < 0) {
      parts.add(0, value);
    } else if (index >= parts.size()) {
      parts.add(value);
    } else {
      parts.set(index, value);
    }
    return String.join(delimiter, parts);
  }
}
