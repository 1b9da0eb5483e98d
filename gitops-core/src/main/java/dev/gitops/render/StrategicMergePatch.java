package dev.gitops.render;

import dev.gitops.render.BuiltinMergeKeys.FieldStrategy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A strategic merge patch, as Kustomize applies it: maps merge key by key (a null value deletes),
 * lists with patch strategy {@code merge} merge element by element by their merge keys (patch
 * elements first, in patch order, then the remaining original ones) or, for lists of scalars, as
 * a set; other lists are replaced. Supports the directive {@code $patch: replace|delete|merge}.
 * Like kustomize (whose merge is kyaml's, not the API server's), it treats
 * {@code $setElementOrder/<field>}, {@code $deleteFromPrimitiveList/<field>} and
 * {@code $retainKeys} as ordinary fields and copies them, and ignores the {@code retainKeys}
 * and {@code replace} strategies of maps; package-private.
 *
 * <p>Patch strategies and merge keys come from the built-in schema ({@link BuiltinMergeKeys}),
 * by the field's path from the object's root; like kustomize, which has no schema for other
 * types, every list of a custom resource is replaced.
 */
final class StrategicMergePatch {
  private static final String PATCH = "$patch";

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
   * @param fields the patch strategies of the object's fields by path, as
   *     {@link BuiltinMergeKeys#forKind} gives them (empty: every list is replaced)
   */
  static Map<String, Object> apply(Map<String, Object> target, Map<String, Object> patch,
      Map<String, FieldStrategy> fields) {
    return new Merger(fields).mergeMap(target, patch, "");
  }

  /** Applies {@code patch} to an object of the given type, with the built-in schema's merge keys. */
  static Map<String, Object> apply(Map<String, Object> target, Map<String, Object> patch, String apiVersion,
      String kind) {
    return apply(target, patch, BuiltinMergeKeys.forKind(apiVersion, kind));
  }

  /** One merge: the patch strategies of the object's fields by path. */
  private record Merger(Map<String, FieldStrategy> fields) {
    @SuppressWarnings("unchecked")
    private Map<String, Object> mergeMap(Map<String, Object> target, Map<String, Object> patch, String path) {
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
        String fieldPath = path.isEmpty() ? key : path + "." + key;
        Object tv = target.get(key);
        if (pv instanceof Map<?, ?> pm) {
          Map<String, Object> pmap = (Map<String, Object>) pm;
          if ("delete".equals(pmap.get(PATCH))) {
            target.remove(key);
          } else if (tv instanceof Map<?, ?> tm) {
            target.put(key, mergeMap((Map<String, Object>) tm, pmap, fieldPath));
          } else {
            target.put(key, mergeMap(new LinkedHashMap<>(), pmap, fieldPath));
          }
        } else if (pv instanceof List<?> pl) {
          target.put(key, mergeList(fieldPath, tv instanceof List<?> tl ? (List<Object>) tl : null,
              (List<Object>) pl));
        } else {
          target.put(key, pv);
        }
      }
      return target;
    }

    private List<Object> mergeList(String path, List<Object> target, List<Object> patch) {
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
      FieldStrategy strategy = fields.get(path);
      if (strategy == null || !strategy.merges()) {
        return stripAll(patch);
      }
      List<Object> all = new ArrayList<>(target);
      all.addAll(patch);
      all.removeIf(x -> x instanceof Map<?, ?> m && m.containsKey(PATCH) && m.size() == 1);
      if (strategy.keys().isEmpty()) {
        if (all.stream().anyMatch(x -> x instanceof Map || x instanceof List)) {
          return stripAll(patch);
        }
        // A merged list of scalars (finalizers): patch values first, then the others.
        Set<Object> union = new LinkedHashSet<>(patch);
        union.addAll(target);
        return new ArrayList<>(union);
      }
      if (all.isEmpty() || !all.stream().allMatch(x -> x instanceof Map)) {
        return stripAll(patch);
      }
      return mergeByKeys(path, strategy.keys(), target, patch);
    }

    @SuppressWarnings("unchecked")
    private List<Object> mergeByKeys(String path, List<String> keys, List<Object> target, List<Object> patch) {
      for (Object p : patch) {
        if (!((Map<String, Object>) p).containsKey(keys.get(0))) {
          throw new PatchException("element of list '" + lastName(path) + "' has no merge key '" + keys.get(0) + "'");
        }
      }
      // As kyaml: list map keys no element has a value for do not count.
      List<Object> all = new ArrayList<>(target);
      all.addAll(patch);
      List<String> valid = keys.stream().filter(k -> all.stream().anyMatch(x -> !value(x, k).isEmpty())).toList();
      return valid.size() > 1 ? mergeByTuple(path, valid, target, patch) : mergeByKey(path, keys.get(0), target, patch);
    }

    /** One merge key: patch elements first, in patch order, then the remaining original ones. */
    @SuppressWarnings("unchecked")
    private List<Object> mergeByKey(String path, String key, List<Object> target, List<Object> patch) {
      List<Object> out = new ArrayList<>();
      List<Object> rest = new ArrayList<>(target);
      for (Object p : patch) {
        Map<String, Object> pmap = (Map<String, Object>) p;
        Map<String, Object> match = null;
        for (Object t : rest) {
          if (value(t, key).equals(value(pmap, key))) {
            match = (Map<String, Object>) t;
            break;
          }
        }
        if (match != null) {
          rest.remove(match);
        }
        if (!"delete".equals(pmap.get(PATCH))) {
          out.add(mergeMap(match == null ? new LinkedHashMap<>() : match, pmap, path));
        }
      }
      out.addAll(rest);
      return out;
    }

    /**
     * Several list map keys (a port and its protocol), as kyaml merges them: a patch element
     * merges into the original element with the same values; new elements come first, then the
     * original ones in their order. A patch element whose values differ from an original's only
     * by a value missing on one side (a port without its protocol) is dropped, as kyaml drops it.
     */
    @SuppressWarnings("unchecked")
    private List<Object> mergeByTuple(String path, List<String> keys, List<Object> target, List<Object> patch) {
      List<Object> added = new ArrayList<>();
      List<Object> originals = new ArrayList<>(target);
      for (Object p : patch) {
        Map<String, Object> pmap = (Map<String, Object>) p;
        List<String> values = values(pmap, keys);
        int same = -1;
        boolean near = false;
        for (int i = 0; i < originals.size(); i++) {
          List<String> other = originals.get(i) == null ? null : values(originals.get(i), keys);
          if (values.equals(other)) {
            same = i;
            break;
          }
          near |= other != null && compatible(values, other);
        }
        boolean delete = "delete".equals(pmap.get(PATCH));
        if (same >= 0) {
          originals.set(same, delete ? null : mergeMap((Map<String, Object>) originals.get(same), pmap, path));
        } else if (!near && !delete) {
          added.removeIf(a -> values(a, keys).equals(values));
          added.add(mergeMap(new LinkedHashMap<>(), pmap, path));
        }
      }
      originals.removeIf(Objects::isNull);
      added.addAll(originals);
      return added;
    }
  }

  /** A list element's value for a key as kyaml compares it: its text, empty when absent. */
  private static String value(Object element, String key) {
    Object v = element instanceof Map<?, ?> m ? m.get(key) : null;
    return v == null ? "" : v.toString();
  }

  private static List<String> values(Object element, List<String> keys) {
    return keys.stream().map(k -> value(element, k)).toList();
  }

  /** Values that differ only where one side has none. */
  private static boolean compatible(List<String> a, List<String> b) {
    for (int i = 0; i < a.size(); i++) {
      if (!a.get(i).equals(b.get(i)) && !a.get(i).isEmpty() && !b.get(i).isEmpty()) {
        return false;
      }
    }
    return true;
  }

  private static String lastName(String path) {
    return path.substring(path.lastIndexOf('.') + 1);
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
