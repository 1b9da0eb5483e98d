package dev.gitops.policy.cel;

import dev.cel.common.types.SimpleType;
import dev.gitops.model.Manifest;
import dev.gitops.policy.ChangeCheck;
import dev.gitops.policy.ObjectChange;
import dev.gitops.policy.Violations;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** One ValidatingAdmissionPolicy under one binding, compiled; see {@link AdmissionPolicies}. */
final class AdmissionPolicyCheck implements ChangeCheck {
  private record Validation(String expression, CompiledExpression program, String message,
      @Nullable CompiledExpression messageProgram, String reason) {}

  private record ParamKind(String apiVersion, String kind) {}

  private final ResourceMatch policyMatch;
  private final ResourceMatch bindingMatch;
  private final List<CompiledExpression> conditions;
  private final List<LazyVariables.Variable> variables;
  private final List<Validation> validations;
  private final List<AuditAnnotation> auditAnnotations;
  private final String policyName;
  private final @Nullable ParamKind paramKind;
  private final Map<?, ?> paramRef;
  private final AdmissionContext context;
  private final CelRuleCompiler cel;

  private AdmissionPolicyCheck(Manifest policy, Manifest binding, AdmissionContext context,
      CelRuleCompiler cel) {
    String what = "ValidatingAdmissionPolicy " + policy.name() + " (" + policy.source() + ")";
    Map<?, ?> spec = map(policy.object().get("spec"));
    this.policyMatch = ResourceMatch.ofPolicy(spec.get("matchConstraints"));
    this.bindingMatch = ResourceMatch.ofBinding(map(binding.object().get("spec"))
        .get("matchResources"));
    this.conditions = new ArrayList<>();
    for (Map<?, ?> c : maps(spec.get("matchConditions"))) {
      conditions.add(cel.program(what + " matchCondition " + c.get("name"),
          string(c.get("expression")), SimpleType.BOOL));
    }
    this.variables = new ArrayList<>();
    for (Map<?, ?> v : maps(spec.get("variables"))) {
      String name = string(v.get("name"));
      variables.add(new LazyVariables.Variable(name, cel.program(what + " variable " + name,
          string(v.get("expression")), SimpleType.DYN)));
    }
    this.validations = new ArrayList<>();
    for (Map<?, ?> v : maps(spec.get("validations"))) {
      String expression = string(v.get("expression"));
      String messageExpression = string(v.get("messageExpression"));
      validations.add(new Validation(expression,
          cel.program(what + " validation", expression, SimpleType.BOOL),
          string(v.get("message")),
          messageExpression.isEmpty() ? null
              : cel.program(what + " messageExpression", messageExpression, SimpleType.STRING),
          string(v.get("reason"))));
    }
    this.policyName = policy.name();
    this.auditAnnotations = new ArrayList<>();
    for (Map<?, ?> a : maps(spec.get("auditAnnotations"))) {
      String key = string(a.get("key"));
      auditAnnotations.add(new AuditAnnotation(key, cel.program(what + " auditAnnotation " + key,
          string(a.get("valueExpression")), SimpleType.DYN)));
    }
    Map<?, ?> kind = map(spec.get("paramKind"));
    this.paramKind = kind.isEmpty() ? null
        : new ParamKind(string(kind.get("apiVersion")), string(kind.get("kind")));
    this.paramRef = map(map(binding.object().get("spec")).get("paramRef"));
    this.context = context;
    this.cel = cel;
  }

  static AdmissionPolicyCheck compile(Manifest policy, Manifest binding, AdmissionContext context,
      CelRuleCompiler cel) {
    return new AdmissionPolicyCheck(policy, binding, context, cel);
  }

