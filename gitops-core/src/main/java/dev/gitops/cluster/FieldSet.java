package dev.gitops.cluster;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An immutable set of field paths, convertible to and from Kubernetes' FieldsV1 form
 * ({@code {"f:metadata": {"f:labels": {"f:app": {}}}}}). Public for the differ, which reads who
 * owns what from {@link ManagedFields#fieldsV1()}.
 */
public final class FieldSet {
  private static final FieldSet EMPTY = new FieldSet(new TreeSet<>());
  private final NavigableSet<FieldPath> paths;

  private FieldSet(NavigableSet<FieldPath> paths) {
    this.paths = Collections.unmodifiableNavigableSet(paths);
  }

  public static FieldSet empty() {
    return EMPTY;
  }

  /** A set of the given paths. */
  public static FieldSet fromPaths(Collection<FieldPath> paths) {
    return of(paths);
  }

  static FieldSet of(Collection<FieldPath> paths) {
    return paths.isEmpty() ? EMPTY : new FieldSet(new TreeSet<>(paths));
  }

  public Set<FieldPath> paths() {
    return paths;
  }

  public boolean isEmpty() {
    return paths.isEmpty();
  }

  public boolean contains(FieldPath path) {
    return paths.contains(path);
  }

  /** Whether the path or one of its ancestors is a member (an atomic ancestor owns all below it). */
  public boolean covers(FieldPath path) {
    for (FieldPath p = path; !p.isRoot(); p = p.parent()) {
      if (paths.contains(p)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the path or a path below it is a member. */
  public boolean containsAtOrBelow(FieldPath path) {
    FieldPath next = paths.ceiling(path);
    return next != null && path.isPrefixOf(next);
  }

  FieldSet union(FieldSet other) {
    if (other.isEmpty()) {
      return this;
    }
    TreeSet<FieldPath> out = new TreeSet<>(paths);
    out.addAll(other.paths);
    return new FieldSet(out);
  }

  FieldSet difference(FieldSet other) {
    if (other.isEmpty() || isEmpty()) {
      return this;
    }
    TreeSet<FieldPath> out = new TreeSet<>(paths);
    out.removeAll(other.paths);
    return new FieldSet(out);
  }

  FieldSet intersection(FieldSet other) {
    TreeSet<FieldPath> out = new TreeSet<>(paths);
    out.retainAll(other.paths);
    return out.isEmpty() ? EMPTY : new FieldSet(out);
  }

  /**
   * The FieldsV1 tree: each element becomes a key ({@code f:}, {@code k:}, {@code v:}); a path that
   * is a member and also has members below it carries {@code ".": {}}.
   */
  Map<String, Object> toFieldsV1() {
    Node root = new Node();
    for (FieldPath p : paths) {
      Node n = root;
      for (PathElement e : p.elements()) {
        n = n.children.computeIfAbsent(e, k -> new Node());
      }
      n.member = true;
    }
    return root.toMap();
  }

  /**
   * Reads a FieldsV1 tree.
   *
   * @throws IllegalArgumentException if a key is not a FieldsV1 path element
   */
  public static FieldSet fromFieldsV1(Map<?, ?> fieldsV1) {
    TreeSet<FieldPath> out = new TreeSet<>();
    read(fieldsV1, FieldPath.ROOT, out);
    return of(out);
  }

  private static void read(Map<?, ?> node, FieldPath at, Set<FieldPath> out) {
    for (Map.Entry<?, ?> e : node.entrySet()) {
      String key = String.valueOf(e.getKey());
      if (key.equals(".")) {
        if (!at.isRoot()) {
          out.add(at);
        }
        continue;
      }
      FieldPath p = at.child(PathElement.decode(key));
      if (e.getValue() instanceof Map<?, ?> child && !child.isEmpty()) {
        read(child, p, out);
      } else {
        out.add(p);
      }
    }
  }

  private static final class Node {
    final TreeMap<PathElement, Node> children = new TreeMap<>();
    boolean member;

    Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      if (member && !children.isEmpty()) {
        m.put(".", new LinkedHashMap<>());
      }
      children.forEach((e, n) -> m.put(e.encode(), n.toMap()));
      return m;
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FieldSet other && paths.equals(other.paths);
  }

  @Override
  public int hashCode() {
    return paths.hashCode();
  }

  @Override
  public String toString() {
    return paths.toString();
  }
}
