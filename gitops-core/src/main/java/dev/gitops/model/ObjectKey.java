package dev.gitops.model;

import static java.util.Objects.requireNonNull;

import java.util.Comparator;
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

  private static final Comparator<ObjectKey> ORDER =
      Comparator.comparing(ObjectKey::group)
          .thenComparing(ObjectKey::kind)
          .thenComparing(ObjectKey::namespace)
          .thenComparing(ObjectKey::name);

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

  @Override
  public int compareTo(ObjectKey other) {
    return ORDER.compare(this, other);
  }

  /** {@code group/Kind namespace/name}, or {@code Kind name} for core cluster-scoped objects. */
  @Override
  public String toString() {
    String gk = group.isEmpty() ? kind : group + "/" + kind;
    return gk + " " + (namespace.isEmpty() ? name : namespace + "/" + name);
  }
}
