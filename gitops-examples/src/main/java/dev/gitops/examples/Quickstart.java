package dev.gitops.examples;

import dev.gitops.cluster.ApplyOptions;
import dev.gitops.cluster.Cluster;
import dev.gitops.cluster.InMemoryCluster;
import dev.gitops.cluster.LiveObject;
import dev.gitops.diff.DiffOptions;
import dev.gitops.diff.Differ;
import dev.gitops.diff.ResourceDiff;
import dev.gitops.model.Manifest;
import dev.gitops.model.SourceLocation;
import dev.gitops.policy.EnforcementMode;
import dev.gitops.policy.Gate;
import dev.gitops.policy.GateDecision;
import dev.gitops.policy.Rule;
import dev.gitops.policy.RulePolicy;
import dev.gitops.policy.RuleSet;
import dev.gitops.policy.Verdict;
import dev.gitops.policy.rules.RuleSets;
import dev.gitops.model.Snapshot;
import dev.gitops.render.PlainRenderer;
import dev.gitops.render.RenderResult;
import dev.gitops.source.GitCache;
import dev.gitops.source.GitRef;
import dev.gitops.source.JGitSource;
import dev.gitops.source.Source;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;

/**
 * The main job on embedded defaults: makes a local Git repository from the example manifests,
 * reads it through the Git source, renders it, checks it against policies, applies it to the
 * in-memory cluster, prints what was applied, then shows a change made by hand found as drift
 * (what, by whom, declared where) and repaired by the next apply.
 *
 * <p>Run it with {@code ./mvnw -q -Pquickstart -pl gitops-examples -am -DskipTests verify}.
 */
public final class Quickstart {
  static final List<String> EXAMPLE_FILES = List.of(
      "apps/guestbook/namespace.yaml", "apps/guestbook/frontend.yaml", "apps/guestbook/config.yaml");

  private Quickstart() {}

  public static void main(String[] args) throws IOException {
    Path work = Files.createTempDirectory("gitops-quickstart");
    run(work, System.out);
  }

  /** Runs the quickstart in a working directory and returns what was rendered. */
  public static RenderResult run(Path work, PrintStream out) {
    Path repoDir = work.resolve("config-repo");
    String commit = createExampleRepository(repoDir);
    out.println("Created example repository " + repoDir + " at commit " + commit.substring(0, 12));

    GitCache cache = GitCache.builder().directory(work.resolve("cache")).build();
    Source source = JGitSource.builder().url(repoDir.toUri().toString()).cache(cache).build();
    Snapshot snapshot = source.fetch(GitRef.branch("main"), "apps/guestbook");
    out.println("Fetched " + snapshot.revision() + " (" + snapshot.revision().subject() + "), "
        + snapshot.files().size() + " files under " + snapshot.root());

    RenderResult rendered = PlainRenderer.strict().render(snapshot);
    out.println("Rendered " + rendered.objects().size() + " objects:");
    for (Manifest m : rendered.objects()) {
      out.printf("  %-40s from %s%n", m.key(), m.source());
    }

    // Requirements set up front: Pod Security baseline is enforced; restricted and workload
    // hygiene only warn. A denial stops the sync before anything reaches the cluster.
    RuleSet security = RuleSets.podSecurityRestricted().withMode(EnforcementMode.WARN);
    for (Rule baseline : RuleSets.podSecurityBaseline().rules()) {
      if (security.rules().stream().anyMatch(r -> r.id().equals(baseline.id()))) {
        security = security.withRuleMode(baseline.id(), EnforcementMode.ENFORCE);
      }
    }
    Gate gate = Gate.of(RulePolicy.of(security,
        RuleSets.workloadHygiene().withMode(EnforcementMode.WARN)));
    GateDecision decision = gate.check(rendered);
    out.println("Policy gate: " + (decision.allowed() ? "allowed" : "DENIED") + ", "
        + decision.verdicts().size() + " verdicts:");
    for (Verdict v : decision.verdicts()) {
      out.println("  " + v);
    }
    if (!decision.allowed()) {
      out.println("Nothing applied.");
      return rendered;
    }

    Cluster cluster = InMemoryCluster.create();
    out.println("Applying to the in-memory cluster '" + cluster.name() + "' (server-side apply as "
        + ApplyOptions.DEFAULT_FIELD_MANAGER + "):");
    applyAll(cluster, rendered.objects(), ApplyOptions.defaults(), out);
    out.println("Applying the same revision again:");
    applyAll(cluster, rendered.objects(), ApplyOptions.defaults(), out);

    // Drift: someone scales the Deployment by hand; the diff says what, who and where it was declared.
    Differ differ = Differ.of(cluster.schema(), DiffOptions.defaults());
    report(differ, cluster, rendered.objects(), out);
    Manifest frontend = rendered.objects().stream().filter(m -> m.kind().equals("Deployment")).findFirst()
        .orElseThrow();
    cluster.apply(scaled(frontend, 5), ApplyOptions.defaults().withFieldManager("kubectl-edit").withForce(true));
    out.println("After 'kubectl scale --replicas=5' by hand (field manager kubectl-edit):");
    ResourceDiff drift = differ.diff(frontend, cluster.get(frontend.key()));
    out.println("  " + frontend.key() + " " + drift.status());
    drift.changes().forEach(c -> out.println("    " + c));
    drift.unifiedDiff().lines().forEach(l -> out.println("    " + l));
    // Another manager now owns spec.replicas: a plain apply would conflict. Git is the source of
    // truth, so the repairing apply is forced and takes the field back.
    out.println("Applying the revision again, forced, repairs it:");
    applyAll(cluster, rendered.objects(), ApplyOptions.defaults().withForce(true), out);
    report(differ, cluster, rendered.objects(), out);
    return rendered;
  }

