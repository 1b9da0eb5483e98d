package dev.gitops.policy;

/**
 * What a violation of a rule does, set per rule set and overridable per rule.
 *
 * <ul>
 *   <li>{@link #ENFORCE}: the violation is a {@link Action#DENY} verdict; a {@link Gate} denies.
 *   <li>{@link #WARN}: a {@link Action#WARN} verdict; shown to the user, never denies.
 *   <li>{@link #AUDIT}: an {@link Action#AUDIT} verdict; recorded only, never denies. Lets a new
 *       rule run against real traffic before it is enforced.
 * </ul>
 */
public enum EnforcementMode {
  /** Violations deny. */
  ENFORCE(Action.DENY),
  /** Violations warn. */
  WARN(Action.WARN),
  /** Violations are recorded. */
  AUDIT(Action.AUDIT);

  private final Action action;

  EnforcementMode(Action action) {
    this.action = action;
  }

  /** The action a violation under this mode gets. */
  public Action action() {
    return action;
  }
}
