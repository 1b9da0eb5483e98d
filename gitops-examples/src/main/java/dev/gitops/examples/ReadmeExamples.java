package dev.gitops.examples;

import dev.gitops.cluster.Cluster;
import dev.gitops.engine.Application;
import dev.gitops.engine.Engine;
import dev.gitops.engine.SyncResult;
import dev.gitops.k8s.FabricCluster;
import dev.gitops.model.Snapshot;
import dev.gitops.plan.Plan;
import dev.gitops.policy.Gate;
import dev.gitops.policy.RulePolicy;
import dev.gitops.policy.rules.RuleSets;
import dev.gitops.render.RenderResult;
import dev.gitops.render.Renderers;
import dev.gitops.source.Credentials;
import dev.gitops.source.GitCache;
import dev.gitops.source.GitRef;
import dev.gitops.source.JGitSource;
import dev.gitops.source.Source;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The code of the README, compiled: {@code ReadmeSnippetsTest} checks that every Java block of
 * README.md stands here line for line, so the README cannot drift from the API.
 */
public final class ReadmeExamples {
  private ReadmeExamples() {}

  /** README: fetch and render a directory of a repository. */
  static RenderResult fetchAndRender() {
    GitCache cache = GitCache.builder()
        .directory(Path.of("/var/cache/gitops"))
        .checkInterval(Duration.ofSeconds(60))               // the default: one remote check a minute
        .build();
    Source source = JGitSource.builder()
        .url("https://git.example.com/team/config.git")
        .credentials(Credentials.token(System.getenv("GIT_TOKEN")))
        .cache(cache)
        .build();
    Snapshot snapshot = source.fetch(GitRef.semver(">=1.2.0 <2.0.0"), "apps/prod");
    RenderResult result = Renderers.forDirectory(snapshot).render(snapshot);
    cache.invalidate("https://git.example.com/team/config.git"); // after a push: check again now
    return result;
  }

  /** README: render uncommitted files of a local checkout. */
  static RenderResult renderWorkingTree() {
    Snapshot local = Snapshot.ofDirectory(Path.of("config")).scope("apps/prod");
    return Renderers.forDirectory(local).render(local);
  }

  /** README: keep a cluster in sync. */
  static void keepInSync(Source source) {
    try (Cluster cluster = FabricCluster.builder().build()) { // or InMemoryCluster.create()
      Application app = Application.builder("shop")
          .source(source).ref(GitRef.branch("main")).path("apps/prod")
          .destination(cluster, "shop")
          .build();
      Gate gate = Gate.of(RulePolicy.of(RuleSets.podSecurityRestricted()));
      try (Engine engine = Engine.builder().gate(gate.forEngine()).build()) {
        Plan plan = engine.plan(app);                       // what CI shows: steps, diffs, verdicts
        System.out.print(plan.describe());
        SyncResult result = engine.sync(app);               // SUCCEEDED, UNHEALTHY, FAILED or DENIED
        System.out.print(result.describe());
        engine.history(app).forEach(System.out::println);   // who changed what, when
      }
    }
  }
}
