package dev.gitops.cluster;

import dev.gitops.cluster.SchemaModel.FieldDef;
import dev.gitops.cluster.SchemaModel.TypeDef;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Loads the bundled merge facts of built-in kinds ({@code builtin-schema.json}); package-private. */
final class BuiltinSchema {
  static final String OBJECT_META = "ObjectMeta";
  private static final SchemaModel MODEL = load(Json.resource("builtin-schema.json"));

  private BuiltinSchema() {}

  static SchemaModel model() {
    return MODEL;
  }

  /** The ObjectMeta type, which custom resources share with built-in kinds. */
  static TypeDef objectMeta() {
    return MODEL.type(OBJECT_META).orElseThrow();
  }

  static SchemaModel load(Map<String, Object> data) {
    String defaultKind = (String) data.get("defaultKind");
    Map<String, String> kinds = new HashMap<>();
    ((Map<?, ?>) data.get("kinds")).forEach((k, v) -> kinds.put((String) k, (String) v));
    Map<String, TypeDef> types = new HashMap<>();
    ((Map<?, ?>) data.get("types")).forEach((name, def) -> {
      boolean rootType = name.equals(defaultKind) || kinds.containsValue(name);
      types.put((String) name, typeDef((String) name, (Map<?, ?>) def, rootType));
    });
    return new SchemaModel(types, kinds, defaultKind);
  }

  private static TypeDef typeDef(String name, Map<?, ?> def, boolean rootType) {
    Map<String, FieldDef> fields = new LinkedHashMap<>();
    boolean atomic = false;
    for (Map.Entry<?, ?> e : def.entrySet()) {
      String field = (String) e.getKey();
      if (field.equals("$atomic")) {
        atomic = Boolean.TRUE.equals(e.getValue());
        continue;
      }
      fields.put(field, fieldDef(name + "." + field, (Map<?, ?>) e.getValue()));
    }
    if (rootType) {
      // Every kind has ObjectMeta at metadata.
      fields.putIfAbsent("metadata", new FieldDef(null, false, OBJECT_META));
    }
    return new TypeDef(fields, null, atomic);
  }

  private static FieldDef fieldDef(String where, Map<?, ?> def) {
    Object list = def.get("list");
    ListType listType;
    if (list == null) {
      listType = null;
    } else if (list instanceof List<?> keys) {
      listType = new ListType(ListType.Kind.MAP, keys.stream().map(String::valueOf).toList());
    } else if ("set".equals(list)) {
      listType = ListType.set();
    } else if ("atomic".equals(list)) {
      listType = ListType.atomic();
    } else {
      throw new IllegalStateException("builtin-schema.json: bad list type at " + where + ": " + list);
    }
    return new FieldDef(listType, "atomic".equals(def.get("map")), (String) def.get("type"));
  }
}
