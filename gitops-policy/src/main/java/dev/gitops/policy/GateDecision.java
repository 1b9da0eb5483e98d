package dev.gitops.policy;

import java.util.List;

/**
 * A gate's answer: whether the objects may be applied, and every verdict behind the answer
 * (warnings, audits and exemptions included).
 *
 * @param allowed false when at least one verdict denies
 * @param verdicts every verdict, in object order
 */
public record GateDecision(boolean allowed, List<Verdict> verdicts) {
  public GateDecision {
    verdicts = List.copyOf(verdicts);
    if (allowed && verdicts.stream().anyMatch(Verdict::denies)) {
      throw new IllegalArgumentException("a decision with a DENY verdict cannot allow");
    }
  }

  /** The decision the verdicts call for: denied if any verdict denies. */
  public static GateDecision of(List<Verdict> verdicts) {
    return new GateDecision(verdicts.stream().noneMatch(Verdict::denies), verdicts);
  }

  /** Allowed, with nothing to report. */
  public static GateDecision allow() {
    return new GateDecision(true, List.of());
  }

  /** Denied, whatever the verdicts say (for example when the gate itself could not run). */
  public static GateDecision deny(List<Verdict> verdicts) {
    return new GateDecision(false, verdicts);
  }

  /** The verdicts that deny. */
  public List<Verdict> denials() {
    return verdicts.stream().filter(Verdict::denies).toList();
  }

  /** The verdicts with the given action. */
  public List<Verdict> withAction(Action action) {
    return verdicts.stream().filter(v -> v.action() == action).toList();
  }

  /**
   * Returns this decision if allowed.
   *
   * @throws PolicyDeniedException carrying this decision if denied
   */
  public GateDecision requireAllowed() {
    if (!allowed) {
      throw new PolicyDeniedException(this);
    }
    return this;
  }
}
