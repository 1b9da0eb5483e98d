package dev.gitops.cluster;

import dev.gitops.cluster.InvalidObjectException.FieldCause;
import dev.gitops.model.ObjectKey;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The metadata validation every kind gets from the API server: name, namespace, labels,
 * annotations, finalizers and owner references, with the server's field names. Package-private.
 */
final class ObjectValidator {
  private static final int MAX_ANNOTATIONS_BYTES = 256 * 1024;

  private ObjectValidator() {}

  static List<FieldCause> validate(KindInfo kind, ObjectKey key, Map<String, ?> object) {
    List<FieldCause> out = new ArrayList<>();
    Names.name(kind.nameRule(), key.name())
        .forEach(m -> out.add(new FieldCause("metadata.name", invalid(key.name(), m))));
    if (kind.namespaced()) {
      if (key.namespace().isEmpty()) {
        out.add(new FieldCause("metadata.namespace", "Required value: " + kind.kind() + " is namespaced"));
      } else {
        Names.label(key.namespace())
            .forEach(m -> out.add(new FieldCause("metadata.namespace", invalid(key.namespace(), m))));
      }
    } else if (!key.namespace().isEmpty()) {
      out.add(new FieldCause("metadata.namespace",
          "Forbidden: " + kind.kind() + " is cluster-scoped and takes no namespace"));
    }
    Map<?, ?> meta = Trees.mapAt(object, "metadata");
    labels(meta.get("labels"), out);
    annotations(meta.get("annotations"), out);
    finalizers(meta.get("finalizers"), out);
    ownerReferences(meta.get("ownerReferences"), out);
    return out;
  }

  private static void labels(Object labels, List<FieldCause> out) {
    if (labels == null) {
      return;
    }
    if (!(labels instanceof Map<?, ?> m)) {
      out.add(new FieldCause("metadata.labels", "Invalid value: must be a map of strings"));
      return;
    }
    m.forEach((k, v) -> {
      String key = String.valueOf(k);
      Names.qualifiedName(key).forEach(msg -> out.add(new FieldCause("metadata.labels", invalid(key, msg))));
      if (!(v instanceof String s)) {
        out.add(new FieldCause("metadata.labels", "Invalid value: label " + quote(key) + " must have a string value"));
      } else {
        Names.labelValue(s).forEach(msg -> out.add(new FieldCause("metadata.labels", invalid(s, msg))));
      }
    });
  }

  private static void annotations(Object annotations, List<FieldCause> out) {
    if (annotations == null) {
      return;
    }
    if (!(annotations instanceof Map<?, ?> m)) {
      out.add(new FieldCause("metadata.annotations", "Invalid value: must be a map of strings"));
      return;
    }
    long size = 0;
    for (Map.Entry<?, ?> e : m.entrySet()) {
      String key = String.valueOf(e.getKey());
      Names.qualifiedName(key).forEach(msg -> out.add(new FieldCause("metadata.annotations", invalid(key, msg))));
      if (!(e.getValue() instanceof String s)) {
        out.add(new FieldCause("metadata.annotations",
            "Invalid value: annotation " + quote(key) + " must have a string value"));
      } else {
        size += key.getBytes(StandardCharsets.UTF_8).length + s.getBytes(StandardCharsets.UTF_8).length;
      }
    }
    if (size > MAX_ANNOTATIONS_BYTES) {
      out.add(new FieldCause("metadata.annotations", "Too long: must have at most " + MAX_ANNOTATIONS_BYTES + " bytes"));
    }
  }

  private static void finalizers(Object finalizers, List<FieldCause> out) {
    if (finalizers == null) {
      return;
    }
    if (!(finalizers instanceof List<?> l)) {
      out.add(new FieldCause("metadata.finalizers", "Invalid value: must be a list of strings"));
      return;
    }
    for (int i = 0; i < l.size(); i++) {
      String field = "metadata.finalizers[" + i + "]";
      if (!(l.get(i) instanceof String f)) {
        out.add(new FieldCause(field, "Invalid value: must be a string"));
      } else {
        Names.qualifiedName(f).forEach(msg -> out.add(new FieldCause(field, invalid(f, msg))));
      }
    }
  }

  private static void ownerReferences(Object refs, List<FieldCause> out) {
    if (refs == null) {
      return;
    }
    if (!(refs instanceof List<?> l)) {
      out.add(new FieldCause("metadata.ownerReferences", "Invalid value: must be a list"));
      return;
    }
    for (Object o : l) {
      Map<?, ?> ref = o instanceof Map<?, ?> m ? m : Map.of();
      for (String f : List.of("apiVersion", "kind", "name", "uid")) {
        if (!(ref.get(f) instanceof String s) || s.isEmpty()) {
          out.add(new FieldCause("metadata.ownerReferences." + f, "Invalid value: \"\": " + f + " must not be empty"));
        }
      }
    }
  }

  static String invalid(String value, String message) {
    return "Invalid value: " + quote(value) + ": " + message;
  }

  private static String quote(String s) {
    return Json.write(s);
  }
}