  private static void report(Differ differ, Cluster cluster, List<Manifest> objects, PrintStream out) {
    out.println("Drift check:");
    for (Manifest m : objects) {
      out.printf("  %-40s %s%n", m.key(), differ.diff(m, cluster.get(m.key())).status());
    }
  }

  /** The Deployment's identity with only {@code spec.replicas}: what a hand-made scale sends. */
  private static Manifest scaled(Manifest deployment, long replicas) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("name", deployment.name());
    metadata.put("namespace", deployment.namespace());
    Map<String, Object> object = new LinkedHashMap<>();
    object.put("apiVersion", deployment.apiVersion());
    object.put("kind", deployment.kind());
    object.put("metadata", metadata);
    object.put("spec", Map.of("replicas", replicas));
    return Manifest.of(object, SourceLocation.unknown());
  }

  private static void applyAll(Cluster cluster, List<Manifest> objects, ApplyOptions options, PrintStream out) {
    // Namespaces before the objects that live in them; the plan stage will own ordering.
    List<Manifest> ordered = new java.util.ArrayList<>(objects);
    ordered.sort(java.util.Comparator.comparing(m -> !m.kind().equals("Namespace")));
    for (Manifest m : ordered) {
      String before = cluster.get(m.key()).map(LiveObject::resourceVersion).orElse(null);
      LiveObject live = cluster.apply(m, options);
      String what = before == null ? "created"
          : before.equals(live.resourceVersion()) ? "unchanged" : "configured";
      out.printf("  %-40s %-10s resourceVersion %s%n", m.key(), what, live.resourceVersion());
    }
  }

  private static String createExampleRepository(Path dir) {
    try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
      for (String file : EXAMPLE_FILES) {
        Path target = dir.resolve(file);
        Files.createDirectories(target.getParent());
        try (InputStream in = Quickstart.class.getResourceAsStream("/quickstart/" + file)) {
          if (in == null) {
            throw new IllegalStateException("example file missing from the jar: " + file);
          }
          Files.copy(in, target);
        }
      }
      git.add().addFilepattern(".").call();
      return git.commit().setMessage("Add the guestbook application").setSign(false)
          .setAuthor("Quickstart", "quickstart@example.invalid")
          .setCommitter("Quickstart", "quickstart@example.invalid").call().getName();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GitAPIException e) {
      throw new IllegalStateException("cannot create the example repository in " + dir, e);
    }
  }
}
