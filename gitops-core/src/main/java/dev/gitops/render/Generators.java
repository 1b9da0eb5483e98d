package dev.gitops.render;

import dev.gitops.model.Snapshot;
import dev.gitops.model.SourceLocation;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Kustomize's configMapGenerator and secretGenerator: makes the objects from literals, files and
 * env files, and applies their behavior (create, merge, replace) against the objects accumulated
 * so far; package-private.
 */
final class Generators {
  private static final Pattern KEY = Pattern.compile("[-._a-zA-Z0-9]+");

  private Generators() {}

  static void run(Kustomization k, Snapshot snapshot, List<KObject> objects) {
    Map<String, Object> global = k.map("generatorOptions");
    for (Map<String, Object> entry : k.maps("configMapGenerator")) {
      apply(k, generate(k, snapshot, entry, global, false), objects);
    }
    for (Map<String, Object> entry : k.maps("secretGenerator")) {
      apply(k, generate(k, snapshot, entry, global, true), objects);
    }
  }

  private static KObject generate(Kustomization k, Snapshot snapshot, Map<String, Object> entry,
      Map<String, Object> global, boolean secret) {
    String what = secret ? "secretGenerator" : "configMapGenerator";
    String name = k.str(entry.get("name"), what + ".name");
    if (name.isEmpty()) {
      throw new KustomizeException(k.file(), what + " entry has no name");
    }
    Map<String, String> text = new TreeMap<>();
    Map<String, byte[]> binary = new TreeMap<>();
    for (String lit : listOf(k, entry, "literals", what)) {
      int eq = lit.indexOf('=');
      if (eq <= 0) {
        throw new KustomizeException(k.file(), what + " '" + name + "': invalid literal '" + lit
            + "', expected key=value");
      }
      put(k, name, text, lit.substring(0, eq), unquote(lit.substring(eq + 1)));
    }
    for (String f : listOf(k, entry, "files", what)) {
      int eq = f.indexOf('=');
      String key = eq < 0 ? f.substring(f.lastIndexOf('/') + 1) : f.substring(0, eq);
      String path = eq < 0 ? f : f.substring(eq + 1);
      byte[] content = KustomizeFiles.read(k, snapshot, path, what + " '" + name + "'");
      String s = utf8(content);
      if (s == null) {
        checkKey(k, name, key);
        binary.put(key, content);
      } else {
        put(k, name, text, key, s);
      }
    }
    List<String> envs = new ArrayList<>(listOf(k, entry, "envs", what));
    if (entry.get("env") != null) {
      envs.add(k.str(entry.get("env"), what + ".env"));
    }
    for (String envFile : envs) {
      String content = new String(KustomizeFiles.read(k, snapshot, envFile, what + " '" + name + "'"),
          StandardCharsets.UTF_8);
      parseEnv(k, name, envFile, content, text);
    }

    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("apiVersion", "v1");
    tree.put("kind", secret ? "Secret" : "ConfigMap");
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("name", name);
    if (entry.get("namespace") != null) {
      meta.put("namespace", k.str(entry.get("namespace"), what + ".namespace"));
    }
    tree.put("metadata", meta);
    Map<String, Object> local = entry.get("options") == null ? Map.of()
        : k.asMap(entry.get("options"), what + " options");
    Map<String, String> labels = new LinkedHashMap<>(k.stringMap(global.get("labels"), "generatorOptions.labels"));
    labels.putAll(k.stringMap(local.get("labels"), what + " options.labels"));
    Map<String, String> annotations =
        new LinkedHashMap<>(k.stringMap(global.get("annotations"), "generatorOptions.annotations"));
    annotations.putAll(k.stringMap(local.get("annotations"), what + " options.annotations"));
    if (!labels.isEmpty()) {
      meta.put("labels", new LinkedHashMap<String, Object>(labels));
    }
    if (!annotations.isEmpty()) {
      meta.put("annotations", new LinkedHashMap<String, Object>(annotations));
    }
    if (secret) {
      Map<String, Object> data = new LinkedHashMap<>();
      text.forEach((key, v) -> data.put(key, base64(v.getBytes(StandardCharsets.UTF_8))));
      binary.forEach((key, v) -> data.put(key, base64(v)));
      if (!data.isEmpty()) {
        tree.put("data", data);
      }
      tree.put("type", entry.get("type") == null ? "Opaque" : k.str(entry.get("type"), what + ".type"));
    } else {
      if (!text.isEmpty()) {
        tree.put("data", new LinkedHashMap<String, Object>(text));
      }
      if (!binary.isEmpty()) {
        Map<String, Object> data = new LinkedHashMap<>();
        binary.forEach((key, v) -> data.put(key, base64(v)));
        tree.put("binaryData", data);
      }
    }
    if (isTrue(global.get("immutable")) || isTrue(local.get("immutable"))) {
      tree.put("immutable", true);
    }
    KObject o = new KObject(tree, new SourceLocation(k.file(), k.lineOfName(name)), true);
    o.hashSuffix(!isTrue(global.get("disableNameSuffixHash"))
        && !isTrue(local.get("disableNameSuffixHash")));
    String behavior = entry.get("behavior") == null ? "create" : k.str(entry.get("behavior"), what + ".behavior");
    if (!List.of("create", "merge", "replace").contains(behavior)) {
      throw new KustomizeException(k.file(), what + " '" + name + "': unknown behavior '" + behavior
          + "' (create, merge or replace)");
    }
    o.behavior(behavior);
    return o;
  }

