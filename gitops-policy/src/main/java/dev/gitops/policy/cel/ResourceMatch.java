package dev.gitops.policy.cel;

import dev.gitops.model.Manifest;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code matchConstraints} of a ValidatingAdmissionPolicy or the {@code matchResources} of a
 * binding, applied to planned changes: resource rules (group, version, plural resource name,
 * operation, scope), exclusions, and namespace and object label selectors.
 */
final class ResourceMatch {
  /** Plurals that the regular English rules below get wrong. */
  private static final Map<String, String> IRREGULAR = Map.of(
      "Endpoints", "endpoints",
      "PodSecurityPolicy", "podsecuritypolicies");

  private final List<Map<?, ?>> rules;
  private final List<Map<?, ?>> excluded;
  private final Map<?, ?> namespaceSelector;
  private final Map<?, ?> objectSelector;
  private final boolean matchAllResources;

  private ResourceMatch(Map<?, ?> spec, boolean emptyMatchesAll) {
    this.rules = maps(spec.get("resourceRules"));
    this.excluded = maps(spec.get("excludeResourceRules"));
    this.namespaceSelector = spec.get("namespaceSelector") instanceof Map<?, ?> m ? m : Map.of();
    this.objectSelector = spec.get("objectSelector") instanceof Map<?, ?> m ? m : Map.of();
    this.matchAllResources = emptyMatchesAll && rules.isEmpty();
  }

  /** A policy's constraints: no resource rules match nothing. */
  static ResourceMatch ofPolicy(Object spec) {
    return new ResourceMatch(spec instanceof Map<?, ?> m ? m : Map.of(), false);
  }

  /** A binding's narrowing: absent or without resource rules, it keeps all of the policy's. */
  static ResourceMatch ofBinding(Object spec) {
    return new ResourceMatch(spec instanceof Map<?, ?> m ? m : Map.of(), true);
  }

  /**
   * Whether the object matches.
   *
   * @param namespaceLabels the labels of the object's namespace (ignored for objects without one)
   * @param operation CREATE, UPDATE or DELETE
   */
  boolean matches(Manifest object, Map<String, String> namespaceLabels, String operation) {
    if (!matchAllResources && rules.stream().noneMatch(r -> ruleMatches(r, object, operation))) {
      return false;
    }
    if (excluded.stream().anyMatch(r -> ruleMatches(r, object, operation))) {
      return false;
    }
    if (!object.namespace().isEmpty()
        && !LabelSelectors.matches(namespaceSelector, namespaceLabels)) {
      return false;
    }
    return LabelSelectors.matches(objectSelector, object.labels());
  }

  private static boolean ruleMatches(Map<?, ?> rule, Manifest m, String operation) {
    String apiVersion = m.apiVersion();
    int slash = apiVersion.indexOf('/');
    String group = slash < 0 ? "" : apiVersion.substring(0, slash);
    String version = apiVersion.substring(slash + 1);
    String scope = rule.get("scope") instanceof String s ? s : "*";
    boolean scopeOk = scope.equals("*")
        || scope.equals(m.namespace().isEmpty() ? "Cluster" : "Namespaced");
    return scopeOk
        && listed(rule.get("apiGroups"), group)
        && listed(rule.get("apiVersions"), version)
        && (listed(rule.get("resources"), plural(m.kind())) || listed(rule.get("resources"), "*/*"))
        && listed(rule.get("operations"), operation);
  }

  private static boolean listed(Object list, String value) {
    return list instanceof List<?> l && (l.contains("*") || l.contains(value));
  }

  /** The resource name of a kind: lower case, English plural. */
  static String plural(String kind) {
    String irregular = IRREGULAR.get(kind);
    if (irregular != null) {
      return irregular;
    }
    String k = kind.toLowerCase(Locale.ROOT);
    if (k.endsWith("s") || k.endsWith("x") || k.endsWith("ch") || k.endsWith("sh")) {
      return k + "es";
    }
    if (k.endsWith("y") && k.length() > 1 && "aeiou".indexOf(k.charAt(k.length() - 2)) < 0) {
      return k.substring(0, k.length() - 1) + "ies";
    }
    return k + "s";
  }

  private static List<Map<?, ?>> maps(Object list) {
    if (!(list instanceof List<?> l)) {
      return List.of();
    }
    return l.stream().filter(Map.class::isInstance).<Map<?, ?>>map(o -> (Map<?, ?>) o).toList();
  }
}
