package dev.gitops.policy.cel;

import dev.gitops.model.GitOpsException;
import org.jspecify.annotations.Nullable;

/**
 * A CEL rule that does not compile (thrown by {@link CelRuleCompiler#compile}), or that failed on
 * one object (thrown into the policy, which turns it into a verdict per the rule's failure
 * policy).
 */
public class CelRuleException extends GitOpsException {
  private static final long serialVersionUID = 1L;

  /** An exception with a message naming the rule. */
  public CelRuleException(String message) {
    super(message);
  }

  /** An exception with a message naming the rule and the CEL error behind it. */
  public CelRuleException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
