package dev.gitops.policy.cel;

import java.util.List;
import java.util.Map;

/** Kubernetes label selectors ({@code matchLabels}, {@code matchExpressions}) over label maps. */
final class LabelSelectors {
  private LabelSelectors() {}

  /** Whether the labels satisfy the selector; an empty or absent selector matches everything. */
  static boolean matches(Map<?, ?> selector, Map<String, String> labels) {
    if (selector.get("matchLabels") instanceof Map<?, ?> wanted) {
      for (Map.Entry<?, ?> e : wanted.entrySet()) {
        if (!String.valueOf(e.getValue()).equals(labels.get(String.valueOf(e.getKey())))) {
          return false;
        }
      }
    }
    if (selector.get("matchExpressions") instanceof List<?> expressions) {
      for (Object o : expressions) {
        if (o instanceof Map<?, ?> expr && !matchesExpression(expr, labels)) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean matchesExpression(Map<?, ?> expr, Map<String, String> labels) {
    String key = String.valueOf(expr.get("key"));
    List<?> values = expr.get("values") instanceof List<?> l ? l : List.of();
    String operator = String.valueOf(expr.get("operator"));
    return switch (operator) {
      case "In" -> labels.containsKey(key) && values.contains(labels.get(key));
      case "NotIn" -> !labels.containsKey(key) || !values.contains(labels.get(key));
      case "Exists" -> labels.containsKey(key);
      case "DoesNotExist" -> !labels.containsKey(key);
      default -> throw new CelRuleException("unknown label selector operator " + operator);
    };
  }
}
