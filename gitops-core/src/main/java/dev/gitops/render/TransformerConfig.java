package dev.gitops.render;

import dev.gitops.model.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Field specs added by kustomizations' {@code configurations} files, for custom resources: where
 * commonLabels, commonAnnotations, images and vars apply and which fields name other objects;
 * and the vars declared. A kustomization's configuration holds its own and those of everything
 * it includes, as in kustomize; package-private.
 */
final class TransformerConfig {
  final List<FieldSpec> commonLabels = new ArrayList<>();
  final List<FieldSpec> commonAnnotations = new ArrayList<>();
  final List<FieldSpec> images = new ArrayList<>();
  final List<NameReferences.Ref> nameReferences = new ArrayList<>();
  final List<FieldSpec> varReferences = new ArrayList<>();
  final List<Vars.Var> vars = new ArrayList<>();

  void mergeFrom(TransformerConfig other) {
    commonLabels.addAll(other.commonLabels);
    commonAnnotations.addAll(other.commonAnnotations);
    images.addAll(other.images);
    nameReferences.addAll(other.nameReferences);
    varReferences.addAll(other.varReferences);
    vars.addAll(other.vars);
  }

  /** Adds a kustomization's vars and the specs of its configurations files. */
  void load(Kustomization k, Snapshot snapshot) {
    vars.addAll(Vars.declared(k));
    for (String file : k.strings("configurations")) {
      byte[] content = KustomizeFiles.read(k, snapshot, file, "configurations");
      for (YamlDocuments.Document d : KustomizeFiles.parseYaml(KustomizeFiles.join(k, k.dir(), file), content)) {
        if (d.value() == null) {
          continue;
        }
        Map<String, Object> config = k.asMap(d.value(), "configurations file " + file);
        for (String key : config.keySet()) {
          switch (key) {
            case "commonLabels" -> commonLabels.addAll(specs(k, config.get(key), file + ": " + key));
            case "commonAnnotations" -> commonAnnotations.addAll(specs(k, config.get(key), file + ": " + key));
            case "images" -> images.addAll(specs(k, config.get(key), file + ": " + key));
            case "nameReference" -> nameReferences(k, config.get(key), file);
            case "varReference" -> varReferences.addAll(specs(k, config.get(key), file + ": " + key));
            default -> throw new KustomizeException(k.file(), "configurations file " + file + ": '" + key
                + "' is not supported by this renderer (commonLabels, commonAnnotations, images, "
                + "nameReference, varReference are)");
          }
        }
      }
    }
  }

  private void nameReferences(Kustomization k, Object value, String file) {
    for (Map<String, Object> referent : list(k, value, file + ": nameReference")) {
      String kind = k.str(referent.get("kind"), "nameReference.kind");
      if (kind.isEmpty()) {
        throw new KustomizeException(k.file(), "configurations file " + file + ": nameReference needs a kind");
      }
      for (FieldSpec spec : specs(k, referent.get("fieldSpecs"), file + ": nameReference.fieldSpecs")) {
        nameReferences.add(new NameReferences.Ref(kind, spec));
      }
    }
  }

  private static List<FieldSpec> specs(Kustomization k, Object value, String what) {
    List<FieldSpec> out = new ArrayList<>();
    for (Map<String, Object> m : list(k, value, what)) {
      String path = k.str(m.get("path"), what + ".path");
      if (path.isEmpty()) {
        throw new KustomizeException(k.file(), what + ": a field spec needs a path");
      }
      out.add(new FieldSpec(k.str(m.get("group"), what + ".group"), k.str(m.get("version"), what + ".version"),
          k.str(m.get("kind"), what + ".kind"), path, Boolean.TRUE.equals(m.get("create"))));
    }
    return out;
  }

  private static List<Map<String, Object>> list(Kustomization k, Object value, String what) {
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> l)) {
      throw new KustomizeException(k.file(), what + " must be a list");
    }
    List<Map<String, Object>> out = new ArrayList<>();
    l.forEach(o -> out.add(k.asMap(o, what)));
    return out;
  }
}
