package dev.gitops.diff;

import dev.gitops.cluster.BuiltInDefaults;
import dev.gitops.cluster.ServerDefault;
import dev.gitops.model.ObjectKey;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The built-in {@link Normalizer}s. */
public final class Normalizers {
  private Normalizers() {}

  /**
   * {@link #omittedValues()}, {@link #secretStringData()} and {@link #apiServerDefaults()}: the
   * diff's defaults.
   */
  public static List<Normalizer> builtIns() {
    return List.of(omittedValues(), secretStringData(), apiServerDefaults());
  }

  /** Whether {@code normalizers} are {@link #builtIns()}, in that order: what {@link DirectCheck} emulates. */
  static boolean areBuiltIns(List<Normalizer> normalizers) {
    return normalizers.size() == 3 && normalizers.get(0) instanceof OmittedValues
        && normalizers.get(1) instanceof SecretStringData
        && normalizers.get(2) instanceof ServerDefaults d && d.builtIn;
  }

  /** The table of API server defaults documented in docs/drift.md ({@link BuiltInDefaults#table()}). */
  public static Normalizer apiServerDefaults() {
    return new ServerDefaults(BuiltInDefaults.table());
  }

  /** The built-in defaults as data, to extend: {@code serverDefaults(concat(builtInDefaults(), mine))}. */
  public static List<ServerDefault> builtInDefaults() {
    return BuiltInDefaults.table();
  }

  /**
   * Built-in kinds without what the API server does not store ({@link BuiltInDefaults#dropOmitted}):
   * {@code null}s, empty lists and Go maps, zeros of non-pointer {@code omitempty} fields. A declared
   * {@code env: []} or {@code readOnly: false} then matches a live object without them.
   */
  public static Normalizer omittedValues() {
    return new OmittedValues();
  }

  /**
   * {@link #omittedValues()}: declares no maps, as live objects from a server hold nothing it
   * removes; a live object that does (built by hand) is copied and diffed the full way.
   */
  private static final class OmittedValues implements ScopedNormalizer {
    @Override
    public void normalize(ObjectKey key, Map<String, Object> object, Normalizer.Filled filled) {
      BuiltInDefaults.dropOmitted(key.group(), key.kind(), object);
    }

    @Override
    public void modifiedMaps(ObjectKey key, java.util.function.Consumer<List<String>> out) {
      // None: see above.
    }
  }

  /** A normalizer filling in the given defaults. */
  public static Normalizer serverDefaults(List<ServerDefault> table) {
    return new ServerDefaults(table);
  }

  /**
   * Secret {@code stringData} merged into {@code data} base64-encoded, as the API server stores it
   * (a {@code stringData} key wins over the same {@code data} key).
   */
  public static Normalizer secretStringData() {
    return new SecretStringData();
  }

  /** {@link #secretStringData()}: modifies a core Secret's root map only. */
  private static final class SecretStringData implements ScopedNormalizer {
    @Override
    public void normalize(ObjectKey key, Map<String, Object> object, Normalizer.Filled filled) {
      mergeStringData(key, object, filled);
    }

    @Override
    public void modifiedMaps(ObjectKey key, java.util.function.Consumer<List<String>> out) {
      if (key.group().isEmpty() && key.kind().equals("Secret")) {
        out.accept(List.of());
      }
    }
  }

  private static void mergeStringData(ObjectKey key, Map<String, Object> object, Normalizer.Filled filled) {
    if (!key.group().isEmpty() || !key.kind().equals("Secret")
        || !(object.get("stringData") instanceof Map<?, ?> stringData)) {
      return;
    }
    Map<String, Object> data = new LinkedHashMap<>();
    Map<String, Object> before = Trees.map(object.get("data"));
    if (before != null) {
      data.putAll(before);
    }
    stringData.forEach((k, v) -> {
      data.put(String.valueOf(k), Base64.getEncoder().encodeToString(
          String.valueOf(v).getBytes(StandardCharsets.UTF_8)));
    });
    object.remove("stringData");
    object.put("data", data);
  }
}
