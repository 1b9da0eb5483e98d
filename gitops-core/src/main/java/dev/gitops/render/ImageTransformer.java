package dev.gitops.render;

import java.util.List;
import java.util.Map;

/**
 * Kustomize's images field: rewrites the name, tag or digest of matching container images in any
 * {@code containers} or {@code initContainers} list of an object, then once more in the pod
 * spec paths of its field specs, as kustomize does (so a {@code tagSuffix} is added twice
 * there, as by kustomize); package-private.
 */
final class ImageTransformer {
  private static final List<FieldSpec> IMAGE_FIELDS = List.of(
      FieldSpec.any("spec/containers[]/image", false),
      FieldSpec.any("spec/initContainers[]/image", false),
      FieldSpec.any("spec/template/spec/containers[]/image", false),
      FieldSpec.any("spec/template/spec/initContainers[]/image", false));

  private ImageTransformer() {}

  /** An images entry. */
  record ImageRule(String name, String newName, String newTag, String digest, String tagSuffix) {}

  static void run(Kustomization k, List<KObject> objects, TransformerConfig config) {
    List<FieldSpec> fields = new java.util.ArrayList<>(IMAGE_FIELDS);
    fields.addAll(config.images);
    for (Map<String, Object> entry : k.maps("images")) {
      ImageRule rule = new ImageRule(k.str(entry.get("name"), "images.name"),
          k.str(entry.get("newName"), "images.newName"), k.str(entry.get("newTag"), "images.newTag"),
          k.str(entry.get("digest"), "images.digest"), k.str(entry.get("tagSuffix"), "images.tagSuffix"));
      if (rule.name().isEmpty()) {
        throw new KustomizeException(k.file(), "images entry has no name");
      }
      apply(rule, fields, objects);
    }
  }

  /**
   * Applies one rule to every {@code containers}/{@code initContainers} image of the objects,
   * then to the string fields of {@code specs}, as kustomize's image tag transformer does.
   */
  static void apply(ImageRule rule, List<FieldSpec> specs, List<KObject> objects) {
    for (KObject o : objects) {
      walk(o.tree(), rule);
      for (FieldSpec spec : specs) {
        spec.apply(o, v -> v instanceof String image ? update(image, rule) : null);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static void walk(Object node, ImageRule rule) {
    if (node instanceof Map<?, ?> m) {
      for (Map.Entry<String, Object> e : ((Map<String, Object>) m).entrySet()) {
        if ((e.getKey().equals("containers") || e.getKey().equals("initContainers"))
            && e.getValue() instanceof List<?> containers) {
          for (Object c : containers) {
            if (c instanceof Map<?, ?> cm && cm.get("image") instanceof String image) {
              String updated = update(image, rule);
              if (updated != null) {
                ((Map<String, Object>) cm).put("image", updated);
              }
            }
          }
        }
        walk(e.getValue(), rule);
      }
    } else if (node instanceof List<?> l) {
      l.forEach(x -> walk(x, rule));
    }
  }

  /** The new image reference, or null when the image does not match the rule. */
  static String update(String image, ImageRule rule) {
    String name = image;
    String digest = "";
    int at = name.indexOf('@');
    if (at >= 0) {
      digest = name.substring(at + 1);
      name = name.substring(0, at);
    }
    String tag = "";
    int colon = name.lastIndexOf(':');
    if (colon > name.lastIndexOf('/')) {
      tag = name.substring(colon + 1);
      name = name.substring(0, colon);
    }
    if (!name.equals(rule.name())) {
      return null;
    }
    if (!rule.newName().isEmpty()) {
      name = rule.newName();
    }
    if (!rule.newTag().isEmpty() && !rule.digest().isEmpty()) {
      tag = rule.newTag();
      digest = rule.digest();
    } else if (!rule.newTag().isEmpty()) {
      tag = rule.newTag();
      digest = "";
    } else if (!rule.digest().isEmpty()) {
      tag = "";
      digest = rule.digest();
    } else if (!rule.tagSuffix().isEmpty()) {
      tag = tag + rule.tagSuffix();
      digest = "";
    }
    return name + (tag.isEmpty() ? "" : ":" + tag) + (digest.isEmpty() ? "" : "@" + digest);
  }
}