  @Override
  public void check(ObjectChange change, Violations out) {
    Manifest object = change.object();
    Map<String, String> nsLabels = object.namespace().isEmpty() ? Map.of()
        : context.namespaceLabels(object.namespace());
    String operation = change.operation().name();
    if (!policyMatch.matches(object, nsLabels, operation)
        || !bindingMatch.matches(object, nsLabels, operation)) {
      return;
    }
    // All expressions of the policy on this object share one budget, as on the API server.
    EvaluationBudget budget = cel.budget();
    Map<String, Object> vars = CelRuleCompiler.variables(change);
    if (paramKind != null) {
      Optional<Manifest> params = params(object);
      if (params.isEmpty()) {
        if (!"Allow".equals(paramRef.get("parameterNotFoundAction"))) {
          out.add("", "no " + paramKind.kind() + " " + paramRef.get("name")
              + " found for the policy's params");
        }
        return;
      }
      vars.put("params", CelValues.of(params.get().object()));
    }
    vars.put("request", request(change));
    if (!object.namespace().isEmpty()) {
      vars.put("namespaceObject", CelValues.of(context.namespaceObject(object.namespace())));
    }
    vars.put("variables", new LazyVariables(variables, vars, budget));
    for (CompiledExpression condition : conditions) {
      if (!Boolean.TRUE.equals(condition.eval(vars, budget))) {
        return;
      }
    }
    RuntimeException firstError = null;
    for (Validation v : validations) {
      try {
        if (!Boolean.TRUE.equals(v.program().eval(vars, budget))) {
          // The reason picks the HTTP status of a real denial; offline it is part of the message.
          out.add("", v.reason().isEmpty() ? message(v, vars, budget)
              : message(v, vars, budget) + " (reason " + v.reason() + ")");
        }
      } catch (RuntimeException e) {
        // Evaluate the others too; the first error then goes to the failure policy.
        firstError = firstError == null ? e : firstError;
      }
    }
    // Audit annotations are recorded whether or not the validations passed, as the API server
    // does; a null value means no annotation.
    for (AuditAnnotation a : auditAnnotations) {
      try {
        Object value = a.program().eval(vars, budget);
        if (value != null && !(value instanceof dev.cel.common.values.NullValue)
            && !(value instanceof com.google.protobuf.NullValue)) {
          out.audit("", "audit annotation " + policyName + "/" + a.key() + ": " + value);
        }
      } catch (RuntimeException e) {
        firstError = firstError == null ? e : firstError;
      }
    }
    if (firstError != null) {
      throw firstError;
    }
  }

  private Optional<Manifest> params(Manifest object) {
    String name = string(paramRef.get("name"));
    if (name.isEmpty()) {
      return Optional.empty();
    }
    String namespace = paramRef.get("namespace") instanceof String ns ? ns : object.namespace();
    Optional<Manifest> found =
        context.find(paramKind.apiVersion(), paramKind.kind(), namespace, name);
    return found.isPresent() ? found
        : context.find(paramKind.apiVersion(), paramKind.kind(), "", name);
  }

  private static String message(Validation v, Map<String, Object> vars, EvaluationBudget budget) {
    if (v.messageProgram() != null) {
      try {
        Object m = v.messageProgram().eval(vars, budget);
        if (m instanceof String s && !s.isBlank()) {
          return s;
        }
      } catch (RuntimeException e) {
        // As in Kubernetes, a failing messageExpression falls back to the static message.
      }
    }
    return v.message().isEmpty() ? "failed expression: " + v.expression() : v.message();
  }

  private static Map<String, Object> request(ObjectChange change) {
    Manifest object = change.object();
    String apiVersion = object.apiVersion();
    int slash = apiVersion.indexOf('/');
    return Map.of(
        "operation", change.operation().name(),
        "name", object.name(),
        "namespace", object.namespace(),
        "kind", Map.of("group", slash < 0 ? "" : apiVersion.substring(0, slash),
            "version", apiVersion.substring(slash + 1), "kind", object.kind()));
  }

  private static Map<?, ?> map(Object o) {
    return o instanceof Map<?, ?> m ? m : Map.of();
  }

  private static List<Map<?, ?>> maps(Object o) {
    if (!(o instanceof List<?> l)) {
      return List.of();
    }
    return l.stream().filter(Map.class::isInstance).<Map<?, ?>>map(x -> (Map<?, ?>) x).toList();
  }

  private static String string(Object o) {
    return o instanceof String s ? s : "";
  }

  /** One {@code auditAnnotations} entry: its key and compiled value expression. */
  private record AuditAnnotation(String key, CompiledExpression program) {}
}
