package dev.gitops.policy.rules;

import dev.gitops.policy.Rule;
import dev.gitops.policy.Severity;
import java.util.List;
import java.util.Map;

/** Rules on object metadata. */
public final class MetadataRules {
  /** Rule id {@value}. */
  public static final String REQUIRED_LABELS = "required-labels";
  /** Rule id {@value}. */
  public static final String NO_DEFAULT_NAMESPACE = "no-default-namespace";

  private MetadataRules() {}

  /**
   * Every object carries the given labels with a non-empty value.
   *
   * @param labels label keys, for example {@code app.kubernetes.io/name}
   */
  public static Rule requiredLabels(List<String> labels) {
    List<String> required = List.copyOf(labels);
    return Rule.of(REQUIRED_LABELS, Severity.LOW,
        "objects carry the labels " + String.join(", ", required),
        (m, out) -> {
          Map<String, String> present = m.labels();
          List<String> missing = required.stream()
              .filter(l -> present.getOrDefault(l, "").isEmpty()).toList();
          if (!missing.isEmpty()) {
            out.add("metadata.labels", "missing labels " + String.join(", ", missing));
          }
        });
  }

  /**
   * Objects do not name the {@code default} namespace. Objects without a namespace are not
   * flagged: whether their kind is namespaced is not known without the cluster's discovery.
   */
  public static Rule noDefaultNamespace() {
    return Rule.of(NO_DEFAULT_NAMESPACE, Severity.MEDIUM,
        "objects are not placed in the default namespace",
        (m, out) -> {
          if (m.namespace().equals("default")) {
            out.add("metadata.namespace", "object is in the default namespace");
          }
        });
  }
}
