package dev.gitops.cluster;

import dev.gitops.model.JacksonVersions;
import dev.gitops.model.ObjectTree;
import dev.gitops.model.SourceLocation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** JSON for field path keys and the bundled data files; package-private. */
final class Json {
  static {
    JacksonVersions.requireSupported(); // before any Jackson class loads
  }

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private Json() {}

  /** Compact JSON, as FieldsV1 keys carry it. */
  static String write(Object value) {
    return MAPPER.writeValueAsString(value);
  }

  /** A JSON scalar or object, with integers as {@code Long} like {@link ObjectTree}. */
  static Object read(String json) {
    return normalize(MAPPER.readValue(json, Object.class));
  }

  /** A JSON object from a resource next to this class. */
  static Map<String, Object> resource(String name) {
    try (InputStream in = Json.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      Map<?, ?> map = MAPPER.readValue(in, Map.class);
      return ObjectTree.freeze(map, new SourceLocation(name, 0));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Object normalize(Object v) {
    if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof Map<?, ?> m) {
      return ObjectTree.freeze(m, SourceLocation.unknown());
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      l.forEach(x -> out.add(normalize(x)));
      return Collections.unmodifiableList(out);
    }
    return v;
  }
}
