package dev.gitops.test;

import dev.gitops.model.Manifest;
import dev.gitops.model.ObjectKey;
import dev.gitops.model.SourceLocation;
import dev.gitops.policy.Verdict;
import java.util.List;
import java.util.stream.Collectors;

/** How failure messages name objects, places and findings: one line each, object and file:line first. */
final class Describe {
  private Describe() {}

  /** {@code apps/v1 Deployment shop/web (apps/prod/web.yaml:12)}. */
  static String object(Manifest m) {
    return object(m.key(), m.source());
  }

  static String object(ObjectKey key, SourceLocation source) {
    return key + " (" + where(source) + ")";
  }

  static String where(SourceLocation source) {
    return source.path().isEmpty() ? "source unknown" : source.toString();
  }

  /** {@code apps/Deployment shop/web (apps/prod/web.yaml:12): rule no-privileged: message (field)}. */
  static String verdict(Verdict v) {
    String field = v.path().isEmpty() ? "" : " (at " + v.path() + ")";
    return object(v.object(), v.source()) + ": rule " + v.ruleId() + " [" + v.action() + "]: "
        + v.message() + field;
  }

  /** The lines as a bulleted list, each on its own line. */
  static String list(List<String> lines) {
    return lines.stream().map(l -> "  - " + l).collect(Collectors.joining("\n", "\n", ""));
  }

  /** An exception as {@code SimpleName: message}. */
  static String error(Throwable e) {
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }
}
