package dev.gitops.cli;

import static dev.gitops.cli.Cli.resource;
import static dev.gitops.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerifyCommandTest {
  @Test
  void aBuiltInSetDeniesOneLinePerDenialAndExitsOne() {
    Cli.Result r = run("verify", resource("shop"), "--policy", "workload-hygiene");

    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.DENIED);
    List<String> lines = r.out().lines().toList();
    assertThat(lines).filteredOn(l -> l.startsWith("DENY")).hasSize(6)
        .allSatisfy(l -> assertThat(l).contains("apps/Deployment shop/web  "));
    assertThat(lines).contains("DENY    apps/Deployment shop/web  no-latest-tag  container web: image nginx:latest"
        + " uses the latest tag (spec.template.spec.containers[0].image) at web.yaml:2");
    assertThat(lines.get(lines.size() - 1)).isEqualTo("denied: 4 objects, 6 denials, 0 warnings");
  }

  @Test
  void anAllowedVerdictExitsZero() {
    Cli.Result r = run("verify", resource("shop"), "--policy", "pss-baseline");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).isEqualTo("allowed: 4 objects, 0 denials, 0 warnings\n");
  }

  @Test
  void jsonPrintsTheVerdict() {
    Cli.Result r = run("verify", resource("shop"), "--policy", "pss-restricted", "-o", "json");

    assertThat(r.code()).isEqualTo(ExitCode.DENIED);
    Map<String, Object> verdict = r.json();
    assertThat(verdict).containsEntry("allowed", false).containsEntry("objects", 4);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> verdicts = (List<Map<String, Object>>) verdict.get("verdicts");
    assertThat(verdicts).isNotEmpty().hasSize((Integer) verdict.get("denials"));
    assertThat(verdicts).extracting(v -> v.get("rule")).contains("run-as-non-root", "drop-all-capabilities");
    Map<String, Object> first = verdicts.get(0);
    assertThat(first).containsOnlyKeys("object", "rule", "action", "severity", "message", "path", "source");
    assertThat(first.get("object")).isEqualTo(Map.of("group", "apps", "kind", "Deployment", "namespace", "shop",
        "name", "web"));
    assertThat(first.get("source")).isEqualTo(Map.of("path", "web.yaml", "line", 2, "via", List.of()));
  }

  @Test
  void aCelRuleFileDenies() {
    Cli.Result r = run("verify", resource("shop"), "--rules", resource("rules/max-replicas.yaml"));

    assertThat(r.code()).isEqualTo(ExitCode.DENIED);
    assertThat(r.out()).isEqualTo("DENY    apps/Deployment shop/web  max-one-replica  at most one replica"
        + " (spec.replicas) at web.yaml:2\ndenied: 4 objects, 1 denials, 0 warnings\n");
  }

  @Test
  void aCelRuleInWarnModeWarnsAndAllows() {
    Cli.Result r = run("verify", resource("shop"), "--rules", resource("rules/max-replicas-warn.yaml"));

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).startsWith("WARN    apps/Deployment shop/web  max-one-replica")
        .endsWith("allowed: 4 objects, 0 denials, 1 warnings\n");
  }

  @Test
  void aValidatingAdmissionPolicyFileDenies() {
    Cli.Result r = run("verify", resource("shop"), "--rules", resource("rules/admission.yaml"), "-o", "json");

    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.DENIED);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> verdicts = (List<Map<String, Object>>) r.json().get("verdicts");
    assertThat(verdicts).singleElement().satisfies(v -> {
      assertThat(v).containsEntry("rule", "services-need-named-ports.everywhere")
          .containsEntry("action", "DENY").containsEntry("message", "every Service port needs a name");
      assertThat(v.get("object")).isEqualTo(Map.of("group", "", "kind", "Service", "namespace", "shop", "name", "web"));
    });
  }

  @Test
  void policiesAndRuleFilesCombine() {
    Cli.Result r = run("verify", resource("shop"), "--policy", "pss-baseline",
        "--rules", resource("rules/max-replicas.yaml"), "--rules", resource("rules/admission.yaml"));

    assertThat(r.code()).isEqualTo(ExitCode.DENIED);
    assertThat(r.out()).contains("max-one-replica").contains("services-need-named-ports.everywhere")
        .endsWith("denied: 4 objects, 2 denials, 0 warnings\n");
  }

  @Test
  void nothingToVerifyAgainstIsAnError() {
    Cli.Result r = run("verify", resource("shop"));

    assertThat(r.code()).isEqualTo(ExitCode.ERROR);
    assertThat(r.err()).isEqualTo("error: nothing to verify against: give --policy NAME (one of pss-baseline,"
        + " pss-restricted, workload-hygiene) or --rules FILE\n");
  }

  @Test
  void anUnknownRuleSetNamesTheKnownOnes() {
    Cli.Result r = run("verify", resource("shop"), "--policy", "strict");

    assertThat(r.code()).isEqualTo(ExitCode.ERROR);
    assertThat(r.err()).contains("--policy strict: no such rule set; known: pss-baseline, pss-restricted,"
        + " workload-hygiene");
  }

  @Test
  void alternativeSetsCannotBeCombined() {
    Cli.Result r = run("verify", resource("shop"), "--policy", "pss-restricted", "--policy", "pss-baseline");

    assertThat(r.code()).isEqualTo(ExitCode.ERROR);
    assertThat(r.err()).contains("is already in the policy").contains("give one of them").hasLineCount(1);
  }

  @Test
  void aCelRuleWithoutExpressionNamesFileLineAndRule() {
    Cli.Result r = run("verify", resource("shop"), "--rules", resource("rules/no-expression.yaml"));

    assertThat(r.code()).isEqualTo(ExitCode.ERROR);
    assertThat(r.err()).contains("no-expression.yaml line 8, CelRule broken: spec.expression").hasLineCount(1);
  }

  @Test
  void aCelCompileErrorIsOneLineWithoutStackTrace() {
    Cli.Result r = run("verify", resource("shop"), "--rules", resource("rules/bad-cel.yaml"));

    assertThat(r.code()).isEqualTo(ExitCode.ERROR);
    assertThat(r.err()).startsWith("error: rules file ").contains("CelRule unbalanced").contains("does not compile")
        .hasLineCount(1).doesNotContain("\tat ");
  }

  @Test
  void debugAddsTheStackTrace() {
    Cli.Result r = run("verify", "--debug", resource("shop"), "--rules", resource("rules/bad-cel.yaml"));

    assertThat(r.code()).isEqualTo(ExitCode.ERROR);
    assertThat(r.err()).startsWith("error: rules file ").contains("\tat dev.gitops.cli.PolicyOptions");
  }

  @Test
  void aMissingRulesFileIsAnError() {
    Cli.Result r = run("verify", resource("shop"), "--rules", "/no/such/rules.yaml");

    assertThat(r.code()).isEqualTo(ExitCode.ERROR);
    assertThat(r.err()).isEqualTo("error: cannot read rules file /no/such/rules.yaml: NoSuchFileException:"
        + " /no/such/rules.yaml\n");
  }
}
