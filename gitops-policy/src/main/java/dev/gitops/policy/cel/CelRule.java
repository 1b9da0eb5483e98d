package dev.gitops.policy.cel;

import static java.util.Objects.requireNonNull;

import dev.gitops.policy.FailurePolicy;
import dev.gitops.policy.ObjectChange.Operation;
import dev.gitops.policy.Severity;
import java.util.Set;

/**
 * A rule written in CEL, as data: the expression must evaluate to {@code true} for a valid object
 * (as in Kubernetes ValidatingAdmissionPolicy validations). Compile it with
 * {@link CelRuleCompiler#compile(CelRule)}.
 *
 * <p>The expression sees {@code object}, the object as a map (fields missing from the object are
 * errors when read: test them with {@code has(object.spec.x)}), and {@code oldObject}, the object
 * before a planned update or delete ({@code null} for creates and for objects judged without a
 * plan). On a delete {@code object} is {@code null}.
 *
 * @param id rule id
 * @param expression CEL expression of type bool
 * @param message the verdict's message when the expression is false; empty for
 *     {@code failed expression: <expression>}
 * @param path the field path the verdict points at; empty for the object
 * @param kinds kinds the rule applies to; empty for every kind
 * @param operations the operations the rule applies to; CREATE and UPDATE by default (an object
 *     judged without a plan counts as a create)
 * @param severity severity of violations
 * @param failurePolicy what an evaluation error (or an exhausted budget) counts as
 */
public record CelRule(
    String id,
    String expression,
    String message,
    String path,
    Set<String> kinds,
    Set<Operation> operations,
    Severity severity,
    FailurePolicy failurePolicy) {

  public CelRule {
    requireNonNull(id, "id");
    requireNonNull(expression, "expression");
    requireNonNull(message, "message");
    requireNonNull(path, "path");
    kinds = Set.copyOf(kinds);
    operations = Set.copyOf(operations);
    requireNonNull(severity, "severity");
    requireNonNull(failurePolicy, "failurePolicy");
  }

  /** A rule over every kind, severity MEDIUM, failing closed. */
  public static CelRule of(String id, String expression, String message) {
    return new CelRule(id, expression, message, "", Set.of(),
        Set.of(Operation.CREATE, Operation.UPDATE), Severity.MEDIUM, FailurePolicy.FAIL);
  }

  /** The same rule, applied only to objects of the given kinds. */
  public CelRule forKinds(String... newKinds) {
    return new CelRule(id, expression, message, path, Set.of(newKinds), operations, severity,
        failurePolicy);
  }

  /** The same rule, its verdicts pointing at the given field path. */
  public CelRule withPath(String newPath) {
    return new CelRule(id, expression, message, newPath, kinds, operations, severity,
        failurePolicy);
  }

  /** The same rule, applied to the given operations (for example DELETE, to forbid deletions). */
  public CelRule forOperations(Operation... newOperations) {
    return new CelRule(id, expression, message, path, kinds, Set.of(newOperations), severity,
        failurePolicy);
  }

  /** The same rule with another severity. */
  public CelRule withSeverity(Severity newSeverity) {
    return new CelRule(id, expression, message, path, kinds, operations, newSeverity,
        failurePolicy);
  }

  /** The same rule with another failure policy. */
  public CelRule withFailurePolicy(FailurePolicy newPolicy) {
    return new CelRule(id, expression, message, path, kinds, operations, severity, newPolicy);
  }

  /** The message a violation gets. */
  String violationMessage() {
    return message.isEmpty() ? "failed expression: " + expression : message;
  }
}
