package dev.gitops.policy;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/**
 * A named check with its severity and failure policy. The enforcement mode belongs to the
 * {@link RuleSet} the rule is used in, so one rule can be enforced in one place and audited in
 * another.
 *
 * @param id stable identifier, lower-case words separated by dashes (used in exemption
 *     annotations)
 * @param severity how serious a violation is
 * @param description one sentence: what the rule requires
 * @param failurePolicy what an evaluation error counts as
 * @param check the logic, over changes; a rule made from an object {@link Check} runs it on the
 *     object after creates and updates and ignores deletes
 */
public record Rule(
    String id,
    Severity severity,
    String description,
    FailurePolicy failurePolicy,
    ChangeCheck check) {
  private static final Pattern ID = Pattern.compile("[a-z0-9]([a-z0-9.-]*[a-z0-9])?");

  public Rule {
    requireNonNull(id, "id");
    requireNonNull(severity, "severity");
    requireNonNull(description, "description");
    requireNonNull(failurePolicy, "failurePolicy");
    requireNonNull(check, "check");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "rule id must be lower-case letters, digits, '.' and '-': " + id);
    }
  }

  /** A rule over objects that fails closed ({@link FailurePolicy#FAIL}). */
  public static Rule of(String id, Severity severity, String description, Check check) {
    return new Rule(id, severity, description, FailurePolicy.FAIL, onObject(check));
  }

  /** A rule over changes that fails closed ({@link FailurePolicy#FAIL}). */
  public static Rule ofChange(String id, Severity severity, String description,
      ChangeCheck check) {
    return new Rule(id, severity, description, FailurePolicy.FAIL, check);
  }

  /** Runs an object check on the object after creates and updates; deletes have nothing to judge. */
  public static ChangeCheck onObject(Check check) {
    requireNonNull(check, "check");
    return (change, out) -> {
      if (change.after() != null) {
        check.check(change.after(), out);
      }
    };
  }

  public Rule withSeverity(Severity newSeverity) {
    return new Rule(id, newSeverity, description, failurePolicy, check);
  }

  public Rule withFailurePolicy(FailurePolicy newPolicy) {
    return new Rule(id, severity, description, newPolicy, check);
  }
}
