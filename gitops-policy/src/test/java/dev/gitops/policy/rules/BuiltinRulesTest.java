package dev.gitops.policy.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.model.Manifest;
import dev.gitops.policy.Action;
import dev.gitops.policy.Rule;
import dev.gitops.policy.RulePolicy;
import dev.gitops.policy.RuleSet;
import dev.gitops.policy.TestObjects;
import dev.gitops.policy.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every built-in rule against its fixtures in {@code src/test/resources/rules/<rule-id>/}: no
 * verdict on {@code pass.yaml}, and on {@code fail.yaml} exactly the verdicts listed in
 * {@code expected.txt} (one {@code <object name> <field path>} a line, in order).
 */
class BuiltinRulesTest {
  static final KubernetesVersion TARGET = KubernetesVersion.of(1, 29);

  static Stream<Rule> rules() {
    return Stream.of(
        ImageRules.noLatestTag(),
        ImageRules.allowedRegistries(List.of("registry.example.com", "ghcr.io/acme/",
            "docker.io/library")),
        ResourceRules.resourcesSet(),
        ResourceRules.probesSet(),
        MetadataRules.requiredLabels(List.of("app.kubernetes.io/name", "team")),
        MetadataRules.noDefaultNamespace(),
        SecurityContextRules.noPrivileged(),
        SecurityContextRules.runAsNonRoot(),
        SecurityContextRules.noPrivilegeEscalation(),
        SecurityContextRules.dropAllCapabilities(),
        SecurityContextRules.baselineCapabilities(),
        SecurityContextRules.seccompProfile(),
        SecurityContextRules.noUnconfinedSeccomp(),
        SecurityContextRules.readOnlyRootFilesystem(),
        SecurityContextRules.defaultProcMount(),
        SecurityContextRules.noHostProcess(),
        SecurityContextRules.restrictedVolumeTypes(),
        SecurityContextRules.noUnconfinedAppArmor(),
        SecurityContextRules.seLinuxOptions(),
        SecurityContextRules.safeSysctls(),
        HostRules.noHostPath(),
        HostRules.noHostNamespaces(),
        HostRules.noHostPorts(),
        ServiceRules.noNodePort(),
        ServiceRules.noExternalIps(),
        ApiVersionRules.removed(TARGET),
        ApiVersionRules.deprecated(TARGET));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void passes(Rule rule) {
    List<Manifest> objects = TestObjects.load("rules/" + rule.id() + "/pass.yaml");
    assertThat(objects).isNotEmpty();

    assertThat(RulePolicy.of(RuleSet.of("t", rule)).evaluate(objects)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void fails(Rule rule) throws IOException {
    String dir = "rules/" + rule.id() + "/";
    List<Verdict> verdicts = RulePolicy.of(RuleSet.of("t", rule))
        .evaluate(TestObjects.load(dir + "fail.yaml"));

    assertThat(verdicts).extracting(v -> v.object().name() + " " + v.path())
        .containsExactlyElementsOf(resourceLines(dir + "expected.txt"));
    assertThat(verdicts).allSatisfy(v -> {
      assertThat(v.ruleId()).isEqualTo(rule.id());
      assertThat(v.action()).isEqualTo(Action.DENY);
      assertThat(v.source().path()).isEqualTo(dir + "fail.yaml");
      assertThat(v.source().line()).isPositive();
    });
  }

  @Test
  void messagesNameTheContainerAndValue() {
    List<Verdict> verdicts = RulePolicy.of(RuleSet.of("t", ImageRules.noLatestTag()))
        .evaluate(TestObjects.load("rules/no-latest-tag/fail.yaml"));

    assertThat(verdicts).extracting(Verdict::message).containsExactly(
        "container latest: image nginx:latest uses the latest tag",
        "container untagged: image registry.example.com:5000/web has no tag (means latest)",
        "init container setup: image busybox has no tag (means latest)",
        "ephemeral container shell: image busybox:latest uses the latest tag");
    assertThat(verdicts.get(2).source().line()).isEqualTo(12);
  }

  @Test
  void apiVersionMessagesNameTheReplacement() {
    List<Verdict> verdicts = RulePolicy.of(RuleSet.of("t", ApiVersionRules.removed(TARGET)))
        .evaluate(TestObjects.load("rules/removed-api-versions/fail.yaml"));

    assertThat(verdicts).extracting(Verdict::message).contains(
        "extensions/v1beta1 Deployment is not served since 1.16; use apps/v1",
        "policy/v1beta1 PodSecurityPolicy is not served since 1.25 (no replacement)");
    assertThat(RulePolicy.of(RuleSet.of("t", ApiVersionRules.removed(KubernetesVersion.of(1, 24))))
        .evaluate(TestObjects.load("rules/removed-api-versions/fail.yaml")))
        .extracting(v -> v.object().name()).containsExactly("ancient");
  }

  @Test
  void imageNames() {
    assertThat(ImageRules.normalize("nginx")).isEqualTo("docker.io/library/nginx");
    assertThat(ImageRules.normalize("acme/app:1")).isEqualTo("docker.io/acme/app:1");
    assertThat(ImageRules.normalize("localhost/app")).isEqualTo("localhost/app");
    assertThat(ImageRules.tag("registry:5000/app")).isNull();
    assertThat(ImageRules.tag("registry:5000/app:v2")).isEqualTo("v2");
  }

  @Test
  void kubernetesVersions() {
    assertThat(KubernetesVersion.parse("v1.30.2-eks-1")).isEqualTo(KubernetesVersion.of(1, 30));
    assertThat(KubernetesVersion.parse("1.9").compareTo(KubernetesVersion.parse("1.16")))
        .isNegative();
  }

  @Test
  void ruleSetsHoldTheDocumentedRules() {
    assertThat(RulePolicy.of(RuleSets.podSecurityBaseline()).ruleIds()).containsExactly(
        "no-privileged", "no-host-process", "no-host-namespaces", "no-host-path", "no-host-ports",
        "default-proc-mount", "no-unconfined-apparmor", "selinux-options", "safe-sysctls",
        "baseline-capabilities", "no-unconfined-seccomp");
    assertThat(RulePolicy.of(RuleSets.podSecurityRestricted()).ruleIds()).containsExactly(
        "no-privileged", "no-host-process", "no-host-namespaces", "no-host-path", "no-host-ports",
        "default-proc-mount", "no-unconfined-apparmor", "selinux-options", "safe-sysctls",
        "restricted-volume-types", "no-privilege-escalation",
        "run-as-non-root", "seccomp-profile", "drop-all-capabilities");
    // Hygiene shares no rule with either PSS set, so they combine in one policy.
    assertThat(RulePolicy.of(RuleSets.podSecurityRestricted(), RuleSets.workloadHygiene())
        .ruleIds()).hasSize(21);
  }

  @Test
  void restrictedPodPassesRestricted() {
    List<Manifest> objects = TestObjects.yaml("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: hardened, namespace: apps}
        spec:
          template:
            spec:
              securityContext:
                runAsNonRoot: true
                seccompProfile: {type: RuntimeDefault}
              containers:
                - name: app
                  image: app:1
                  securityContext:
                    allowPrivilegeEscalation: false
                    capabilities: {drop: [ALL]}
        """);

    assertThat(RulePolicy.of(RuleSets.podSecurityRestricted()).evaluate(objects)).isEmpty();
  }

  @Test
  void everyRuleIsDocumented() throws IOException {
    String docs = Files.readString(Path.of("..", "docs", "policy-rules.md"));
    assertThat(rules()).allSatisfy(r -> assertThat(docs).contains("### `" + r.id() + "`"));
  }

  private static List<String> resourceLines(String resource) throws IOException {
    try (InputStream in = BuiltinRulesTest.class.getResourceAsStream("/" + resource)) {
      assertThat(in).as(resource).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .filter(l -> !l.isBlank()).toList();
    }
  }
}
