package dev.gitops.cluster;

import dev.gitops.cluster.SchemaModel.FieldDef;
import dev.gitops.cluster.SchemaModel.TypeDef;
import dev.gitops.model.ObjectTree;
import dev.gitops.model.SourceLocation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link SchemaModel} from Kubernetes OpenAPI v3 documents (as served under
 * {@code /openapi/v3/...}) or from a CustomResourceDefinition's {@code openAPIV3Schema}. Reads
 * {@code x-kubernetes-list-type}, {@code x-kubernetes-list-map-keys},
 * {@code x-kubernetes-map-type} and {@code x-kubernetes-group-version-kind}; lists with only the
 * older {@code x-kubernetes-patch-strategy: merge} become map lists keyed by their
 * {@code x-kubernetes-patch-merge-key} (sets without one), as the API server's converter does.
 * Follows {@code $ref} and single-{@code $ref} {@code allOf}. Package-private.
 */
final class OpenApiSchemaLoader {
  private static final String REF_PREFIX = "#/components/schemas/";
  private final Map<String, TypeDef> types = new HashMap<>();
  private final Map<String, String> kinds = new HashMap<>();
  private final Map<String, String> kindVersions = new HashMap<>();
  /**
   * Whether the schema is a custom resource's: only those keep their {@code default}s, which the
   * API server defaults from, and their {@code nullable}s, which it keeps nulls of.
   */
  private final boolean customResource;
  private int anonymous;

  private OpenApiSchemaLoader(boolean customResource) {
    this.customResource = customResource;
  }

  /**
   * A table from OpenAPI v3 documents. When several documents describe one group and kind, the
   * version Kubernetes prefers wins.
   *
   * @throws IllegalArgumentException if a document has no {@code components.schemas}
   */
  static SchemaModel fromDocuments(List<? extends Map<String, ?>> documents) {
    OpenApiSchemaLoader loader = new OpenApiSchemaLoader(false);
    for (Map<String, ?> doc : documents) {
      loader.addDocument(doc);
    }
    return new SchemaModel(loader.types, loader.kinds, null);
  }

  /**
   * A table for one custom resource kind from its structural schema; {@code metadata} gets the
   * ObjectMeta semantics every kind shares, whatever the schema says about it. Keeps the schema's
   * {@code default}s ({@link SchemaTable#defaults}) and {@code nullable}s ({@link SchemaTable#isNullable}).
   */
  static SchemaModel fromCustomResource(String group, String kind, Map<?, ?> openApiV3Schema, TypeDef objectMeta) {
    OpenApiSchemaLoader loader = new OpenApiSchemaLoader(true);
    TypeDef root = loader.typeOf(openApiV3Schema, Map.of());
    Map<String, FieldDef> fields = new LinkedHashMap<>(root.fields());
    fields.put("metadata", new FieldDef(null, false, BuiltinSchema.OBJECT_META));
    loader.types.put(BuiltinSchema.OBJECT_META, objectMeta);
    loader.types.put("#root", new TypeDef(fields, root.other(), root.atomic(), root.defaults()));
    loader.kinds.put(SchemaModel.kindKey(group, kind), "#root");
    return new SchemaModel(loader.types, loader.kinds, null);
  }

  private void addDocument(Map<String, ?> doc) {
    if (!(doc.get("components") instanceof Map<?, ?> components)
        || !(components.get("schemas") instanceof Map<?, ?> schemas)) {
      throw new IllegalArgumentException("not an OpenAPI v3 document: it has no components.schemas");
    }
    for (Map.Entry<?, ?> e : schemas.entrySet()) {
      String name = String.valueOf(e.getKey());
      if (!(e.getValue() instanceof Map<?, ?> schema) || types.containsKey(name)) {
        continue;
      }
      types.put(name, typeOf(schema, schemas));
      if (schema.get("x-kubernetes-group-version-kind") instanceof List<?> gvks) {
        for (Object o : gvks) {
          if (o instanceof Map<?, ?> gvk) {
            registerKind(string(gvk.get("group")), string(gvk.get("version")), string(gvk.get("kind")), name);
          }
        }
      }
    }
  }

  private void registerKind(String group, String version, String kind, String typeName) {
    String key = SchemaModel.kindKey(group, kind);
    String known = kindVersions.get(key);
    if (known == null || KubeVersions.PRIORITY.compare(version, known) < 0) {
      kinds.put(key, typeName);
      kindVersions.put(key, version);
    }
  }

