package dev.gitops.policy.rules;

import dev.gitops.policy.Rule;
import dev.gitops.policy.RuleSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Named rule sets of built-in rules, all enforcing; change the mode with
 * {@link RuleSet#withMode}. The Pod Security Standards sets are alternatives (restricted includes
 * baseline's checks); {@link #workloadHygiene()} shares no rule with them, so it can be combined
 * with either.
 */
public final class RuleSets {
  public static final String PSS_BASELINE = "pss-baseline";
  public static final String PSS_RESTRICTED = "pss-restricted";
  public static final String WORKLOAD_HYGIENE = "workload-hygiene";

  private RuleSets() {}

  /**
   * Pod Security Standards, baseline: no privileged or HostProcess containers, no host
   * namespaces, hostPath volumes or host ports, the default /proc mount, no Unconfined AppArmor
   * profile, restricted SELinux options, safe sysctls only, capabilities added only from the
   * baseline list, no Unconfined seccomp profile.
   */
  public static RuleSet podSecurityBaseline() {
    return RuleSet.of(PSS_BASELINE, baselineRules(true));
  }

  /**
   * Pod Security Standards, restricted: baseline, plus restricted volume types, no privilege
   * escalation, non-root, a RuntimeDefault or Localhost seccomp profile (replacing baseline's
   * Unconfined check), and ALL capabilities dropped with at most NET_BIND_SERVICE added
   * (replacing baseline's capability list).
   */
  public static RuleSet podSecurityRestricted() {
    List<Rule> rules = new ArrayList<>(baselineRules(false));
    rules.add(SecurityContextRules.restrictedVolumeTypes());
    rules.add(SecurityContextRules.noPrivilegeEscalation());
    rules.add(SecurityContextRules.runAsNonRoot());
    rules.add(SecurityContextRules.seccompProfile());
    rules.add(SecurityContextRules.dropAllCapabilities());
    return RuleSet.of(PSS_RESTRICTED, rules);
  }

  /**
   * Workload practice outside the Pod Security Standards: pinned images, resources, probes,
   * read-only root filesystems, no default namespace, no NodePort or externalIPs Services.
   */
  public static RuleSet workloadHygiene() {
    return RuleSet.of(WORKLOAD_HYGIENE,
        ImageRules.noLatestTag(),
        ResourceRules.resourcesSet(),
        ResourceRules.probesSet(),
        SecurityContextRules.readOnlyRootFilesystem(),
        MetadataRules.noDefaultNamespace(),
        ServiceRules.noNodePort(),
        ServiceRules.noExternalIps());
  }

  private static List<Rule> baselineRules(boolean baselineOnlyChecks) {
    List<Rule> rules = new ArrayList<>(List.of(
        SecurityContextRules.noPrivileged(),
        SecurityContextRules.noHostProcess(),
        HostRules.noHostNamespaces(),
        HostRules.noHostPath(),
        HostRules.noHostPorts(),
        SecurityContextRules.defaultProcMount(),
        SecurityContextRules.noUnconfinedAppArmor(),
        SecurityContextRules.seLinuxOptions(),
        SecurityContextRules.safeSysctls()));
    if (baselineOnlyChecks) {
      rules.add(SecurityContextRules.baselineCapabilities());
      rules.add(SecurityContextRules.noUnconfinedSeccomp());
    }
    return rules;
  }
}
