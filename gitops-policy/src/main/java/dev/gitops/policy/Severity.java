package dev.gitops.policy;

/** How serious a rule's violation is; informational only, it does not decide allow or deny. */
public enum Severity {
  LOW,
  MEDIUM,
  HIGH,
  CRITICAL
}
