package dev.gitops.policy;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rules used together under one enforcement mode, with optional per-rule overrides.
 *
 * @param name name of the set, for example {@code pss-baseline}
 * @param rules the rules; ids are unique within the set
 * @param mode the mode of every rule not overridden
 * @param overrides modes by rule id
 */
public record RuleSet(
    String name, List<Rule> rules, EnforcementMode mode, Map<String, EnforcementMode> overrides) {

  public RuleSet {
    requireNonNull(name, "name");
    requireNonNull(mode, "mode");
    rules = List.copyOf(rules);
    overrides = Map.copyOf(overrides);
    Set<String> ids = new HashSet<>();
    for (Rule r : rules) {
      if (!ids.add(r.id())) {
        throw new IllegalArgumentException("rule set " + name + " has rule " + r.id() + " twice");
      }
    }
    for (String id : overrides.keySet()) {
      if (!ids.contains(id)) {
        throw new IllegalArgumentException("rule set " + name + " has no rule " + id);
      }
    }
  }

  /** An enforced rule set. */
  public static RuleSet of(String name, List<Rule> rules) {
    return new RuleSet(name, rules, EnforcementMode.ENFORCE, Map.of());
  }

  /** An enforced rule set. */
  public static RuleSet of(String name, Rule... rules) {
    return of(name, List.of(rules));
  }

  /** The same rules under another mode; per-rule overrides are kept. */
  public RuleSet withMode(EnforcementMode newMode) {
    return new RuleSet(name, rules, newMode, overrides);
  }

  /** The same set with one rule under its own mode. */
  public RuleSet withRuleMode(String ruleId, EnforcementMode ruleMode) {
    Map<String, EnforcementMode> m = new HashMap<>(overrides);
    m.put(ruleId, ruleMode);
    return new RuleSet(name, rules, mode, m);
  }

  /** The mode a rule of this set runs under. */
  public EnforcementMode modeOf(String ruleId) {
    return overrides.getOrDefault(ruleId, mode);
  }
}
