package dev.gitops.policy;

import static java.util.Objects.requireNonNull;

import dev.gitops.model.Manifest;
import dev.gitops.model.ObjectKey;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A configured waiver: objects in a namespace, or one object, are exempt from some rules (or from
 * all rules when no rule ids are given). Waived violations are still reported, as
 * {@link Action#EXEMPTED} verdicts.
 *
 * <p>Objects can also waive rules themselves with the annotation {@value #ANNOTATION}, whose value
 * is a comma-separated list of rule ids ({@code no-privileged, run-as-non-root}). There is no
 * wildcard: an object must name every rule it opts out of, so a review sees each one. A policy
 * can turn annotation exemptions off ({@link RulePolicy.Builder#annotationExemptions}).
 *
 * @param namespace the namespace exempted, or empty when an object is
 * @param object the object exempted, or null when a namespace is
 * @param ruleIds the rules waived; empty for all
 */
public record Exemption(String namespace, @Nullable ObjectKey object, Set<String> ruleIds) {
  /** The annotation by which an object names the rules it is exempt from. */
  public static final String ANNOTATION = "policy.gitops.dev/exempt";

  public Exemption {
    requireNonNull(namespace, "namespace");
    ruleIds = Set.copyOf(ruleIds);
    if (namespace.isEmpty() == (object == null)) {
      throw new IllegalArgumentException("an exemption names either a namespace or an object");
    }
  }

  /** Exempts every object in a namespace from the given rules, or from all when none are given. */
  public static Exemption namespace(String namespace, String... ruleIds) {
    if (namespace.isEmpty()) {
      throw new IllegalArgumentException("namespace must not be empty");
    }
    return new Exemption(namespace, null, Set.of(ruleIds));
  }

  /** Exempts one object from the given rules, or from all when none are given. */
  public static Exemption object(ObjectKey object, String... ruleIds) {
    return new Exemption("", requireNonNull(object, "object"), Set.of(ruleIds));
  }

  /** Whether this exemption waives the rule for the object. */
  public boolean covers(String ruleId, Manifest target) {
    if (!ruleIds.isEmpty() && !ruleIds.contains(ruleId)) {
      return false;
    }
    return object == null ? namespace.equals(target.namespace()) : object.equals(target.key());
  }

  /** Why the verdict is exempted, for its message. */
  public String reason() {
    return object == null ? "namespace " + namespace + " is exempt" : "object is exempt";
  }
}
