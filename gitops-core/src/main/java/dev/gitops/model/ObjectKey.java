package dev.gitops.model;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * Identity of a Kubernetes object: API group, kind, namespace and name. The version part of an
 * apiVersion is deliberately not part of identity: {@code apps/v1} and {@code apps/v1beta2}
 * Deployments with the same name are the same object.
 *
 * @param group API group, empty for the core group
 * @param kind object kind, for example {@code Deployment}
 * @param namespace namespace, empty for cluster-scoped objects
 * @param name object name
 */
public record ObjectKey(String group, String kind, String namespace, String name)
    implements Comparable<ObjectKey> {

  public ObjectKey {
    requireNonNull(group, "group");
    requireNonNull(kind, "kind");
    requireNonNull(namespace, "namespace");
    requireNonNull(name, "name");
    if (kind.isEmpty()) {
      throw new IllegalArgumentException("kind must not be empty");
    }
    if (name.isEmpty()) {
      throw new IllegalArgumentException("name must not be empty (kind " + kind + ")");
    }
  }

  /** Builds a key from an apiVersion such as {@code apps/v1} or {@code v1}; null namespace means cluster-scoped. */
  public static ObjectKey of(String apiVersion, String kind, @Nullable String namespace, String name) {
    return new ObjectKey(groupOf(apiVersion), kind, namespace == null ? "" : namespace, name);
  }

  /** The group part of an apiVersion: {@code apps/v1 -> apps}, {@code v1 -> ""}. */
  public static String groupOf(String apiVersion) {
    requireNonNull(apiVersion, "apiVersion");
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }

  public boolean isNamespaced() {
    return !namespace.isEmpty();
  }

  // compareTo, equals and hashCode are written out: a record's generated ones and a comparator
  // chain bootstrap method handles on first use, tens of milliseconds of a command-line render.
  @Override
  public int compareTo(ObjectKey other) {
    int c = group.compareTo(other.group);
    if (c == 0) {
      c = kind.compareTo(other.kind);
    }
    if (c == 0) {
      c = namespace.compareTo(other.namespace);
    }
    return c != 0 ? c : name.compareTo(other.name);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o == this || o instanceof ObjectKey k && name.equals(k.name) && kind.equals(k.kind)
        && namespace.equals(k.namespace) && group.equals(k.group);
  }

  @Override
  public int hashCode() {
    return ((group.hashCode() * 31 + kind.hashCode()) * 31 + namespace.hashCode()) * 31 + name.hashCode();
  }

  /** {@code group/Kind namespace/name}, or {@code Kind name} for core cluster-scoped objects. */
  @Override
  public String toString() {
    String gk = group.isEmpty() ? kind : group + "/" + kind;
    return gk + " " + (namespace.isEmpty() ? name : namespace + "/" + name);
  }
}
