package dev.gitops.policy;

/** What a {@link Verdict} means for the object it is about. */
public enum Action {
  /** A violation of an enforced rule; the object must not be applied. */
  DENY,
  /** A violation of a rule in warn mode. */
  WARN,
  /** A violation of a rule in audit mode. */
  AUDIT,
  /** A violation that an {@link Exemption} waived; reported so that no waiver is silent. */
  EXEMPTED
}
