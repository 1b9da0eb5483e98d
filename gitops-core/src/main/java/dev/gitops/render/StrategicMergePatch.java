package dev.gitops.render;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A strategic merge patch, as Kustomize applies it: maps merge key by key (a null value deletes),
 * lists of objects with a merge key merge element by element (patch elements first, in patch
 * order, then the remaining original ones), other lists are replaced. Supports the directive
 * {@code $patch: replace|delete|merge}. Like kustomize (whose merge is kyaml's, not the API
 * server's), it treats {@code $setElementOrder/<field>}, {@code $deleteFromPrimitiveList/<field>}
 * and {@code $retainKeys} as ordinary fields and copies them; package-private.
 *
 * <p>Merge keys come from a small table of Kubernetes list fields and apply only to built-in
 * Kubernetes types; like kustomize, which has no schema for other types, every list of a custom
 * resource is replaced.
 */
final class StrategicMergePatch {
  private static final String PATCH = "$patch";

  /** Merge keys of Kubernetes list fields (as of the Kubernetes 1.21 schema kustomize uses), by field name. */
  static final Map<String, String> MERGE_KEYS = Map.ofEntries(
      Map.entry("containers", "name"),
      Map.entry("initContainers", "name"),
      Map.entry("ephemeralContainers", "name"),
      Map.entry("env", "name"),
      Map.entry("volumes", "name"),
      Map.entry("volumeMounts", "mountPath"),
      Map.entry("volumeDevices", "devicePath"),
      Map.entry("imagePullSecrets", "name"),
      Map.entry("hostAliases", "ip"),
      Map.entry("topologySpreadConstraints", "topologyKey"),
      Map.entry("conditions", "type"),
      Map.entry("addresses", "type"),
      Map.entry("secrets", "name"),
      Map.entry("drivers", "name"),
      Map.entry("ownerReferences", "uid"),
      Map.entry("webhooks", "name"));
  /** Lists of scalars whose patch values are added rather than replacing the list. */
  static final Set<String> MERGED_PRIMITIVE_LISTS = Set.of("finalizers");

  private StrategicMergePatch() {}

  /** Thrown for a malformed patch; the caller adds the file. */
  static final class PatchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PatchException(String message) {
      super(message);
    }
  }

  /** Whether the patch asks to delete the whole object ({@code $patch: delete} at the top). */
  static boolean deletesObject(Map<String, Object> patch) {
    return "delete".equals(patch.get(PATCH));
  }

  /**
   * Applies {@code patch} to {@code target} (modified in place); returns the result.
   *
   * @param builtIn whether the object is of a built-in Kubernetes type, whose lists merge by key
   */
  static Map<String, Object> apply(Map<String, Object> target, Map<String, Object> patch, boolean builtIn) {
    return new StrategicMergePatch.Merger(builtIn).mergeMap(target, patch);
  }

  /** Whether kustomize knows an apiVersion's schema: the core group and the *.k8s.io groups. */
  static boolean isBuiltIn(String apiVersion) {
    String group = dev.gitops.model.ObjectKey.groupOf(apiVersion);
    return group.isEmpty() || !group.contains(".") || group.endsWith(".k8s.io");
  }

  /** One merge: whether list merge keys apply. */
  private record Merger(boolean builtIn) {
    @SuppressWarnings("unchecked")
    private Map<String, Object> mergeMap(Map<String, Object> target, Map<String, Object> patch) {
      Object directive = patch.get(PATCH);
      if ("replace".equals(directive)) {
        Map<String, Object> out = new LinkedHashMap<>();
        patch.forEach((k, v) -> {
          if (!k.equals(PATCH)) {
            out.put(k, stripDirectives(v));
          }
        });
        return out;
      }
      if (directive != null && !"merge".equals(directive)) {
        throw new PatchException("unknown $patch directive '" + directive + "' in a map");
      }
      for (Map.Entry<String, Object> e : patch.entrySet()) {
        String key = e.getKey();
        Object pv = e.getValue();
        if (key.equals(PATCH)) {
          continue;
        }
        if (pv == null) {
          target.remove(key);
          continue;
        }
        Object tv = target.get(key);
        if (pv instanceof Map<?, ?> pm) {
          Map<String, Object> pmap = (Map<String, Object>) pm;
          if ("delete".equals(pmap.get(PATCH))) {
            target.remove(key);
          } else if (tv instanceof Map<?, ?> tm) {
            target.put(key, mergeMap((Map<String, Object>) tm, pmap));
          } else {
            target.put(key, mergeMap(new LinkedHashMap<>(), pmap));
          }
        } else if (pv instanceof List<?> pl) {
          target.put(key, mergeList(key, tv instanceof List<?> tl ? (List<Object>) tl : null,
              (List<Object>) pl));
        } else {
          target.put(key, pv);
        }
      }
      return target;
    }

    @SuppressWarnings("unchecked")
    private List<Object> mergeList(String field, List<Object> target, List<Object> patch) {
      // A {$patch: replace} element replaces the list with the patch's other elements.
      boolean replace = patch.stream().anyMatch(
          x -> x instanceof Map<?, ?> m && "replace".equals(m.get(PATCH)) && m.size() == 1);
      if (replace || target == null) {
        List<Object> out = new ArrayList<>();
        for (Object x : patch) {
          boolean directiveOnly = x instanceof Map<?, ?> m && m.containsKey(PATCH) && m.size() == 1;
          boolean deleted = x instanceof Map<?, ?> m && "delete".equals(m.get(PATCH));
          if (!directiveOnly && !deleted) {
            out.add(stripDirectives(x));
          }
        }
        return out;
      }
      String key = mergeKey(field, target, patch);
      if (key == null) {
        if (builtIn && MERGED_PRIMITIVE_LISTS.contains(field)) {
          Set<Object> union = new LinkedHashSet<>(patch);
          union.addAll(target);
          return new ArrayList<>(union);
        }
        return new ArrayList<>(stripAll(patch));
      }
      List<Object> out = new ArrayList<>();
      List<Object> rest = new ArrayList<>(target);
      for (Object p : patch) {
        if (!(p instanceof Map<?, ?> pm) || !pm.containsKey(key)) {
          throw new PatchException("element of list '" + field + "' has no merge key '" + key + "'");
        }
        Map<String, Object> pmap = (Map<String, Object>) pm;
        Map<String, Object> match = null;
        for (Object t : rest) {
          if (t instanceof Map<?, ?> tm && java.util.Objects.equals(tm.get(key), pmap.get(key))) {
            match = (Map<String, Object>) tm;
            break;
          }
        }
        if (match != null) {
          rest.remove(match);
        }
        if ("delete".equals(pmap.get(PATCH))) {
          continue;
        }
        out.add(match == null ? mergeMap(new LinkedHashMap<>(), pmap) : mergeMap(match, pmap));
      }
      out.addAll(rest);
      return out;
    }

    /** The merge key of a list of objects, or null when the list is replaced or holds scalars. */
    private String mergeKey(String field, List<Object> target, List<Object> patch) {
      if (!builtIn) {
        return null;
      }
      List<Object> all = new ArrayList<>(target);
      all.addAll(patch);
      all.removeIf(x -> x instanceof Map<?, ?> m && m.containsKey(PATCH) && m.size() == 1);
      if (all.isEmpty() || !all.stream().allMatch(x -> x instanceof Map)) {
        return null;
      }
      String known = MERGE_KEYS.get(field);
      if (field.equals("ports")) {
        known = all.stream().allMatch(x -> ((Map<?, ?>) x).containsKey("containerPort"))
            ? "containerPort" : "port";
      }
      return known;
    }
  }

  private static List<Object> stripAll(List<Object> l) {
    List<Object> out = new ArrayList<>();
    l.forEach(x -> out.add(stripDirectives(x)));
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Object stripDirectives(Object v) {
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      ((Map<String, Object>) m).forEach((k, x) -> {
        if (!k.equals(PATCH)) {
          out.put(k, stripDirectives(x));
        }
      });
      return out;
    }
    if (v instanceof List<?> l) {
      return stripAll((List<Object>) l);
    }
    return v;
  }
}
