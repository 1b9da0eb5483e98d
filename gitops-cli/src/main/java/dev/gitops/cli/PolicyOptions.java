package dev.gitops.cli;

import dev.gitops.model.Manifest;
import dev.gitops.policy.Policy;
import dev.gitops.policy.RulePolicy;
import dev.gitops.policy.RuleSet;
import dev.gitops.policy.cel.AdmissionPolicies;
import dev.gitops.policy.cel.CelRuleCompiler;
import dev.gitops.policy.rules.RuleSets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/** {@code --policy} and {@code --rules}: which rules the gate judges by. */
final class PolicyOptions {
  /** The built-in rule sets by name (gitops-policy's {@link RuleSets}). */
  static final Map<String, Supplier<RuleSet>> BUILT_IN = builtIn();

  @Option(names = "--policy", paramLabel = "NAME",
      description = "A built-in rule set: pss-baseline, pss-restricted or workload-hygiene. Repeatable.")
  List<String> policies = new ArrayList<>();

  @Option(names = "--rules", paramLabel = "FILE",
      description = "A YAML file of CelRule documents and/or ValidatingAdmissionPolicies with their"
          + " bindings (see docs/cli.md). Repeatable.")
  List<Path> rules = new ArrayList<>();

  /** Whether no rule was asked for. */
  boolean isEmpty() {
    return policies.isEmpty() && rules.isEmpty();
  }

  /**
   * The policy of every named set and rules file. Admission policies find their parameter objects
   * and Namespaces in the rules files and, failing that, among the rendered objects.
   *
   * @param rendered the objects to be judged
   * @throws CliException naming the set or file that cannot be used
   */
  Policy policy(List<Manifest> rendered) {
    RulePolicy.Builder builder = RulePolicy.builder();
    for (String name : policies) {
      Supplier<RuleSet> set = BUILT_IN.get(name);
      if (set == null) {
        throw new CliException("--policy " + name + ": no such rule set; known: " + String.join(", ", BUILT_IN.keySet()));
      }
      add(builder, set.get(), "--policy " + name);
    }
    CelRuleCompiler cel = CelRuleCompiler.create();
    List<Manifest> admission = new ArrayList<>();
    for (Path file : rules) {
      RuleFile f = RuleFile.read(file);
      for (RuleFile.ModedRule r : f.celRules()) {
        try {
          add(builder, RuleSet.of(r.rule().id(), cel.compile(r.rule())).withMode(r.mode()), "rules file " + file);
        } catch (RuntimeException e) {
          throw e instanceof CliException c ? c : new CliException("rules file " + file + ": CelRule " + r.rule().id(), e);
        }
      }
      admission.addAll(f.objects());
    }
    if (!admission.isEmpty()) {
      // Policies and bindings come from the files only: a repository's own are not what CI judges by.
      List<Manifest> context = rendered.stream().filter(m -> !isAdmissionPolicy(m)).toList();
      List<RuleSet> sets;
      try {
        sets = AdmissionPolicies.ruleSets(admission, context, cel);
      } catch (RuntimeException e) {
        throw new CliException("cannot compile the admission policies of " + rules, e);
      }
      if (sets.isEmpty() && admission.stream().anyMatch(PolicyOptions::isAdmissionPolicy)) {
        throw new CliException("the ValidatingAdmissionPolicies of " + rules + " have no binding: nothing would be checked");
      }
      sets.forEach(s -> add(builder, s, "rules files " + rules));
    }
    return builder.build();
  }

  private static void add(RulePolicy.Builder builder, RuleSet set, String from) {
    try {
      builder.ruleSet(set);
    } catch (IllegalArgumentException e) {
      // pss-baseline and pss-restricted share rules: they are alternatives.
      String hint = set.name().startsWith("pss-") ? " (pss-restricted includes pss-baseline's checks: give one of them)" : "";
      throw new CliException(from + ": " + e.getMessage() + hint);
    }
  }

  private static boolean isAdmissionPolicy(Manifest m) {
    return m.apiVersion().startsWith("admissionregistration.k8s.io/")
        && (m.kind().equals("ValidatingAdmissionPolicy") || m.kind().equals("ValidatingAdmissionPolicyBinding"));
  }

  private static Map<String, Supplier<RuleSet>> builtIn() {
    Map<String, Supplier<RuleSet>> m = new LinkedHashMap<>();
    m.put(RuleSets.PSS_BASELINE, RuleSets::podSecurityBaseline);
    m.put(RuleSets.PSS_RESTRICTED, RuleSets::podSecurityRestricted);
    m.put(RuleSets.WORKLOAD_HYGIENE, RuleSets::workloadHygiene);
    return m;
  }
}
