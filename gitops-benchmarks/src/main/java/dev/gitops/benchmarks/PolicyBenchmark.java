package dev.gitops.benchmarks;

import dev.gitops.model.Manifest;
import dev.gitops.model.SourceLocation;
import dev.gitops.policy.Action;
import dev.gitops.policy.Rule;
import dev.gitops.policy.RulePolicy;
import dev.gitops.policy.RuleSet;
import dev.gitops.policy.Verdict;
import dev.gitops.policy.cel.CelRule;
import dev.gitops.policy.cel.CelRuleCompiler;
import dev.gitops.policy.rules.ApiVersionRules;
import dev.gitops.policy.rules.ImageRules;
import dev.gitops.policy.rules.KubernetesVersion;
import dev.gitops.policy.rules.MetadataRules;
import dev.gitops.policy.rules.ResourceRules;
import dev.gitops.policy.rules.RuleSets;
import dev.gitops.policy.rules.ServiceRules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Policy evaluation throughput: 10,000 rendered objects (Deployments, StatefulSets, CronJobs,
 * Services and ConfigMaps with pseudo-random contents, a share of them violating rules) against 20
 * rules. One operation is one object judged by every rule, so the score is objects per second.
 *
 * <p>{@code rules=builtin}: 20 built-in rules (the 14 of PSS restricted, latest tags, resources,
 * probes, NodePorts, required labels and removed API versions). {@code rules=mixed}: the first 15
 * of those and 5 CEL rules.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class PolicyBenchmark {
  static final int OBJECTS = 10_000;
  static final int RULES = 20;

  @Param({"builtin", "mixed"})
  public String rules;

  private List<Manifest> objects;
  private RulePolicy policy;

  /** Generates the objects and compiles the policy, outside the measurement. */
  @Setup
  public void setUp() {
    objects = objects(OBJECTS, new Random(42));
    List<Rule> all = new ArrayList<>();
    all.addAll(RuleSets.podSecurityRestricted().rules());
    all.add(ImageRules.noLatestTag());
    all.add(ResourceRules.resourcesSet());
    all.add(ResourceRules.probesSet());
    all.add(ServiceRules.noNodePort());
    all.add(MetadataRules.requiredLabels(List.of("app.kubernetes.io/name", "team")));
    all.add(ApiVersionRules.removed(KubernetesVersion.of(1, 29)));
    if (rules.equals("mixed")) {
      all = new ArrayList<>(all.subList(0, RULES - 5));
      all.addAll(CelRuleCompiler.create().compileAll(celRules()));
    } else if (!rules.equals("builtin")) {
      throw new IllegalArgumentException("rules must be builtin or mixed: " + rules);
    }
    if (all.size() != RULES) {
      throw new IllegalStateException("expected " + RULES + " rules, have " + all.size());
    }
    policy = RulePolicy.of(RuleSet.of("bench", all).withMode(dev.gitops.policy.EnforcementMode.AUDIT));
    // Check the fixture exercises the rules: some objects pass, many verdicts are produced.
    List<Verdict> verdicts = policy.evaluate(objects);
    long flagged = verdicts.stream().map(Verdict::object).distinct().count();
    if (verdicts.isEmpty() || flagged == OBJECTS
        || verdicts.stream().anyMatch(v -> v.message().startsWith("rule could not be evaluated"))
        || verdicts.stream().anyMatch(v -> v.action() != Action.AUDIT)) {
      throw new IllegalStateException("fixture does not exercise the rules: " + verdicts.size()
          + " verdicts on " + flagged + " objects");
    }
  }

  @Benchmark
  @OperationsPerInvocation(OBJECTS)
  public int evaluate() {
    return policy.evaluate(objects).size();
  }

  static List<CelRule> celRules() {
    String containers = "object.spec.template.spec.containers";
    return List.of(
        CelRule.of("cel-max-replicas",
            "!has(object.spec.replicas) || object.spec.replicas <= 20", "at most 20 replicas")
            .forKinds("Deployment", "StatefulSet"),
        CelRule.of("cel-image-registry",
            containers + ".all(c, c.image.startsWith('registry.example.com/'))",
            "images from registry.example.com").forKinds("Deployment", "StatefulSet"),
        CelRule.of("cel-memory-limit", containers + ".all(c, !has(c.resources.limits.memory) "
            + "|| quantity(c.resources.limits.memory).isLessThan(quantity('4Gi')))",
            "memory limit below 4Gi").forKinds("Deployment", "StatefulSet"),
        CelRule.of("cel-team-label", "has(object.metadata.labels) "
            + "&& has(object.metadata.labels.team) && object.metadata.labels.team.matches('^[a-z]+$')",
            "team label is lower-case letters"),
        CelRule.of("cel-port-range", "!has(object.spec.ports) || "
            + "object.spec.ports.all(p, p.port > 0 && p.port < 32768)", "ports below 32768")
            .forKinds("Service"));
  }

  /** Deterministic objects: 40% Deployments, 20% each StatefulSets and Services, 10% CronJobs and ConfigMaps. */
  static List<Manifest> objects(int count, Random random) {
    List<Manifest> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int pick = random.nextInt(10);
      String ns = "team-" + (i % 10);
      String name = "app-" + i;
      Map<String, Object> object = switch (pick) {
        case 0, 1, 2, 3 -> workload("apps/v1", "Deployment", ns, name, random, false);
        case 4, 5 -> workload("apps/v1", "StatefulSet", ns, name, random, false);
        case 6 -> workload(random.nextInt(5) == 0 ? "batch/v1beta1" : "batch/v1", "CronJob", ns,
            name, random, true);
        case 7, 8 -> service(ns, name, random);
        default -> configMap(ns, name, random);
      };
      out.add(Manifest.of(object, new SourceLocation("apps/" + ns + "/" + name + ".yaml", 1)));
    }
    return out;
  }

  private static Map<String, Object> metadata(String ns, String name, Random random) {
    Map<String, Object> labels = new LinkedHashMap<>();
    labels.put("app.kubernetes.io/name", name);
    if (random.nextInt(10) > 0) {
      labels.put("team", random.nextInt(20) == 0 ? "Team-X" : "payments");
    }
    return Map.of("name", name, "namespace", ns, "labels", labels);
  }

  private static Map<String, Object> workload(String apiVersion, String kind, String ns,
      String name, Random random, boolean cron) {
    List<Object> containers = new ArrayList<>();
    int n = 1 + random.nextInt(3);
    for (int c = 0; c < n; c++) {
      boolean hardened = random.nextInt(4) > 0;
      Map<String, Object> container = new LinkedHashMap<>();
      container.put("name", "c" + c);
      container.put("image", (random.nextInt(8) == 0 ? "docker.io/acme/" : "registry.example.com/")
          + name + ":" + (random.nextInt(10) == 0 ? "latest" : "1." + c));
      container.put("ports", List.of(Map.of("containerPort", 8080L + c)));
      container.put("resources", Map.of(
          "requests", Map.of("cpu", "100m", "memory", "128Mi"),
          "limits", Map.of("cpu", "1", "memory", random.nextInt(10) == 0 ? "8Gi" : "512Mi")));
      container.put("readinessProbe", Map.of("httpGet", Map.of("path", "/ready", "port", 8080L)));
      container.put("livenessProbe", Map.of("httpGet", Map.of("path", "/live", "port", 8080L)));
      container.put("securityContext", hardened
          ? Map.of("allowPrivilegeEscalation", false, "readOnlyRootFilesystem", true,
              "capabilities", Map.of("drop", List.of("ALL")))
          : Map.of("privileged", random.nextBoolean()));
      containers.add(container);
    }
    Map<String, Object> podSpec = new LinkedHashMap<>();
    podSpec.put("securityContext", Map.of("runAsNonRoot", true,
        "seccompProfile", Map.of("type", "RuntimeDefault")));
    podSpec.put("containers", containers);
    podSpec.put("volumes", List.of(Map.of("name", "config", "configMap", Map.of("name", name))));
    Map<String, Object> template = Map.of("metadata", Map.of("labels", Map.of("app", name)),
        "spec", podSpec);
    Map<String, Object> spec = cron
        ? Map.of("schedule", "0 * * * *", "jobTemplate", Map.of("spec", Map.of("template", template)))
        : Map.of("replicas", (long) (1 + random.nextInt(25)), "template", template);
    return Map.of("apiVersion", apiVersion, "kind", kind, "metadata", metadata(ns, name, random),
        "spec", spec);
  }

  private static Map<String, Object> service(String ns, String name, Random random) {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("type", random.nextInt(10) == 0 ? "NodePort" : "ClusterIP");
    spec.put("ports", List.of(Map.of("port", random.nextInt(10) == 0 ? 40000L : 80L,
        "targetPort", 8080L)));
    return Map.of("apiVersion", "v1", "kind", "Service", "metadata", metadata(ns, name, random),
        "spec", spec);
  }

  private static Map<String, Object> configMap(String ns, String name, Random random) {
    return Map.of("apiVersion", "v1", "kind", "ConfigMap",
        "metadata", metadata(random.nextInt(10) == 0 ? "default" : ns, name, random),
        "data", Map.of("key", "value-" + random.nextInt(1000)));
  }
}
