package dev.gitops.examples;

import dev.gitops.apply.SyncOptions;
import dev.gitops.cluster.ApplyOptions;
import dev.gitops.cluster.ControllerSimulator;
import dev.gitops.cluster.InMemoryCluster;
import dev.gitops.engine.Application;
import dev.gitops.engine.Engine;
import dev.gitops.engine.SyncRequest;
import dev.gitops.engine.SyncResult;
import dev.gitops.history.SyncRecord;
import dev.gitops.model.Manifest;
import dev.gitops.model.SourceLocation;
import dev.gitops.plan.Plan;
import dev.gitops.plan.Step;
import dev.gitops.policy.EnforcementMode;
import dev.gitops.policy.Gate;
import dev.gitops.policy.Rule;
import dev.gitops.policy.RulePolicy;
import dev.gitops.policy.RuleSet;
import dev.gitops.policy.rules.RuleSets;
import dev.gitops.source.GitCache;
import dev.gitops.source.GitRef;
import dev.gitops.source.JGitSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;

/**
 * The main job on embedded defaults, as a story: a local Git repository holds a guestbook
 * application; the engine plans it (fetch, render, policy gate, diff: nothing written), syncs it
 * into the in-memory cluster (ordered server-side applies, health, a history record), syncs a new
 * commit that changes one object, adds one and prunes one, finds a change made by hand as drift
 * (field, manager, declaring file) and repairs it, rolls back to the first commit (automated syncs
 * hold until resumed), and prints the history.
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

  /** Runs the quickstart in a working directory and returns the application's history, newest first. */
  public static List<SyncRecord> run(Path work, PrintStream out) {
    Path repoDir = work.resolve("config-repo");
    String first = createExampleRepository(repoDir);
    out.println("Created example repository " + repoDir + " at commit " + first.substring(0, 12));

    // A zero check interval: this story commits and syncs at once (the default checks a remote
    // at most once a minute per repository).
    GitCache cache = GitCache.builder().directory(work.resolve("cache")).checkInterval(Duration.ZERO).build();
    JGitSource source = JGitSource.builder().url(repoDir.toUri().toString()).cache(cache).build();
    InMemoryCluster cluster = InMemoryCluster.create();
    Application app = Application.builder("guestbook")
        .source(source).ref(GitRef.branch("main")).path("apps/guestbook")
        .destination(cluster, "guestbook")
        .options(SyncOptions.defaults().withHealthTimeout(Duration.ofSeconds(30)))
        .build();

    // The in-memory cluster has no controllers; the simulator writes the status they would, so
    // that health means something here.
    try (ControllerSimulator controllers = ControllerSimulator.builder(cluster).start();
        Engine engine = Engine.builder().gate(gate().forEngine()).build()) {
      out.println();
      out.println("== Plan (fetch, render, policy gate, diff; nothing is written)");
      Plan plan = engine.plan(app);
      out.print(plan.describe());

      out.println();
      out.println("== Sync");
      print(out, engine.sync(app, SyncRequest.manual().by("quickstart")));

      out.println();
      out.println("== A new commit: 3 replicas, a new ConfigMap, the old one removed (pruned)");
      commit(repoDir, "Scale the frontend, replace its config", Map.of(
          "apps/guestbook/frontend.yaml", readExample("apps/guestbook/frontend.yaml")
              .replace("replicas: 2", "replicas: 3"),
          "apps/guestbook/settings.yaml", """
              apiVersion: v1
              kind: ConfigMap
              metadata:
                name: frontend-settings
                namespace: guestbook
              data:
                GREETING: "Hello again from Git"
              """), List.of("apps/guestbook/config.yaml"));
      print(out, engine.sync(app, SyncRequest.manual().by("quickstart")));

      out.println();
      out.println("== Drift: 'kubectl scale --replicas=5' by hand (field manager kubectl-edit)");
      cluster.apply(scaled("guestbook", "frontend", 5),
          ApplyOptions.defaults().withFieldManager("kubectl-edit").withForce(true));
      Plan drift = engine.plan(app);
      for (Step step : drift.changes()) {
        out.println("  " + step.action() + " " + step.key() + " declared in " + step.desired().source());
        step.diff().changes().forEach(c -> out.println("    " + c));
        step.diff().unifiedDiff().lines().forEach(l -> out.println("    " + l));
      }
      out.println("Another manager owns spec.replicas now: Git is the source of truth, so the repairing sync"
          + " takes it back (force):");
      print(out, engine.sync(app.withOptions(app.options().withForce(true)), SyncRequest.manual().by("quickstart")));
      out.println("In sync after the repair: " + engine.plan(app).isInSync());

      out.println();
      out.println("== Rollback to the first commit");
      print(out, engine.rollback(app, first.substring(0, 12), "quickstart"));
      SyncResult held = engine.sync(app, SyncRequest.automated());
      out.println("An automated sync now: " + held.outcome() + " (" + held.message() + ")");
      engine.resume(app, "quickstart");
      out.println("After resume, automated syncs follow the branch again: "
          + engine.sync(app, SyncRequest.automated()).outcome());

      out.println();
      out.println("== History (newest first)");
      List<SyncRecord> history = engine.history(app);
      history.forEach(r -> out.println("  " + r));
      return history;
    }
  }

  /** Requirements set up front: Pod Security baseline enforced; restricted and workload hygiene only warn. */
  private static Gate gate() {
    RuleSet security = RuleSets.podSecurityRestricted().withMode(EnforcementMode.WARN);
    for (Rule baseline : RuleSets.podSecurityBaseline().rules()) {
      if (security.rules().stream().anyMatch(r -> r.id().equals(baseline.id()))) {
        security = security.withRuleMode(baseline.id(), EnforcementMode.ENFORCE);
      }
    }
    return Gate.of(RulePolicy.of(security, RuleSets.workloadHygiene().withMode(EnforcementMode.WARN)));
  }

  private static void print(PrintStream out, SyncResult result) {
    out.print(result.describe());
    result.record().ifPresent(r -> out.println("  recorded: " + r));
  }

  /** The Deployment's identity with only {@code spec.replicas}: what a hand-made scale sends. */
  private static Manifest scaled(String namespace, String name, long replicas) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("name", name);
    metadata.put("namespace", namespace);
    Map<String, Object> object = new LinkedHashMap<>();
    object.put("apiVersion", "apps/v1");
    object.put("kind", "Deployment");
    object.put("metadata", metadata);
    object.put("spec", Map.of("replicas", replicas));
    return Manifest.of(object, SourceLocation.unknown());
  }

  private static String createExampleRepository(Path dir) {
    Map<String, String> files = new LinkedHashMap<>();
    EXAMPLE_FILES.forEach(f -> files.put(f, readExample(f)));
    try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
      git.close();
    } catch (GitAPIException e) {
      throw new IllegalStateException("cannot create the example repository in " + dir, e);
    }
    return commit(dir, "Add the guestbook application", files, List.of());
  }

  private static String commit(Path dir, String message, Map<String, String> files, List<String> removed) {
    try (Git git = Git.open(dir.toFile())) {
      for (Map.Entry<String, String> f : files.entrySet()) {
        Path target = dir.resolve(f.getKey());
        Files.createDirectories(target.getParent());
        Files.writeString(target, f.getValue());
        git.add().addFilepattern(f.getKey()).call();
      }
      for (String r : removed) {
        git.rm().addFilepattern(r).call();
      }
      return git.commit().setMessage(message).setSign(false)
          .setAuthor("Quickstart", "quickstart@example.invalid")
          .setCommitter("Quickstart", "quickstart@example.invalid").call().getName();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GitAPIException e) {
      throw new IllegalStateException("cannot commit to the example repository in " + dir, e);
    }
  }

  private static String readExample(String file) {
    try (InputStream in = Quickstart.class.getResourceAsStream("/quickstart/" + file)) {
      if (in == null) {
        throw new IllegalStateException("example file missing from the jar: " + file);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
