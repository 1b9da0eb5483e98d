package dev.gitops.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A Kustomize patch target: group, version, kind, name and namespace (regular expressions matched
 * whole), label and annotation selectors in Kubernetes syntax ({@code a=b}, {@code a!=b},
 * {@code a in (x,y)}, {@code a notin (x)}, {@code a}, {@code !a}); package-private.
 */
record Selector(String group, String version, String kind, Pattern name, Pattern namespace,
    List<Requirement> labels, List<Requirement> annotations) {

  /** One selector requirement. */
  record Requirement(String key, String op, List<String> values) {
    boolean matches(Map<String, Object> m) {
      Object v = m.get(key);
      String s = v == null ? null : String.valueOf(v);
      return switch (op) {
        case "exists" -> m.containsKey(key);
        case "!" -> !m.containsKey(key);
        case "=", "in" -> s != null && values.contains(s);
        case "!=", "notin" -> s == null || !values.contains(s);
        default -> false;
      };
    }
  }

  static Selector parse(Kustomization k, Map<String, Object> m) {
    return new Selector(str(m.get("group")), str(m.get("version")), str(m.get("kind")),
        regex(k, m.get("name")), regex(k, m.get("namespace")),
        requirements(k, str(m.get("labelSelector"))), requirements(k, str(m.get("annotationSelector"))));
  }

  boolean matches(KObject o) {
    if (!group.isEmpty() && !group.equals(o.group())
        || !version.isEmpty() && !version.equals(o.version())
        || !kind.isEmpty() && !kind.equals(o.kind())) {
      return false;
    }
    // Like kustomize: the name as declared or as it is now, not the ones in between.
    if (name != null && !name.matcher(o.name()).matches() && !name.matcher(o.originalName()).matches()) {
      return false;
    }
    if (namespace != null && !namespace.matcher(effective(o.namespace())).matches()
        && !namespace.matcher(effective(o.originalNamespace())).matches()) {
      return false;
    }
    Map<String, Object> meta = o.metadata();
    return all(labels, meta.get("labels")) && all(annotations, meta.get("annotations"));
  }

  private static String effective(String ns) {
    return ns.isEmpty() ? "default" : ns;
  }

  @SuppressWarnings("unchecked")
  private static boolean all(List<Requirement> reqs, Object values) {
    Map<String, Object> m = values instanceof Map<?, ?> mm ? (Map<String, Object>) mm : Map.of();
    return reqs.stream().allMatch(r -> r.matches(m));
  }

  private static String str(Object o) {
    return o == null ? "" : String.valueOf(o);
  }

  private static Pattern regex(Kustomization k, Object o) {
    if (o == null || String.valueOf(o).isEmpty()) {
      return null;
    }
    try {
      return Pattern.compile(String.valueOf(o));
    } catch (java.util.regex.PatternSyntaxException e) {
      throw new KustomizeException(k.file(), "invalid regular expression in patch target: " + o, e);
    }
  }

  static List<Requirement> requirements(Kustomization k, String selector) {
    List<Requirement> out = new ArrayList<>();
    if (selector.isBlank()) {
      return out;
    }
    List<String> parts = new ArrayList<>();
    int depth = 0;
    StringBuilder cur = new StringBuilder();
    for (char c : selector.toCharArray()) {
      depth += c == '(' ? 1 : c == ')' ? -1 : 0;
      if (c == ',' && depth == 0) {
        parts.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    parts.add(cur.toString());
    for (String raw : parts) {
      String p = raw.strip();
      java.util.regex.Matcher set = Pattern.compile("(\\S+)\\s+(in|notin)\\s*\\((.*)\\)").matcher(p);
      if (set.matches()) {
        List<String> values = new ArrayList<>();
        for (String v : set.group(3).split(",")) {
          values.add(v.strip());
        }
        out.add(new Requirement(set.group(1), set.group(2), values));
      } else if (p.contains("!=")) {
        out.add(new Requirement(p.substring(0, p.indexOf("!=")).strip(), "!=",
            List.of(p.substring(p.indexOf("!=") + 2).strip())));
      } else if (p.contains("=")) {
        String value = p.substring(p.lastIndexOf('=') + 1).strip();
        out.add(new Requirement(p.substring(0, p.indexOf('=')).strip(), "=", List.of(value)));
      } else if (p.startsWith("!")) {
        out.add(new Requirement(p.substring(1).strip(), "!", List.of()));
      } else if (!p.isEmpty() && !p.contains(" ")) {
        out.add(new Requirement(p, "exists", List.of()));
      } else {
        throw new KustomizeException(k.file(), "invalid selector '" + selector + "'");
      }
    }
    return out;
  }
}
