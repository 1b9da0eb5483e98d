package dev.gitops.cli;

import static dev.gitops.cli.Cli.resource;
import static dev.gitops.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.cluster.ApplyOptions;
import dev.gitops.cluster.Cluster;
import dev.gitops.cluster.ControllerSimulator;
import dev.gitops.cluster.DeleteOptions;
import dev.gitops.cluster.DeleteResult;
import dev.gitops.cluster.ForwardingCluster;
import dev.gitops.cluster.LiveObject;
import dev.gitops.cluster.InMemoryCluster;
import dev.gitops.engine.Application;
import dev.gitops.engine.Engine;
import dev.gitops.model.Manifest;
import dev.gitops.model.ObjectKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sync}, {@code history} and {@code rollback} in-process, each run a separate command line
 * over one shared in-memory cluster (the {@link Kubeconfig#inProcess} seam), as separate processes
 * would share a real cluster. A controller simulator makes workloads ready.
 */
class SyncCommandTest {
  private static final PersonIdent WHO = new PersonIdent("Test", "test@example.com",
      Instant.parse("2026-01-01T00:00:00Z"), TimeZone.getTimeZone("UTC").toZoneId());
  private static final ObjectKey CONFIG = ObjectKey.of("v1", "ConfigMap", "shop", "web-config");
  private static final ObjectKey WEB = ObjectKey.of("apps/v1", "Deployment", "shop", "web");

  @TempDir
  Path tmp;

  private InMemoryCluster cluster;
  private ControllerSimulator controllers;

  @BeforeEach
  void sharedCluster() {
    cluster = InMemoryCluster.create();
    controllers = ControllerSimulator.builder(cluster).start();
    Kubeconfig.inProcess = cluster;
  }

  @AfterEach
  void release() {
    Kubeconfig.inProcess = null;
    controllers.close();
  }

  @Test
  void syncCreatesThenChangesAndPrunesHistoryListsBothRollbackReturns() throws Exception {
    Path work = tmp.resolve("repo");
    RevCommit first;
    try (Git git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
      copy(Path.of(resource("shop")), work.resolve("apps/shop"));
      first = commit(git, "Add the shop");
    }
    String source = work.toUri() + "@main:apps/shop";

    Cli.Result created = run("sync", source, "--name", "shop", "--health-timeout", "30s");

    assertThat(created.code()).as(created.toString()).isZero();
    assertThat(created.out().lines().toList()).containsExactly(
        "Sync shop -> in-memory at " + first.getName().substring(0, 12) + " (Add the shop)",
        "  CREATED    Namespace shop  Sync wave 0",
        "  CREATED    ConfigMap shop/web-config  Sync wave 0",
        "  CREATED    Service shop/web  Sync wave 0",
        "  CREATED    apps/Deployment shop/web  Sync wave 0",
        "SUCCEEDED: 4 created; health HEALTHY; recorded as #1");
    assertThat(created.err()).isEmpty(); // no progress lines: stderr is not a terminal

    try (Git git = Git.open(work.toFile())) {
      Files.delete(work.resolve("apps/shop/config.yaml"));
      Files.copy(Path.of(resource("shop-v2/web.yaml")), work.resolve("apps/shop/web.yaml"),
          StandardCopyOption.REPLACE_EXISTING);
      git.rm().addFilepattern("apps/shop/config.yaml").call();
      commit(git, "Scale the shop, drop its config");
    }
    Cli.Result changed = run("sync", source, "--name", "shop", "--health-timeout", "30s");

    assertThat(changed.code()).as(changed.toString()).isZero();
    assertThat(changed.out()).contains("  CONFIGURED apps/Deployment shop/web  Sync wave 0\n")
        .contains("  DELETED    ConfigMap shop/web-config  Sync wave 0\n")
        .endsWith("SUCCEEDED: 1 configured, 2 unchanged, 1 deleted; health HEALTHY; recorded as #2\n");
    assertThat(cluster.get(CONFIG)).isEmpty();

    Cli.Result history = run("history", "--name", "shop");

    assertThat(history.code()).as(history.toString()).isZero();
    assertThat(history.out().lines().toList()).hasSize(2);
    assertThat(history.out().lines().toList().get(0)).startsWith("#2 ").contains("MANUAL", "SUCCEEDED", "HEALTHY",
        "(1 configured, 2 unchanged, 1 deleted)", "Scale the shop, drop its config");
    assertThat(history.out().lines().toList().get(1)).startsWith("#1 ").contains(first.getName().substring(0, 12),
        "(4 created)", "Add the shop");

    Cli.Result rollback = run("rollback", source, "--name", "shop", "--to", first.getName().substring(0, 7),
        "--health-timeout", "30s");

    assertThat(rollback.code()).as(rollback.toString()).isZero();
    assertThat(rollback.out()).startsWith("Rollback shop -> in-memory at " + first.getName().substring(0, 12))
        .contains("  CREATED    ConfigMap shop/web-config  Sync wave 0\n")
        .contains("  CONFIGURED apps/Deployment shop/web  Sync wave 0\n")
        .contains("recorded as #3");
    assertThat(cluster.get(CONFIG)).isPresent();
    assertThat(((Map<?, ?>) cluster.get(WEB).orElseThrow().object().get("spec")).get("replicas")).isEqualTo(2L);

    Map<String, Object> json = run("history", "--name", "shop", "-o", "json").json();
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> records = (List<Map<String, Object>>) json.get("records");
    assertThat(records).extracting(r -> r.get("trigger")).containsExactly("ROLLBACK", "MANUAL", "MANUAL");
    assertThat(records.get(0)).containsEntry("commit", first.getName())
        .hasEntrySatisfying("note", n -> assertThat((String) n).startsWith("rollback to " + first.getName().substring(0, 12)));
  }

  @Test
  void resumeAfterARollbackLiftsTheHoldOnAutomatedSyncsAndIsRecorded() throws Exception {
    Path work = tmp.resolve("repo");
    RevCommit first;
    try (Git git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
      copy(Path.of(resource("shop")), work.resolve("apps/shop"));
      first = commit(git, "Add the shop");
    }
    String source = work.toUri() + "@main:apps/shop";
    assertThat(run("sync", source, "--name", "shop", "--health-timeout", "30s").code()).isZero();
    Cli.Result rollback = run("rollback", source, "--name", "shop", "--to", "#1", "--health-timeout", "30s");
    assertThat(rollback.out()).endsWith("recorded as #2\nautomated syncs of shop hold until resumed: gitops resume "
        + source + " --name shop\n");
    assertThat(held("shop")).isTrue();

    Cli.Result r = run("resume", source, "--name", "shop");

    assertThat(r.code()).as(r.toString()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).isEqualTo("Resume shop -> in-memory: automated syncs resume (they held after a rollback);"
        + " recorded as #3");
    assertThat(lines.get(1)).startsWith("#3 ").contains("RESUME", first.getName().substring(0, 12), "NONE", "Add the shop");
    assertThat(lines.get(2)).isEqualTo("     automated syncs resumed");
    assertThat(held("shop")).isFalse();
    assertThat(run("history", "--name", "shop").out().lines().toList().get(0)).isEqualTo(lines.get(1));
  }

  @Test
  @SuppressWarnings("unchecked")
  void resumeWithNothingHeldStillRecordsAndPrintsTheRecordAsJsonOrYaml() {
    assertThat(run("sync", "--app", resource("apps/shop.yaml")).code()).isZero();

    Cli.Result json = run("resume", "--app", resource("apps/shop.yaml"), "-o", "json");
    Cli.Result yaml = run("resume", "--app", resource("apps/shop.yaml"), "-o", "yaml");

    assertThat(json.code()).as(json.toString()).isZero();
    assertThat(json.json()).containsEntry("application", "shop-app").containsEntry("cluster", "in-memory")
        .containsEntry("wasHeld", false);
    Map<String, Object> record = (Map<String, Object>) json.json().get("record");
    assertThat(record).containsEntry("id", 2).containsEntry("trigger", "RESUME").containsEntry("outcome", "NONE")
        .containsEntry("note", "automated syncs resumed")
        .containsEntry("initiatedBy", "gitops-cli:" + System.getProperty("user.name"));
    assertThat(record.keySet()).containsExactly("id", "trigger", "initiatedBy", "ref", "commit", "author", "subject",
        "startedAt", "finishedAt", "outcome", "changes", "health", "verdicts", "renderedDigest", "note");
    assertThat(yaml.code()).as(yaml.toString()).isZero();
    assertThat(yaml.out()).startsWith("application: shop-app\ncluster: in-memory\nwasHeld: false\nrecord:\n  id: 3\n"
        + "  trigger: RESUME\n");
    assertThat(run("resume", "--app", resource("apps/shop.yaml")).out())
        .startsWith("Resume shop-app -> in-memory: nothing held (no rollback since the last resume); recorded as #4\n");
  }

  @Test
  void resumeTakesTheApplicationAsSyncDoes() {
    assertThat(run("resume").err())
        .isEqualTo("error: an application is required: --app FILE, or SOURCE (with --name NAME)\n");
    assertThat(run("resume", resource("shop"), "--app", resource("apps/shop.yaml")).err())
        .startsWith("error: --app " + resource("apps/shop.yaml") + " describes the whole application: SOURCE");
    Kubeconfig.inProcess = null;
    assertThat(run("resume", resource("shop"), "--kubeconfig", "/no/such/kubeconfig").err())
        .isEqualTo("error: kubeconfig /no/such/kubeconfig is not a file\n");
  }

  @Test
  void aDryRunPrintsTheChangesAndWritesNothingNotEvenARecord() {
    Writes writes = new Writes(cluster);
    Kubeconfig.inProcess = writes;

    Cli.Result r = run("sync", resource("shop"), "--dry-run", "--health-timeout", "30s");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out().lines().toList()).containsExactly(
        r.out().lines().findFirst().orElseThrow(),
        "  CREATED    Namespace shop  Sync wave 0  dry run",
        "  CREATED    ConfigMap shop/web-config  Sync wave 0  dry run; not checked by the server, as its namespace is"
            + " created by this sync",
        "  CREATED    Service shop/web  Sync wave 0  dry run; not checked by the server, as its namespace is created"
            + " by this sync",
        "  CREATED    apps/Deployment shop/web  Sync wave 0  dry run; not checked by the server, as its namespace is"
            + " created by this sync",
        "DRY RUN: 4 created; nothing written, not recorded; health now MISSING");
    assertThat(r.out()).startsWith("Sync shop -> in-memory at ").contains(", dry run\n");
    assertThat(writes.stored).as("writes that were not dry runs").isEmpty();
    assertThat(writes.dryRuns).isNotEmpty();
    assertThat(cluster.get(WEB)).isEmpty();
    assertThat(run("history", "--name", "shop").out()).isEqualTo("no history of application shop in cluster in-memory\n");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aDryRunAfterASyncShowsTheUpdateAndPruneItWouldMakeAndLeavesTheClusterAsItWas() {
    assertThat(run("sync", resource("shop"), "--name", "shop", "--health-timeout", "30s").code()).isZero();
    Writes writes = new Writes(cluster);
    Kubeconfig.inProcess = writes;

    Cli.Result r = run("sync", resource("shop-v2"), "--name", "shop", "--dry-run", "-o", "json");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.json()).containsEntry("dryRun", true).containsEntry("record", null)
        .containsEntry("outcome", "SUCCEEDED").containsEntry("health", "HEALTHY");
    assertThat((List<Map<String, Object>>) r.json().get("changes"))
        .extracting(c -> ((Map<String, Object>) c.get("object")).get("name") + " " + c.get("action") + " " + c.get("message"))
        .containsExactly("shop UNCHANGED ", "web UNCHANGED ", "web CONFIGURED dry run", "web-config DELETED dry run");
    assertThat(writes.stored).as("writes that were not dry runs").isEmpty();
    assertThat(cluster.get(CONFIG)).isPresent();
    assertThat(((Map<?, ?>) cluster.get(WEB).orElseThrow().object().get("spec")).get("replicas")).isEqualTo(2L);
    assertThat(run("history", "--name", "shop").out().lines()).hasSize(1);
  }

  @Test
  void aDryRunDeniedByTheGateExitsOne() {
    Cli.Result r = run("sync", resource("shop"), "--dry-run", "--policy", "workload-hygiene");

    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.FAILED);
    assertThat(r.out()).contains("DRY RUN DENIED: no changes; nothing written, not recorded;");
    assertThat(cluster.get(WEB)).isEmpty();
  }

  @Test
  void rollbackToAHistoryRecordNumber() throws Exception {
    Path work = tmp.resolve("repo");
    RevCommit first;
    try (Git git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
      copy(Path.of(resource("shop")), work.resolve("apps/shop"));
      first = commit(git, "Add the shop");
    }
    String source = work.toUri() + "@main:apps/shop";
    assertThat(run("sync", source, "--name", "shop", "--health-timeout", "30s").code()).isZero();

    Cli.Result r = run("rollback", source, "--name", "shop", "--to", "#1", "--health-timeout", "30s", "-o", "json");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.json()).containsEntry("outcome", "SUCCEEDED");
    assertThat(r.json().get("revision")).asString().contains(first.getName());
    assertThat(run("rollback", source, "--name", "shop", "--to", "#7").err())
        .isEqualTo("error: --to #7: application shop has no history record #7 in cluster in-memory\n");
  }

  @Test
  @SuppressWarnings("unchecked")
  void anAppFileDescribesTheApplicationAndJsonReportsTheChangeSet() {
    Cli.Result r = run("sync", "--app", resource("apps/shop.yaml"), "-o", "json");

    assertThat(r.code()).as(r.toString()).isZero();
    Map<String, Object> json = r.json();
    assertThat(json).containsEntry("application", "shop-app").containsEntry("cluster", "in-memory")
        .containsEntry("namespace", "shop").containsEntry("outcome", "SUCCEEDED").containsEntry("message", "")
        .containsEntry("health", "HEALTHY");
    List<Map<String, Object>> changes = (List<Map<String, Object>>) json.get("changes");
    assertThat(changes).hasSize(4).first().isEqualTo(Map.of(
        "object", Map.of("group", "", "kind", "Namespace", "namespace", "", "name", "shop"),
        "action", "CREATED", "phase", "SYNC", "wave", 0, "hook", false, "message", ""));
    assertThat((Map<String, Object>) json.get("record")).containsEntry("id", 1).containsEntry("trigger", "MANUAL")
        .containsEntry("outcome", "SUCCEEDED");

    assertThat(run("history", "--app", resource("apps/shop.yaml")).out()).startsWith("#1 ");
  }

  @Test
  void aSecondSyncOfTheSameDirectoryChangesNothing() {
    assertThat(run("sync", resource("shop"), "--health-timeout", "30s").code()).isZero();

    Cli.Result r = run("sync", resource("shop"), "--health-timeout", "30s");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).startsWith("Sync shop -> in-memory at ")
        .endsWith("SUCCEEDED: 4 unchanged; health HEALTHY; recorded as #2\n");
  }

  @Test
  void anUnhealthySyncExitsOne() {
    controllers.close(); // nothing makes the Deployment ready

    Cli.Result r = run("sync", resource("shop"), "--health-timeout", "0");

    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.FAILED);
    assertThat(r.out()).contains("UNHEALTHY: 4 created; health PROGRESSING; recorded as #1\n");
  }

  @Test
  void anUnknownAppFileFieldIsOneLineNamingFileAndLine() {
    Cli.Result r = run("sync", "--app", resource("apps/typo.yaml"));

    assertThat(r.code()).isEqualTo(ExitCode.ERROR);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo("error: app file " + resource("apps/typo.yaml") + " line 5: unknown field"
        + " 'syncOptions.prunne' (known: prune, createNamespace, force, replace, healthTimeout)\n");
  }

  @Test
  void anAppFileExcludesSourceAndApplicationFlags() {
    Cli.Result r = run("sync", resource("shop"), "--app", resource("apps/shop.yaml"), "--no-prune");

    assertThat(r.code()).isEqualTo(ExitCode.ERROR);
    assertThat(r.err()).isEqualTo("error: --app " + resource("apps/shop.yaml") + " describes the whole application:"
        + " SOURCE, --no-prune cannot be combined with it (set it in the file)\n");
  }

  @Test
  void withoutAnApplicationItIsAnError() {
    assertThat(run("sync").err())
        .isEqualTo("error: an application is required: --app FILE, or SOURCE (with --name NAME)\n");
    assertThat(run("history").err()).startsWith("error: Error: Missing required argument (specify one of these):"
        + " (--app=FILE | --name=NAME)").hasLineCount(1);
  }

  @Test
  void aLocalDirectoryCannotBeRolledBack() {
    Cli.Result r = run("rollback", resource("shop"), "--to", "#1");

    assertThat(r.code()).isEqualTo(ExitCode.ERROR);
    assertThat(r.err()).startsWith("error: rollback needs a Git source (REPO_URL@REF[:PATH])").hasLineCount(1);
  }

  @Test
  void anEmptyHistorySaysSo() {
    Cli.Result r = run("history", "--name", "nothing-here");

    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo("no history of application nothing-here in cluster in-memory\n");
  }

  @Test
  void aMissingKubeconfigIsOneErrorLine() {
    Kubeconfig.inProcess = null;

    Cli.Result sync = run("sync", resource("shop"), "--kubeconfig", "/no/such/kubeconfig");
    Cli.Result history = run("history", "--name", "shop", "--kubeconfig", "/no/such/kubeconfig");

    assertThat(sync.code()).isEqualTo(ExitCode.ERROR);
    assertThat(sync.err()).isEqualTo("error: kubeconfig /no/such/kubeconfig is not a file\n");
    assertThat(history.err()).isEqualTo("error: kubeconfig /no/such/kubeconfig is not a file\n");
  }

  /** The writes that reach the cluster, dry runs apart. */
  private static final class Writes extends ForwardingCluster {
    final List<String> stored = new java.util.concurrent.CopyOnWriteArrayList<>();
    final List<String> dryRuns = new java.util.concurrent.CopyOnWriteArrayList<>();

    Writes(Cluster cluster) {
      super(cluster);
    }

    @Override
    public LiveObject apply(Manifest desired, ApplyOptions options) {
      (options.dryRun() ? dryRuns : stored).add("apply " + desired.key());
      return super.apply(desired, options);
    }

    @Override
    public LiveObject applyStatus(Manifest desired, ApplyOptions options) {
      (options.dryRun() ? dryRuns : stored).add("status " + desired.key());
      return super.applyStatus(desired, options);
    }

    @Override
    public DeleteResult delete(ObjectKey key, DeleteOptions options) {
      (options.dryRun() ? dryRuns : stored).add("delete " + key);
      return super.delete(key, options);
    }

    @Override
    public void close() {
      // The test's cluster outlives each command.
    }
  }

  /** Whether the engine holds automated syncs of the application (it keeps its history in the cluster). */
  private boolean held(String name) {
    try (Engine engine = Engine.builder().watchLiveChanges(false).build()) {
      Application app = Application.builder(name).source(new DirectorySource(Path.of(resource("shop"))))
          .destination(cluster, "default").build();
      return engine.isHeld(app);
    }
  }

  private static RevCommit commit(Git git, String message) throws Exception {
    git.add().addFilepattern(".").call();
    return git.commit().setMessage(message).setAuthor(WHO).setCommitter(WHO).setSign(false).call();
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}
