package dev.gitops.render;

import dev.gitops.model.Snapshot;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Kustomize's patches, patchesStrategicMerge and patchesJson6902 fields: loads each patch (a file
 * in the kustomization's directory or inline text), finds its targets and applies it;
 * package-private.
 */
final class Patches {
  private Patches() {}

  /** patchesStrategicMerge: files or inline documents, each naming its target by its own id. */
  static void strategicMerge(Kustomization k, Snapshot snapshot, List<KObject> objects) {
    for (String entry : k.strings("patchesStrategicMerge")) {
      boolean inline = entry.contains("\n") || entry.contains(":");
      String where = inline ? "inline patch" : entry;
      String text = inline ? entry : load(k, snapshot, entry);
      for (Map<String, Object> patch : documents(k, where, text)) {
        applyById(k, where, patch, objects);
      }
    }
  }

  /** patches: a path or inline patch, strategic merge or JSON 6902, with an optional target. */
  static void patches(Kustomization k, Snapshot snapshot, List<KObject> objects) {
    for (Map<String, Object> entry : k.maps("patches")) {
      Object path = entry.get("path");
      Object inline = entry.get("patch");
      if ((path == null) == (inline == null)) {
        throw new KustomizeException(k.file(), "a patches entry needs exactly one of path and patch");
      }
      String where = path != null ? String.valueOf(path) : "inline patch";
      String text = path != null ? load(k, snapshot, String.valueOf(path)) : String.valueOf(inline);
      Selector target = entry.get("target") == null ? null
          : Selector.parse(k, k.asMap(entry.get("target"), "patches.target"));
      Object parsed = parseOne(k, where, text);
      if (parsed instanceof List<?> ops) {
        if (target == null) {
          throw new KustomizeException(k.file(), where + ": a JSON 6902 patch needs a target");
        }
        for (KObject o : select(objects, target)) {
          json6902(k, where, o, ops);
        }
        continue;
      }
      List<Map<String, Object>> docs = documents(k, where, text);
      if (target == null) {
        for (Map<String, Object> patch : docs) {
          applyById(k, where, patch, objects);
        }
        continue;
      }
      if (docs.size() != 1) {
        throw new KustomizeException(k.file(), where
            + ": a patches entry with a target must hold exactly one strategic merge patch");
      }
      Map<String, Object> options = entry.get("options") == null ? Map.of()
          : k.asMap(entry.get("options"), "patches.options");
      boolean allowNameChange = Boolean.TRUE.equals(options.get("allowNameChange"));
      boolean allowKindChange = Boolean.TRUE.equals(options.get("allowKindChange"));
      for (KObject o : select(objects, target)) {
        Map<String, Object> patch = KustomizeBuild.deepCopy(docs.get(0));
        // The target selects; the patch's own identity matters only where the options allow.
        if (!allowKindChange) {
          patch.remove("apiVersion");
          patch.remove("kind");
        }
        if (patch.get("metadata") instanceof Map<?, ?> meta) {
          if (!allowNameChange) {
            meta.remove("name");
          }
          meta.remove("namespace");
        }
        String before = o.name();
        applyTo(k, where, o, patch, objects);
        renamed(o, before);
      }
    }
  }

  /** patchesJson6902: a target selector and a path or inline patch. */
  static void json6902(Kustomization k, Snapshot snapshot, List<KObject> objects) {
    for (Map<String, Object> entry : k.maps("patchesJson6902")) {
      if (entry.get("target") == null) {
        throw new KustomizeException(k.file(), "a patchesJson6902 entry needs a target");
      }
      Map<String, Object> t = k.asMap(entry.get("target"), "patchesJson6902.target");
      Object path = entry.get("path");
      String where = path != null ? String.valueOf(path) : "inline patch";
      String text = path != null ? load(k, snapshot, String.valueOf(path))
          : String.valueOf(entry.get("patch"));
      if (!(parseOne(k, where, text) instanceof List<?> ops)) {
        throw new KustomizeException(k.file(), where + ": a JSON 6902 patch must be a list of operations");
      }
      // Like kustomize: the target is a selector, and selecting nothing is not an error.
      List<KObject> targets = select(objects, Selector.parse(k, t));
      for (KObject o : targets) {
        json6902(k, where, o, ops);
      }
    }
  }

