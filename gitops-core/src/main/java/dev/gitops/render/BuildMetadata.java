package dev.gitops.render;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Kustomize's {@code buildMetadata} of the built (root) kustomization, written as kustomize v5.5.0
 * writes it: {@code originAnnotations} (the {@code config.kubernetes.io/origin} annotation: the
 * resource file, or the generator and the kustomization configuring it, relative to the root
 * kustomization's directory), {@code transformerAnnotations} (the
 * {@code alpha.config.kubernetes.io/transformations} annotation: every builtin transformer
 * configured in each kustomization the object went through, whether it changed the object or not,
 * as kustomize records them) and {@code managedByLabel}
 * ({@code app.kubernetes.io/managed-by: kustomize-v5.5.0}). As in kustomize, the root's list
 * applies to the whole build and that of other kustomizations is ignored; package-private.
 */
final class BuildMetadata {
  static final String ORIGIN = "config.kubernetes.io/origin";
  static final String TRANSFORMATIONS = "alpha.config.kubernetes.io/transformations";
  static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  /** The kustomize release this renderer follows, as its managed-by label names it. */
  static final String MANAGED_BY_VALUE = "kustomize-v5.5.0";

  /** One builtin transformer configured in a kustomization (repository path of its file). */
  record Transformation(String kustomization, String kind) {}

  /** Which of the three the root kustomization asks for. */
  record Options(boolean origin, boolean transformers, boolean managedBy) {
    static Options of(Kustomization root) {
      List<String> asked = root.strings("buildMetadata");
      for (String a : asked) {
        if (!List.of("originAnnotations", "transformerAnnotations", "managedByLabel").contains(a)) {
          throw new KustomizeException(root.file(), "buildMetadata: unknown option '" + a
              + "' (known: originAnnotations, transformerAnnotations, managedByLabel)");
        }
      }
      return new Options(asked.contains("originAnnotations"), asked.contains("transformerAnnotations"),
          asked.contains("managedByLabel"));
    }

    boolean annotations() {
      return origin || transformers;
    }
  }

  private static final Pattern PLAIN = Pattern.compile("[A-Za-z_./][A-Za-z0-9_./-]*");

  private BuildMetadata() {}

  /**
   * Records on every object the builtin transformers {@code k} configures, in kustomize's order
   * and number of instances (one per patch, image and replicas entry; one per {@code labels}
   * entry plus one for {@code commonLabels} when either is set; one for each other field set).
   */
  static void recordTransformers(Kustomization k, List<KObject> objects) {
    List<Transformation> configured = new ArrayList<>();
    add(configured, k, "PatchStrategicMergeTransformer", k.strings("patchesStrategicMerge").isEmpty() ? 0 : 1);
    add(configured, k, "PatchTransformer", k.maps("patches").size());
    add(configured, k, "NamespaceTransformer", k.string("namespace").isEmpty() ? 0 : 1);
    add(configured, k, "PrefixTransformer", k.string("namePrefix").isEmpty() ? 0 : 1);
    add(configured, k, "SuffixTransformer", k.string("nameSuffix").isEmpty() ? 0 : 1);
    int labels = k.maps("labels").size();
    add(configured, k, "LabelTransformer", labels == 0 && k.map("commonLabels").isEmpty() ? 0 : labels + 1);
    add(configured, k, "AnnotationsTransformer", k.map("commonAnnotations").isEmpty() ? 0 : 1);
    add(configured, k, "PatchJson6902Transformer", k.maps("patchesJson6902").size());
    add(configured, k, "ReplicaCountTransformer", k.maps("replicas").size());
    add(configured, k, "ImageTagTransformer", k.maps("images").size());
    add(configured, k, "ReplacementTransformer", k.maps("replacements").isEmpty() ? 0 : 1);
    for (KObject o : objects) {
      o.configuredTransformers().addAll(configured);
    }
  }

  private static void add(List<Transformation> to, Kustomization k, String kind, int times) {
    for (int i = 0; i < times; i++) {
      to.add(new Transformation(k.file(), kind));
    }
  }

  /** Writes what the root kustomization's {@code buildMetadata} asks for on the final objects. */
  @SuppressWarnings("unchecked")
  static void write(Kustomization root, Options options, List<KObject> objects) {
    for (KObject o : objects) {
      Map<String, Object> metadata = (Map<String, Object>) o.tree().computeIfAbsent("metadata",
          x -> new LinkedHashMap<String, Object>());
      if (options.annotations()) {
        Map<String, Object> annotations = metadata.get("annotations") instanceof Map<?, ?> a
            ? new LinkedHashMap<>((Map<String, Object>) a) : new LinkedHashMap<>();
        if (options.origin()) {
          annotations.put(ORIGIN, origin(root.dir(), o));
        }
        if (options.transformers() && !o.configuredTransformers().isEmpty()) {
          annotations.put(TRANSFORMATIONS, transformations(root.dir(), o.configuredTransformers()));
        }
        metadata.put("annotations", annotations);
      }
      if (options.managedBy()) {
        Map<String, Object> labels = metadata.get("labels") instanceof Map<?, ?> l
            ? new LinkedHashMap<>((Map<String, Object>) l) : new LinkedHashMap<>();
        labels.put(MANAGED_BY, MANAGED_BY_VALUE);
        metadata.put("labels", labels);
      }
    }
  }

  /** The origin annotation's YAML text, as kustomize marshals its {@code resource.Origin}. */
  static String origin(String rootDir, KObject o) {
    if (o.generatorFile() != null) {
      return "configuredIn: " + scalar(relative(rootDir, o.generatorFile())) + "\n"
          + "configuredBy:\n  apiVersion: builtin\n  kind: " + o.generatorKind() + "\n";
    }
    return "path: " + scalar(relative(rootDir, o.source().path())) + "\n";
  }

  static String transformations(String rootDir, List<Transformation> list) {
    StringBuilder out = new StringBuilder();
    for (Transformation t : list) {
      out.append("- configuredIn: ").append(scalar(relative(rootDir, t.kustomization()))).append('\n')
          .append("  configuredBy:\n    apiVersion: builtin\n    kind: ").append(t.kind()).append('\n');
    }
    return out.toString();
  }

  /** {@code path} relative to {@code dir} (both repository paths), with {@code ..} as needed. */
  static String relative(String dir, String path) {
    List<String> from = segments(dir);
    List<String> to = segments(path);
    int common = 0;
    while (common < from.size() && common < to.size() && from.get(common).equals(to.get(common))) {
      common++;
    }
    List<String> out = new ArrayList<>();
    for (int i = common; i < from.size(); i++) {
      out.add("..");
    }
    out.addAll(to.subList(common, to.size()));
    return out.isEmpty() ? "." : String.join("/", out);
  }

  private static List<String> segments(String p) {
    List<String> out = new ArrayList<>();
    for (String s : p.split("/")) {
      if (!s.isEmpty() && !s.equals(".")) {
        out.add(s);
      }
    }
    return out;
  }

  /** A YAML scalar: plain when it reads back as the same string, else double-quoted. */
  static String scalar(String s) {
    if (PLAIN.matcher(s).matches() && !s.matches("(?i)true|false|null|yes|no|on|off|~|\\.inf|\\.nan")) {
      return s;
    }
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\x%02x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
