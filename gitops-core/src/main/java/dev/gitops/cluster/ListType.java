package dev.gitops.cluster;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * How a list field merges, as Kubernetes' {@code x-kubernetes-list-type} and
 * {@code x-kubernetes-list-map-keys} say.
 *
 * @param kind atomic, set or map
 * @param keys for {@link Kind#MAP}: the item fields that identify an item (for example
 *     {@code [containerPort, protocol]}); empty otherwise
 */
public record ListType(Kind kind, List<String> keys) {
  /** List merge kinds. */
  public enum Kind {
    /** Replaced as a whole. */
    ATOMIC,
    /** Items are scalars, merged as a set. */
    SET,
    /** Items are objects, merged by their keys. */
    MAP
  }

  public ListType {
    requireNonNull(kind, "kind");
    keys = List.copyOf(keys);
    if (kind == Kind.MAP && keys.isEmpty()) {
      throw new IllegalArgumentException("a map list needs keys");
    }
    if (kind != Kind.MAP && !keys.isEmpty()) {
      throw new IllegalArgumentException(kind + " lists have no keys");
    }
  }

  public static ListType atomic() {
    return new ListType(Kind.ATOMIC, List.of());
  }

  public static ListType set() {
    return new ListType(Kind.SET, List.of());
  }

  public static ListType map(String... keys) {
    return new ListType(Kind.MAP, List.of(keys));
  }
}
