package dev.gitops.model;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One Kubernetes object as declared: an immutable object tree, its {@link ObjectKey} and the place
 * in the snapshot it came from.
 *
 * <p>The tree is made of {@code Map<String, Object>} (insertion ordered), {@code List<Object>},
 * {@code String}, {@code Boolean}, {@code Long}, {@code Double}, {@code java.math.BigInteger},
 * {@code java.math.BigDecimal} and {@code null}; every map and list in it is unmodifiable.
 */
public final class Manifest {
  private final Map<String, Object> object;
  private final ObjectKey key;
  private final SourceLocation source;

  private Manifest(Map<String, Object> object, SourceLocation source) {
    this.object = object;
    this.source = requireNonNull(source, "source");
    String apiVersion = string(object, "apiVersion");
    String kind = string(object, "kind");
    if (apiVersion == null || apiVersion.isEmpty() || kind == null || kind.isEmpty()) {
      throw new InvalidManifestException(source, "object has no apiVersion or kind");
    }
    Object metadata = object.get("metadata");
    String name = metadata instanceof Map<?, ?> m ? asString(m.get("name")) : null;
    String namespace = metadata instanceof Map<?, ?> m ? asString(m.get("namespace")) : null;
    if (name == null || name.isEmpty()) {
      throw new InvalidManifestException(source, kind + " has no metadata.name");
    }
    this.key = ObjectKey.of(apiVersion, kind, namespace, name);
  }

  /**
   * Makes a manifest from an object tree, copying it deeply.
   *
   * @throws InvalidManifestException if apiVersion, kind or metadata.name is missing, or the tree
   *     holds a value of an unsupported type
   */
  public static Manifest of(Map<String, ?> object, SourceLocation source) {
    requireNonNull(object, "object");
    return new Manifest(ObjectTree.freeze(object, source), source);
  }

  public ObjectKey key() {
    return key;
  }

  public SourceLocation source() {
    return source;
  }

  /** The whole object, unmodifiable. */
  public Map<String, Object> object() {
    return object;
  }

  public String apiVersion() {
    return (String) object.get("apiVersion");
  }

  public String kind() {
    return key.kind();
  }

  public String name() {
    return key.name();
  }

  /** The namespace, empty (never null) when not set, as for cluster-scoped objects. */
  public String namespace() {
    return key.namespace();
  }

  public Map<String, String> labels() {
    return stringMap("labels");
  }

  public Map<String, String> annotations() {
    return stringMap("annotations");
  }

  /** Value at a path of map keys, for example {@code get("spec", "replicas")}. */
  public Optional<Object> get(String... path) {
    return ObjectTree.get(object, path);
  }

  /** A deep, mutable copy of the object tree, for transformations that build a new manifest. */
  public Map<String, Object> toMutableMap() {
    return ObjectTree.thaw(object);
  }

  /** A manifest with the same source location and another object tree. */
  public Manifest withObject(Map<String, ?> newObject) {
    return of(newObject, source);
  }

  private Map<String, String> stringMap(String field) {
    Object metadata = object.get("metadata");
    if (metadata instanceof Map<?, ?> m && m.get(field) instanceof Map<?, ?> values) {
      Map<String, String> out = new LinkedHashMap<>();
      values.forEach((k, v) -> out.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
      return Collections.unmodifiableMap(out);
    }
    return Map.of();
  }

  private static String string(Map<String, Object> m, String field) {
    return asString(m.get(field));
  }

  private static String asString(Object o) {
    return o instanceof String s ? s : null;
  }

  /** Equal when the object trees are equal; the source location is not part of equality. */
  @Override
  public boolean equals(Object o) {
    return o instanceof Manifest other && object.equals(other.object);
  }

  @Override
  public int hashCode() {
    return object.hashCode();
  }

  @Override
  public String toString() {
    return key + " (" + source + ")";
  }
}
