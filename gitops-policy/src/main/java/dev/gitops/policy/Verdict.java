package dev.gitops.policy;

import static java.util.Objects.requireNonNull;

import dev.gitops.model.ObjectKey;
import dev.gitops.model.SourceLocation;

/**
 * One finding of one rule on one object: a value, never an exception.
 *
 * @param ruleId the rule's id, for example {@code no-privileged}
 * @param object the object the finding is about
 * @param severity the rule's severity
 * @param action what the finding means: deny, warn, audit, or exempted
 * @param message what is wrong, naming the container or field
 * @param path the offending field, for example
 *     {@code spec.template.spec.containers[1].securityContext.privileged}; empty for the object as
 *     a whole
 * @param source where the object was declared; {@link SourceLocation#unknown()} for live objects
 */
public record Verdict(
    String ruleId,
    ObjectKey object,
    Severity severity,
    Action action,
    String message,
    String path,
    SourceLocation source) {

  public Verdict {
    requireNonNull(ruleId, "ruleId");
    requireNonNull(object, "object");
    requireNonNull(severity, "severity");
    requireNonNull(action, "action");
    requireNonNull(message, "message");
    requireNonNull(path, "path");
    requireNonNull(source, "source");
  }

  /** Whether this verdict denies the object. */
  public boolean denies() {
    return action == Action.DENY;
  }

  /** {@code file:line Kind ns/name: [rule-id DENY] message (path)}. */
  @Override
  public String toString() {
    String where = source.path().isEmpty() ? "" : source + " ";
    String field = path.isEmpty() ? "" : " (" + path + ")";
    return where + object + ": [" + ruleId + " " + action + "] " + message + field;
  }
}
