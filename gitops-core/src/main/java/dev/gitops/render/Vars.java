package dev.gitops.render;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kustomize's (deprecated) vars: each names a field of an object ({@code objref}, {@code fieldref},
 * by default its name); after the build, {@code $(NAME)} in the var-reference fields (container
 * args, commands, env values, labels, annotations...) is replaced by the field's final value.
 * {@code $$(NAME)} stands for a literal {@code $(NAME)}; unknown names are left as they are;
 * package-private.
 */
final class Vars {
  private static final Pattern REF = Pattern.compile("\\$\\$|\\$\\(([A-Za-z0-9_.-]+)\\)");
  private static final Map<String, String> POD_SPEC = Map.of(
      "Pod", "spec",
      "Deployment", "spec/template/spec",
      "ReplicaSet", "spec/template/spec",
      "DaemonSet", "spec/template/spec",
      "StatefulSet", "spec/template/spec",
      "Job", "spec/template/spec",
      "CronJob", "spec/jobTemplate/spec/template/spec");

  /** Where vars are expanded by default. */
  static final List<FieldSpec> REFERENCES = references();

  /** One declared var. */
  record Var(String name, Map<String, Object> objref, String fieldPath, String declaredIn) {}

  private Vars() {}

  private static List<FieldSpec> references() {
    List<FieldSpec> out = new ArrayList<>();
    POD_SPEC.forEach((kind, prefix) -> {
      for (String c : List.of("containers", "initContainers")) {
        for (String f : List.of("args", "command", "env/value", "volumeMounts/mountPath")) {
          out.add(FieldSpec.of("", kind, prefix + "/" + c + "/" + f, false));
        }
      }
    });
    for (String kind : List.of("Pod", "Deployment", "ReplicaSet", "DaemonSet", "Job")) {
      out.add(FieldSpec.of("", kind, POD_SPEC.get(kind) + "/volumes/nfs/server", false));
    }
    out.add(FieldSpec.of("", "CronJob", "spec/jobTemplate/spec/template/volumes/nfs/server", false));
    out.add(FieldSpec.of("", "StatefulSet", "spec/volumeClaimTemplates/spec/nfs/server", false));
    out.add(FieldSpec.of("", "PersistentVolume", "spec/nfs/server", false));
    out.add(FieldSpec.of("", "Deployment", "spec/template/metadata/annotations", false));
    out.add(FieldSpec.of("", "Ingress", "spec/rules/host", false));
    out.add(FieldSpec.of("", "Ingress", "spec/tls/hosts", false));
    out.add(FieldSpec.of("", "Ingress", "spec/tls/secretName", false));
    out.add(FieldSpec.of("", "Service", "spec/ports/port", false));
    out.add(FieldSpec.of("", "Service", "spec/ports/targetPort", false));
    out.add(FieldSpec.any("metadata/labels", false));
    out.add(FieldSpec.any("metadata/annotations", false));
    return List.copyOf(out);
  }

  /** The vars a kustomization declares. */
  static List<Var> declared(Kustomization k) {
    List<Var> out = new ArrayList<>();
    for (Map<String, Object> v : k.maps("vars")) {
      String name = k.str(v.get("name"), "vars.name");
      if (name.isEmpty() || v.get("objref") == null) {
        throw new KustomizeException(k.file(), "a var needs a name and an objref");
      }
      Map<String, Object> objref = k.asMap(v.get("objref"), "vars.objref");
      Map<String, Object> fieldref = v.get("fieldref") == null ? Map.of()
          : k.asMap(v.get("fieldref"), "vars.fieldref");
      String path = k.str(fieldref.get("fieldPath"), "vars.fieldref.fieldPath");
      out.add(new Var(name, objref, path.isEmpty() ? "metadata.name" : path, k.file()));
    }
    return out;
  }

  /** Resolves every var against the final objects and expands references in them. */
  static void resolve(String rootFile, List<Var> vars, List<FieldSpec> extraReferences, List<KObject> objects) {
    if (vars.isEmpty()) {
      return;
    }
    Map<String, Object> values = new LinkedHashMap<>();
    for (Var v : vars) {
      if (values.containsKey(v.name())) {
        throw new KustomizeException(v.declaredIn(), "var '" + v.name() + "' is declared twice");
      }
      values.put(v.name(), value(v, objects));
    }
    List<FieldSpec> specs = new ArrayList<>(REFERENCES);
    specs.addAll(extraReferences);
    for (KObject o : objects) {
      for (FieldSpec spec : specs) {
        spec.apply(o, current -> expandValue(current, values));
      }
    }
  }