  private TypeDef typeOf(Map<?, ?> schema, Map<?, ?> schemas) {
    Map<?, ?> s = flatten(schema);
    Map<String, FieldDef> fields = new LinkedHashMap<>();
    if (s.get("properties") instanceof Map<?, ?> props) {
      for (Map.Entry<?, ?> p : props.entrySet()) {
        if (p.getValue() instanceof Map<?, ?> ps) {
          fields.put(String.valueOf(p.getKey()), fieldOf(ps, schemas));
        }
      }
    }
    FieldDef other = s.get("additionalProperties") instanceof Map<?, ?> ap ? fieldOf(ap, schemas) : null;
    return new TypeDef(fields, other, "atomic".equals(s.get("x-kubernetes-map-type")));
  }

  private FieldDef fieldOf(Map<?, ?> schema, Map<?, ?> schemas) {
    Map<?, ?> s = flatten(schema);
    if ("array".equals(s.get("type")) || s.get("items") instanceof Map<?, ?>) {
      Map<?, ?> items = s.get("items") instanceof Map<?, ?> i ? flatten(i) : Map.of();
      String itemType = valueType(items, schemas);
      boolean itemAtomic = "atomic".equals(items.get("x-kubernetes-map-type"));
      return new FieldDef(listType(s), itemAtomic, itemType, defaultOf(s), nullableOf(s));
    }
    return new FieldDef(null, "atomic".equals(s.get("x-kubernetes-map-type")), valueType(s, schemas), defaultOf(s),
        nullableOf(s));
  }

  /** Whether a custom resource's field keeps its nulls; built-in kinds' documents are not asked. */
  private boolean nullableOf(Map<?, ?> s) {
    return customResource && Boolean.TRUE.equals(s.get("nullable"));
  }

  private Object defaultOf(Map<?, ?> s) {
    Object value = s.get("default");
    if (!customResource || value == null) {
      return null;
    }
    return ObjectTree.freezeValue(value, SourceLocation.unknown());
  }

  /** The type name of a value schema: its $ref, or a new anonymous type for inline objects. */
  private String valueType(Map<?, ?> s, Map<?, ?> schemas) {
    String ref = refName(s);
    if (ref != null) {
      return ref;
    }
    if (s.get("properties") instanceof Map<?, ?> || s.get("additionalProperties") instanceof Map<?, ?>) {
      String name = "#anonymous-" + (++anonymous);
      types.put(name, typeOf(s, schemas));
      return name;
    }
    return null;
  }

  private static ListType listType(Map<?, ?> s) {
    Object type = s.get("x-kubernetes-list-type");
    if ("atomic".equals(type)) {
      return ListType.atomic();
    }
    if ("set".equals(type)) {
      return ListType.set();
    }
    if ("map".equals(type)) {
      List<String> keys = strings(s.get("x-kubernetes-list-map-keys"));
      return keys.isEmpty() ? ListType.atomic() : new ListType(ListType.Kind.MAP, keys);
    }
    if (String.valueOf(s.get("x-kubernetes-patch-strategy")).contains("merge")) {
      Object key = s.get("x-kubernetes-patch-merge-key");
      return key == null ? ListType.set() : ListType.map(String.valueOf(key));
    }
    return null;
  }

  /**
   * The schema with a single-$ref allOf folded in: {@code {allOf: [{$ref: X}], x-...: y}} becomes
   * {@code {$ref: X, x-...: y}}, keeping the property's own extensions.
   */
  private static Map<?, ?> flatten(Map<?, ?> s) {
    if (s.get("allOf") instanceof List<?> all && all.size() == 1 && all.get(0) instanceof Map<?, ?> only) {
      Map<Object, Object> out = new LinkedHashMap<>(only);
      s.forEach((k, v) -> {
        if (!"allOf".equals(k)) {
          out.putIfAbsent(k, v);
        }
      });
      return out;
    }
    return s;
  }

  private static String refName(Map<?, ?> s) {
    if (s.get("$ref") instanceof String ref && ref.startsWith(REF_PREFIX)) {
      return ref.substring(REF_PREFIX.length()).replace("~1", "/").replace("~0", "~");
    }
    return null;
  }

  private static List<String> strings(Object o) {
    List<String> out = new ArrayList<>();
    if (o instanceof List<?> l) {
      l.forEach(x -> out.add(String.valueOf(x)));
    }
    return out;
  }

  private static String string(Object o) {
    return o == null ? "" : String.valueOf(o);
  }
}
