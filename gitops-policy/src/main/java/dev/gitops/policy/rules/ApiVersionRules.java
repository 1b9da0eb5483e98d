package dev.gitops.policy.rules;

import static java.util.Objects.requireNonNull;

import dev.gitops.policy.Rule;
import dev.gitops.policy.Severity;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Rules on apiVersions that a target Kubernetes release no longer serves or will drop. */
public final class ApiVersionRules {
  /** Rule id {@value}. */
  public static final String REMOVED_API_VERSIONS = "removed-api-versions";
  /** Rule id {@value}. */
  public static final String DEPRECATED_API_VERSIONS = "deprecated-api-versions";

  private ApiVersionRules() {}

  /** Objects use no apiVersion that the target release no longer serves ({@link ApiRemoval#kubernetes()}). */
  public static Rule removed(KubernetesVersion target) {
    return removed(target, ApiRemoval.kubernetes());
  }

  /** As {@link #removed(KubernetesVersion)} with another table (for example extended by CRDs). */
  public static Rule removed(KubernetesVersion target, List<ApiRemoval> table) {
    Map<String, ApiRemoval> index = index(table);
    return Rule.of(REMOVED_API_VERSIONS, Severity.HIGH,
        "objects use apiVersions served by Kubernetes " + target,
        (m, out) -> {
          ApiRemoval r = index.get(m.apiVersion() + " " + m.kind());
          if (r != null && target.atLeast(r.removedIn())) {
            out.add("apiVersion", m.apiVersion() + " " + m.kind() + " is not served since "
                + r.removedIn() + advice(r));
          }
        });
  }

  /**
   * Objects use no apiVersion that is scheduled for removal and whose replacement the target
   * release already serves, so the migration can be done now.
   */
  public static Rule deprecated(KubernetesVersion target) {
    return deprecated(target, ApiRemoval.kubernetes());
  }

  /** As {@link #deprecated(KubernetesVersion)} with another table. */
  public static Rule deprecated(KubernetesVersion target, List<ApiRemoval> table) {
    Map<String, ApiRemoval> index = index(table);
    return Rule.of(DEPRECATED_API_VERSIONS, Severity.LOW,
        "objects use no apiVersion deprecated in Kubernetes " + target,
        (m, out) -> {
          ApiRemoval r = index.get(m.apiVersion() + " " + m.kind());
          if (r != null && target.atLeast(r.replacementSince()) && !target.atLeast(r.removedIn())) {
            out.add("apiVersion", m.apiVersion() + " " + m.kind() + " is deprecated and removed in "
                + r.removedIn() + advice(r));
          }
        });
  }

  private static String advice(ApiRemoval r) {
    return r.replacement().isEmpty() ? " (no replacement)" : "; use " + r.replacement();
  }

  private static Map<String, ApiRemoval> index(List<ApiRemoval> table) {
    Map<String, ApiRemoval> index = new HashMap<>();
    for (ApiRemoval r : requireNonNull(table, "table")) {
      index.put(r.apiVersion() + " " + r.kind(), r);
    }
    return Map.copyOf(index);
  }
}
