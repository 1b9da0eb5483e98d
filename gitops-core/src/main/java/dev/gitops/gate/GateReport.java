package dev.gitops.gate;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a gate said: allowed or not, and every finding (denials, warnings, audits, exemptions).
 *
 * @param allowed false when at least one finding denies
 * @param findings every finding, in the gate's order
 */
public record GateReport(boolean allowed, List<Finding> findings) {
  public GateReport {
    findings = List.copyOf(findings);
    if (allowed && findings.stream().anyMatch(Finding::denies)) {
      throw new IllegalArgumentException("a report with denying findings cannot allow");
    }
  }

  /** Allowed, with these findings (none may deny). */
  public static GateReport of(List<Finding> findings) {
    return new GateReport(findings.stream().noneMatch(Finding::denies), findings);
  }

  /** Allowed, nothing found. */
  public static GateReport allow() {
    return new GateReport(true, List.of());
  }

  /** The findings that deny. */
  public List<Finding> denials() {
    return findings.stream().filter(Finding::denies).toList();
  }

  /**
   * Both reports together: allowed only if both are. A finding both made (the same rule on the
   * same object and field, with the same message: an object rule sees a created object once in
   * the objects and once in the changes) is listed once.
   */
  public GateReport and(GateReport other) {
    Set<Finding> all = new LinkedHashSet<>(findings);
    all.addAll(other.findings);
    return new GateReport(allowed && other.allowed, new ArrayList<>(all));
  }
}
