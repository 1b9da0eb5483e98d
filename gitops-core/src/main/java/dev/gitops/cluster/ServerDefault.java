package dev.gitops.cluster;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One API server default as data: in objects of some kinds, at each map a location pattern reaches
 * ({@code *} steps into every list item), a field absent from the map gets a value computed from
 * the map (most are constants; {@code imagePullPolicy} depends on the image, a Service port's
 * {@code targetPort} on its {@code port}). A computed default may return null: no default there.
 * The built-in table is {@link BuiltInDefaults#table()}.
 *
 * @param kinds {@code group/Kind} strings, {@code /Service} for the core group
 * @param location path of field names and {@code *} from the object root to the map holding the field
 * @param field the defaulted field
 * @param value the default, computed from the holding map
 * @param description for people, as the reason of an ignored field
 */
public record ServerDefault(Set<String> kinds, List<String> location, String field,
    Function<Map<String, Object>, @Nullable Object> value, String description) {
  public ServerDefault {
    kinds = Set.copyOf(kinds);
    location = List.copyOf(location);
    requireNonNull(field, "field");
    requireNonNull(value, "value");
    requireNonNull(description, "description");
  }

  /** A constant default. */
  public static ServerDefault constant(Set<String> kinds, String location, String field, Object value) {
    return new ServerDefault(kinds, split(location), field, new Constant(value),
        "API server default " + field + ": " + value);
  }

  /** The constant's value itself, not a copy, for reading only; null for a computed default. */
  public @Nullable Object constantValue() {
    return value instanceof Constant c ? c.value : null;
  }

  /** A constant default: hands out copies, so that no tree shares the table's value. */
  private static final class Constant implements Function<Map<String, Object>, Object> {
    private final Object value;

    Constant(Object value) {
      this.value = requireNonNull(value, "value");
    }

    @Override
    public Object apply(Map<String, Object> map) {
      return Trees.copy(value);
    }
  }

  /** A default computed from the map holding the field. */
  public static ServerDefault computed(Set<String> kinds, String location, String field,
      Function<Map<String, Object>, @Nullable Object> value, String description) {
    return new ServerDefault(kinds, split(location), field, value, description);
  }

  private static List<String> split(String location) {
    return location.isEmpty() ? List.of() : List.of(location.split("/"));
  }
}