  /** Adds a generated object, or merges it into / replaces the one it names. */
  private static void apply(Kustomization k, KObject gen, List<KObject> objects) {
    List<KObject> matches = new ArrayList<>();
    for (KObject o : objects) {
      if (o.kind().equals(gen.kind()) && o.group().isEmpty() && o.hadName(gen.name())
          && (o.hadNamespace(gen.namespace()) || isDefault(gen.namespace())
              && (o.hadNamespace("") || o.hadNamespace("default")))) {
        matches.add(o);
      }
    }
    if (matches.size() > 1) {
      throw new KustomizeException(k.file(), gen.kind() + " '" + gen.name() + "' (behavior "
          + gen.behavior() + ") matches several objects: " + matches);
    }
    KObject existing = matches.isEmpty() ? null : matches.get(0);
    switch (gen.behavior()) {
      case "create" -> {
        if (existing != null) {
          throw new KustomizeException(k.file(), gen.kind() + " '" + gen.name()
              + "' is generated here but already exists (from " + existing.source()
              + "); use behavior merge or replace");
        }
        objects.add(gen);
      }
      case "merge", "replace" -> {
        if (existing == null) {
          throw new KustomizeException(k.file(), gen.kind() + " '" + gen.name() + "' has behavior "
              + gen.behavior() + " but no such object comes from the resources");
        }
        merge(existing, gen, gen.behavior().equals("merge"));
        if (gen.behavior().equals("replace")) {
          existing.replacedBy(k.file());
        }
      }
      default -> throw new IllegalStateException(gen.behavior());
    }
  }

  /**
   * Like kustomize: the generated object replaces the existing one, keeping its name and
   * namespace, with labels and annotations of both (the new ones winning) and, for merge, the
   * data of both; a content hash only if both ask for one.
   */
  @SuppressWarnings("unchecked")
  private static void merge(KObject base, KObject gen, boolean mergeData) {
    Map<String, Object> old = base.tree();
    Map<String, Object> t = KustomizeBuild.deepCopy(gen.tree());
    Map<String, Object> meta = (Map<String, Object>) t.get("metadata");
    meta.put("name", base.name());
    if (base.namespace().isEmpty()) {
      meta.remove("namespace");
    } else {
      meta.put("namespace", base.namespace());
    }
    for (String field : List.of("labels", "annotations")) {
      Map<String, Object> merged = new LinkedHashMap<>();
      if (base.metadata().get(field) instanceof Map<?, ?> bm) {
        merged.putAll((Map<String, Object>) bm);
      }
      if (meta.get(field) instanceof Map<?, ?> gm) {
        merged.putAll((Map<String, Object>) gm);
      }
      if (merged.isEmpty()) {
        meta.remove(field);
      } else {
        meta.put(field, merged);
      }
    }
    if (mergeData) {
      for (String field : List.of("data", "binaryData")) {
        Map<String, Object> merged = new LinkedHashMap<>();
        if (old.get(field) instanceof Map<?, ?> bm) {
          merged.putAll((Map<String, Object>) bm);
        }
        if (t.get(field) instanceof Map<?, ?> gm) {
          merged.putAll((Map<String, Object>) gm);
        }
        if (!merged.isEmpty()) {
          t.put(field, merged);
        }
      }
    }
    base.replaceTree(t);
    base.hashSuffix(base.hashSuffix() && gen.hashSuffix());
  }

  private static void put(Kustomization k, String name, Map<String, String> data, String key, String value) {
    checkKey(k, name, key);
    if (data.containsKey(key)) {
      throw new KustomizeException(k.file(), "generator '" + name + "': key '" + key + "' is given twice");
    }
    data.put(key, value);
  }

  private static void checkKey(Kustomization k, String name, String key) {
    if (!KEY.matcher(key).matches()) {
      throw new KustomizeException(k.file(), "generator '" + name + "': '" + key
          + "' is not a valid key (letters, digits, '-', '_', '.')");
    }
  }

  private static void parseEnv(Kustomization k, String name, String file, String content,
      Map<String, String> data) {
    String[] lines = content.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (i == 0 && line.startsWith("\uFEFF")) {
        line = line.substring(1);
      }
      if (line.endsWith("\r")) {
        line = line.substring(0, line.length() - 1);
      }
      String trimmed = line.stripLeading();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      int eq = trimmed.indexOf('=');
      if (eq <= 0) {
        throw new KustomizeException(k.file(), "generator '" + name + "': " + file + ":" + (i + 1)
            + ": expected KEY=VALUE (values from the environment are not supported)");
      }
      put(k, name, data, trimmed.substring(0, eq), trimmed.substring(eq + 1));
    }
  }

  private static List<String> listOf(Kustomization k, Map<String, Object> entry, String field, String what) {
    Object v = entry.get(field);
    return v == null ? List.of() : k.stringList(v, what + "." + field);
  }

  private static String unquote(String v) {
    if (v.length() >= 2 && v.charAt(0) == v.charAt(v.length() - 1)
        && (v.charAt(0) == '"' || v.charAt(0) == '\'')) {
      return v.substring(1, v.length() - 1);
    }
    return v;
  }

  private static boolean isDefault(String ns) {
    return ns.isEmpty() || ns.equals("default");
  }

  private static boolean isTrue(Object o) {
    return Boolean.TRUE.equals(o) || "true".equals(o);
  }

  // Like kustomize: values of 70 characters or more are cut into lines of 70, each ending in a newline.
  static String base64(byte[] b) {
    String s = Base64.getEncoder().encodeToString(b);
    if (s.length() < 70) {
      return s;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i += 70) {
      out.append(s, i, Math.min(i + 70, s.length())).append('\n');
    }
    return out.toString();
  }

  private static String utf8(byte[] b) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
