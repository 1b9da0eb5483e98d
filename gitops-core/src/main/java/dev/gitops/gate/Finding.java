package dev.gitops.gate;

import static java.util.Objects.requireNonNull;

import dev.gitops.model.ObjectKey;
import dev.gitops.model.SourceLocation;

/**
 * One finding of a gate on one object, as the engine reports and records it.
 *
 * @param ruleId the rule's id
 * @param object the object it is about
 * @param action what it means: {@code DENY}, {@code WARN}, {@code AUDIT} or {@code EXEMPTED}
 * @param severity the rule's severity, for example {@code HIGH}
 * @param message what is wrong
 * @param path the offending field; empty for the object as a whole
 * @param source where the object was declared; unknown for live objects
 */
public record Finding(String ruleId, ObjectKey object, String action, String severity, String message,
    String path, SourceLocation source) {
  /** The action of a finding that stops the sync. */
  public static final String DENY = "DENY";

  public Finding {
    requireNonNull(ruleId, "ruleId");
    requireNonNull(object, "object");
    requireNonNull(action, "action");
    requireNonNull(severity, "severity");
    requireNonNull(message, "message");
    requireNonNull(path, "path");
    requireNonNull(source, "source");
  }

  /** Whether this finding stops the sync. */
  public boolean denies() {
    return DENY.equals(action);
  }

  /** {@code file:line Kind ns/name: [rule-id DENY] message (path)}. */
  @Override
  public String toString() {
    String where = source.path().isEmpty() ? "" : source + " ";
    String field = path.isEmpty() ? "" : " (" + path + ")";
    return where + object + ": [" + ruleId + " " + action + "] " + message + field;
  }
}