  private static Object value(Var v, List<KObject> objects) {
    String kind = String.valueOf(v.objref().getOrDefault("kind", ""));
    String name = String.valueOf(v.objref().getOrDefault("name", ""));
    String apiVersion = v.objref().get("apiVersion") == null ? null : String.valueOf(v.objref().get("apiVersion"));
    String group = v.objref().get("group") == null ? null : String.valueOf(v.objref().get("group"));
    String namespace = v.objref().get("namespace") == null ? null : String.valueOf(v.objref().get("namespace"));
    List<KObject> matches = new ArrayList<>();
    for (KObject o : objects) {
      if (o.kind().equals(kind) && o.originalName().equals(name)
          && (apiVersion == null || apiVersion.equals(o.apiVersion()))
          && (group == null || group.equals(o.group()))
          && (namespace == null || namespace.equals(o.originalNamespace()))) {
        matches.add(o);
      }
    }
    if (matches.size() != 1) {
      throw new KustomizeException(v.declaredIn(), "var '" + v.name() + "' refers to " + kind + " '"
          + name + "', which matches " + (matches.isEmpty() ? "no object" : "several objects: " + matches));
    }
    Object current = matches.get(0).tree();
    for (String seg : fieldPath(v.fieldPath())) {
      if (current instanceof Map<?, ?> m) {
        current = m.get(seg);
      } else if (current instanceof List<?> l && seg.matches("[0-9]+") && Integer.parseInt(seg) < l.size()) {
        current = l.get(Integer.parseInt(seg));
      } else {
        current = null;
      }
      if (current == null) {
        throw new KustomizeException(v.declaredIn(), "var '" + v.name() + "': field '" + v.fieldPath()
            + "' of " + matches.get(0) + " does not exist");
      }
    }
    if (current instanceof Map || current instanceof List) {
      throw new KustomizeException(v.declaredIn(), "var '" + v.name() + "': field '" + v.fieldPath()
          + "' is not a scalar");
    }
    return current;
  }

  /** Splits {@code a.b[0].c} into {@code a, b, 0, c}. */
  static List<String> fieldPath(String path) {
    List<String> out = new ArrayList<>();
    for (String seg : path.split("\\.")) {
      Matcher m = Pattern.compile("([^\\[]*)((?:\\[[0-9]+\\])*)").matcher(seg);
      if (m.matches()) {
        if (!m.group(1).isEmpty()) {
          out.add(m.group(1));
        }
        for (String idx : m.group(2).replace("[", "").split("]")) {
          if (!idx.isEmpty()) {
            out.add(idx);
          }
        }
      } else {
        out.add(seg);
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Object expandValue(Object value, Map<String, Object> values) {
    if (value instanceof String s) {
      Object expanded = expand(s, values);
      return expanded.equals(s) ? null : expanded;
    }
    if (value instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      boolean changed = false;
      for (Object x : l) {
        Object e = x instanceof String s ? expand(s, values) : x;
        changed |= e != x && !e.equals(x);
        out.add(e);
      }
      return changed ? out : null;
    }
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> map = (Map<String, Object>) m;
      map.replaceAll((k, x) -> x instanceof String s ? expand(s, values) : x);
      return null;
    }
    return null;
  }

  /** Expands one string; a string that is exactly one reference takes the value's own type. */
  static Object expand(String s, Map<String, Object> values) {
    Matcher whole = Pattern.compile("\\$\\(([A-Za-z0-9_.-]+)\\)").matcher(s);
    if (whole.matches() && values.containsKey(whole.group(1))) {
      return values.get(whole.group(1));
    }
    Matcher m = REF.matcher(s);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String replacement;
      if (m.group().equals("$$")) {
        replacement = "$";
      } else if (values.containsKey(m.group(1))) {
        replacement = String.valueOf(values.get(m.group(1)));
      } else {
        replacement = m.group();
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }
}