  private static void json6902(Kustomization k, String where, KObject o, List<?> ops) {
    String before = o.name();
    try {
      JsonPatch.apply(o.tree(), ops);
    } catch (JsonPatch.JsonPatchException e) {
      throw new KustomizeException(k.file(), where + " on " + o + ": " + e.getMessage(), e);
    }
    renamed(o, before);
  }

  // A patch that changes the name counts as a rename, so references follow it.
  private static void renamed(KObject o, String before) {
    String after = o.name();
    if (!after.equals(before)) {
      o.metadataForWrite().put("name", before);
      o.rename(after);
    }
  }

  private static List<KObject> select(List<KObject> objects, Selector target) {
    List<KObject> out = new ArrayList<>();
    for (KObject o : objects) {
      if (target.matches(o)) {
        out.add(o);
      }
    }
    return out;
  }

  private static void applyById(Kustomization k, String where, Map<String, Object> patch,
      List<KObject> objects) {
    String apiVersion = patch.get("apiVersion") instanceof String s ? s : "";
    String kind = patch.get("kind") instanceof String s ? s : "";
    Map<?, ?> meta = patch.get("metadata") instanceof Map<?, ?> m ? m : Map.of();
    String name = meta.get("name") instanceof String s ? s : "";
    String ns = meta.get("namespace") instanceof String s ? s : "";
    if (kind.isEmpty() || name.isEmpty()) {
      throw new KustomizeException(k.file(), where + ": a strategic merge patch without a target "
          + "must name its object (kind and metadata.name)");
    }
    String group = dev.gitops.model.ObjectKey.groupOf(apiVersion);
    List<KObject> matches = new ArrayList<>();
    for (KObject o : objects) {
      if (o.kind().equals(kind) && o.group().equals(group) && o.hadName(name)
          && (o.hadNamespace(ns) || (ns.isEmpty() || ns.equals("default"))
              && (o.hadNamespace("") || o.hadNamespace("default")))) {
        matches.add(o);
      }
    }
    if (matches.isEmpty()) {
      throw new KustomizeException(k.file(), where + ": no object matches the patch for " + kind
          + " '" + (ns.isEmpty() ? "" : ns + "/") + name + "'");
    }
    if (matches.size() > 1) {
      throw new KustomizeException(k.file(), where + ": the patch for " + kind + " '" + name
          + "' matches several objects: " + matches);
    }
    KObject o = matches.get(0);
    Map<String, Object> p = KustomizeBuild.deepCopy(patch);
    if (p.get("metadata") instanceof Map<?, ?> pm) {
      // Identity fields select the target; they never rename it.
      pm.remove("name");
      pm.remove("namespace");
    }
    applyTo(k, where, o, p, objects);
  }

  private static void applyTo(Kustomization k, String where, KObject o, Map<String, Object> patch,
      List<KObject> objects) {
    if (StrategicMergePatch.deletesObject(patch)) {
      for (Iterator<KObject> it = objects.iterator(); it.hasNext();) {
        if (it.next() == o) {
          it.remove();
        }
      }
      return;
    }
    try {
      o.replaceTree(StrategicMergePatch.apply(o.tree(), patch, o.apiVersion(), o.kind()));
    } catch (StrategicMergePatch.PatchException e) {
      throw new KustomizeException(k.file(), where + " on " + o + ": " + e.getMessage(), e);
    }
  }

  private static String load(Kustomization k, Snapshot snapshot, String path) {
    return new String(KustomizeFiles.read(k, snapshot, path, "patch"), StandardCharsets.UTF_8);
  }

  private static Object parseOne(Kustomization k, String where, String text) {
    List<YamlDocuments.Document> docs = parse(k, where, text);
    return docs.size() == 1 ? docs.get(0).value() : null;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> documents(Kustomization k, String where, String text) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (YamlDocuments.Document d : parse(k, where, text)) {
      if (d.value() == null) {
        continue;
      }
      if (!(d.value() instanceof Map<?, ?> m)) {
        throw new KustomizeException(k.file(), where + ": a strategic merge patch must be a mapping");
      }
      out.add(KustomizeBuild.deepCopy((Map<String, Object>) m));
    }
    return out;
  }

  private static List<YamlDocuments.Document> parse(Kustomization k, String where, String text) {
    String file = where.equals("inline patch") ? k.file() : KustomizeFiles.join(k, k.dir(), where);
    return KustomizeFiles.parseYaml(file, text.getBytes(StandardCharsets.UTF_8));
  }
}
