package dev.gitops.cluster;

import static java.util.Objects.requireNonNull;

import dev.gitops.model.ObjectKey;
import dev.gitops.model.ObjectTree;
import dev.gitops.model.SourceLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An object as the cluster stores it: an immutable tree with server-set metadata. */
public final class LiveObject {
  private final Map<String, Object> object;
  private final ObjectKey key;

  private LiveObject(Map<String, Object> object) {
    this.object = object;
    Map<?, ?> meta = object.get("metadata") instanceof Map<?, ?> m ? m : Map.of();
    this.key = ObjectKey.of(
        String.valueOf(object.get("apiVersion")),
        String.valueOf(object.get("kind")),
        meta.get("namespace") instanceof String ns ? ns : null,
        String.valueOf(meta.get("name")));
  }

  /** A live object from a tree (copied). */
  public static LiveObject of(Map<String, ?> object) {
    requireNonNull(object, "object");
    return new LiveObject(ObjectTree.freeze(object, SourceLocation.unknown()));
  }

  public ObjectKey key() {
    return key;
  }

  /** The whole object, unmodifiable. */
  public Map<String, Object> object() {
    return object;
  }

  /** A mutable deep copy. */
  public Map<String, Object> toMutableMap() {
    return ObjectTree.thaw(object);
  }

  public String apiVersion() {
    return (String) object.get("apiVersion");
  }

  public String resourceVersion() {
    return metaString("resourceVersion");
  }

  public String uid() {
    return metaString("uid");
  }

  /** metadata.generation, 0 when absent. */
  public long generation() {
    return metadata().get("generation") instanceof Number n ? n.longValue() : 0L;
  }

  /** metadata.deletionTimestamp, if the object is being deleted. */
  public Optional<String> deletionTimestamp() {
    return Optional.ofNullable(metadata().get("deletionTimestamp")).map(String::valueOf);
  }

  public List<String> finalizers() {
    List<String> out = new ArrayList<>();
    if (metadata().get("finalizers") instanceof List<?> l) {
      l.forEach(f -> out.add(String.valueOf(f)));
    }
    return List.copyOf(out);
  }

  /** metadata.managedFields as stored. */
  public List<ManagedFields> managedFields() {
    List<ManagedFields> out = new ArrayList<>();
    if (metadata().get("managedFields") instanceof List<?> l) {
      for (Object o : l) {
        if (o instanceof Map<?, ?> m) {
          out.add(ManagedFields.fromMap(m));
        }
      }
    }
    return List.copyOf(out);
  }

  /** Value at a path of map keys. */
  public Optional<Object> get(String... path) {
    return ObjectTree.get(object, path);
  }

  private Map<?, ?> metadata() {
    return object.get("metadata") instanceof Map<?, ?> m ? m : Map.of();
  }

  private String metaString(String field) {
    Object v = metadata().get(field);
    return v == null ? "" : String.valueOf(v);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LiveObject other && object.equals(other.object);
  }

  @Override
  public int hashCode() {
    return object.hashCode();
  }

  @Override
  public String toString() {
    return key + "@" + resourceVersion();
  }
}
