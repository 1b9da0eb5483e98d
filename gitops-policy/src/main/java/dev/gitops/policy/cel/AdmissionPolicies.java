package dev.gitops.policy.cel;

import static java.util.Objects.requireNonNull;

import dev.gitops.model.Manifest;
import dev.gitops.policy.EnforcementMode;
import dev.gitops.policy.FailurePolicy;
import dev.gitops.policy.Rule;
import dev.gitops.policy.RuleSet;
import dev.gitops.policy.Severity;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Kubernetes ValidatingAdmissionPolicies ({@code admissionregistration.k8s.io/v1}) evaluated
 * offline, before apply: each binding of a policy becomes a {@link RuleSet} with one rule.
 *
 * <p>Policies, bindings, parameter objects and Namespaces (for {@code namespaceSelector} and
 * {@code namespaceObject}) are read from the given objects, for example a rendered repository.
 * Supported: {@code matchConstraints} and the binding's {@code matchResources} (resource rules
 * with operations, exclusions, namespace and object selectors), {@code matchConditions}, {@code variables}, {@code validations}
 * with {@code message} and {@code messageExpression}, {@code auditAnnotations} (reported as AUDIT
 * verdicts {@code audit annotation <policy>/<key>: <value>}), {@code failurePolicy}, {@code paramKind}
 * with a binding's {@code paramRef} by name and {@code parameterNotFoundAction}, and the
 * binding's {@code validationActions} (Deny: enforce; Warn: warn; Audit alone: audit).
 *
 * <p>Evaluated over a planned change ({@link dev.gitops.policy.ObjectChange}), {@code object}
 * and {@code oldObject} are the objects after and before (null when absent) and {@code request}
 * holds the {@code operation}, {@code name}, {@code namespace} and {@code kind}; an object judged
 * without a plan is a CREATE. Not supported: {@code paramRef.selector},
 * {@code authorizer}, and resources whose plural is not the regular
 * English plural of the kind.
 *
 * <p>The rule id is {@code <policy name>.<binding name>}.
 */
public final class AdmissionPolicies {
  static final String GROUP_VERSION = "admissionregistration.k8s.io/v1";

  private AdmissionPolicies() {}

  /**
   * Compiles the policies bound among the objects.
   *
   * @throws CelRuleException if an expression does not compile, or a binding names a policy
   *     that is not among the objects
   */
  public static List<RuleSet> ruleSets(Collection<Manifest> objects, CelRuleCompiler cel) {
    return ruleSets(objects, List.of(), cel);
  }

  /**
   * Compiles the policies bound among the rendered objects and the cluster's: policies, bindings,
   * params and Namespaces may come from either (read the cluster's with the cluster backend and
   * wrap them as manifests). Where both hold the same object, the rendered one wins: it is what
   * the cluster will hold after the sync.
   */
  public static List<RuleSet> ruleSets(Collection<Manifest> objects,
      Collection<Manifest> clusterObjects, CelRuleCompiler cel) {
    requireNonNull(cel, "cel");
    Map<dev.gitops.model.ObjectKey, Manifest> merged = new java.util.LinkedHashMap<>();
    for (Manifest m : objects) {
      merged.put(m.key(), m);
    }
    for (Manifest m : clusterObjects) {
      merged.putIfAbsent(m.key(), m);
    }
    return compileAll(merged.values(), cel);
  }

  private static List<RuleSet> compileAll(Collection<Manifest> objects, CelRuleCompiler cel) {
    Map<String, Manifest> policies = new HashMap<>();
    List<Manifest> bindings = new ArrayList<>();
    for (Manifest m : objects) {
      if (m.apiVersion().equals(GROUP_VERSION) && m.kind().equals("ValidatingAdmissionPolicy")) {
        policies.put(m.name(), m);
      } else if (m.apiVersion().equals(GROUP_VERSION)
          && m.kind().equals("ValidatingAdmissionPolicyBinding")) {
        bindings.add(m);
      }
    }
    AdmissionContext context = AdmissionContext.of(objects);
    List<RuleSet> out = new ArrayList<>();
    for (Manifest binding : bindings) {
      String policyName = binding.get("spec", "policyName").map(String::valueOf).orElse("");
      Manifest policy = policies.get(policyName);
      if (policy == null) {
        throw new CelRuleException("binding " + binding.name() + " (" + binding.source()
            + ") names policy " + policyName + ", which is not among the objects");
      }
      out.add(ruleSet(policy, binding, context, cel));
    }
    return out;
  }

  private static RuleSet ruleSet(Manifest policy, Manifest binding, AdmissionContext context,
      CelRuleCompiler cel) {
    String id = policy.name() + "." + binding.name();
    AdmissionPolicyCheck check = AdmissionPolicyCheck.compile(policy, binding, context, cel);
    FailurePolicy failure = policy.get("spec", "failurePolicy").filter("Ignore"::equals)
        .isPresent() ? FailurePolicy.IGNORE : FailurePolicy.FAIL;
    Rule rule = new Rule(id, Severity.HIGH, "ValidatingAdmissionPolicy " + policy.name()
        + " bound by " + binding.name(), failure, check);
    return RuleSet.of(binding.name(), rule).withMode(mode(binding));
  }

  private static EnforcementMode mode(Manifest binding) {
    List<?> actions = binding.get("spec", "validationActions").filter(List.class::isInstance)
        .map(l -> (List<?>) l).orElse(List.of());
    if (actions.contains("Deny")) {
      return EnforcementMode.ENFORCE;
    }
    if (actions.contains("Warn")) {
      return EnforcementMode.WARN;
    }
    if (actions.contains("Audit")) {
      return EnforcementMode.AUDIT;
    }
    throw new CelRuleException("binding " + binding.name() + " (" + binding.source()
        + ") has no validationActions");
  }
}
