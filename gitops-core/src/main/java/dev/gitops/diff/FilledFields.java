package dev.gitops.diff;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields the normalizers filled into a desired copy, collected while they run. The built-in
 * ones report object paths ({@link #at}), which locate a field's map without parsing a pointer;
 * pointers (and reasons) are spelled only when asked for, since the in-sync check, which most
 * diffs take, needs the maps and field names alone.
 */
final class FilledFields implements Normalizer.Filled {
  private final boolean spell;
  /** By JSON pointer, the reason; null unless spelled. */
  private final Map<String, String> byPointer;
  /** Object paths (field names and list indexes) of the fields reported by path. */
  private final List<List<Object>> paths = new ArrayList<>();
  /** Pointers of the fields reported by pointer, by normalizers not our own. */
  private final List<String> pointers = new ArrayList<>();

  /** @param spell whether to keep every field's pointer and reason ({@link #byPointer()}) */
  FilledFields(boolean spell) {
    this.spell = spell;
    this.byPointer = spell ? new HashMap<>() : null;
  }

  /** Whether pointers and reasons are kept: a reporter may skip making a reason otherwise. */
  boolean spelled() {
    return spell;
  }

  @Override
  public void filled(String pointer, String reason) {
    if (spell) {
      byPointer.put(pointer, reason);
    }
    pointers.add(pointer);
  }

  /**
   * A field filled in at an object path.
   *
   * @param path from the root: field names ({@link String}) and list indexes ({@link Integer}), not modified later
   * @param reason for people; may be null when not {@link #spelled()}
   */
  void at(List<Object> path, String reason) {
    if (spell) {
      byPointer.put(pointer(path), reason);
    }
    paths.add(path);
  }

  /** By pointer, the reason of each filled field; null when not spelled. */
  Map<String, String> byPointer() {
    return byPointer;
  }

  /**
   * The filled fields by the map holding them (identity) in the final tree: one lookup per map,
   * not per field.
   */
  Map<Map<?, ?>, List<String>> byParent(Map<String, Object> root) {
    Map<Map<?, ?>, List<String>> out = new IdentityHashMap<>();
    for (List<Object> path : paths) {
      Object parent = root;
      for (int i = 0; i < path.size() - 1 && parent != null; i++) {
        Object step = path.get(i);
        parent = parent instanceof Map<?, ?> m ? m.get(step)
            : parent instanceof List<?> l && step instanceof Integer index ? l.get(index) : null;
      }
      if (parent instanceof Map<?, ?> m && path.get(path.size() - 1) instanceof String field) {
        add(out, m, field);
      }
    }
    for (String pointer : pointers) {
      List<String> steps = Pointers.split(pointer);
      Object parent = root;
      for (int i = 0; i < steps.size() - 1 && parent != null; i++) {
        parent = parent instanceof Map<?, ?> m ? m.get(steps.get(i))
            : parent instanceof List<?> l ? l.get(Integer.parseInt(steps.get(i))) : null;
      }
      if (parent instanceof Map<?, ?> m) {
        add(out, m, steps.get(steps.size() - 1));
      }
    }
    return out;
  }

  /** A map holds a few filled fields at most: a list, not a set, of them. */
  private static void add(Map<Map<?, ?>, List<String>> out, Map<?, ?> parent, String field) {
    List<String> fields = out.computeIfAbsent(parent, k -> new ArrayList<>(4));
    if (!fields.contains(field)) {
      fields.add(field);
    }
  }

  /** The JSON pointer of an object path. */
  static String pointer(List<Object> path) {
    StringBuilder out = new StringBuilder(path.size() * 12);
    for (Object step : path) {
      out.append('/').append(step instanceof String field ? Pointers.escape(field) : step);
    }
    return out.toString();
  }
}
