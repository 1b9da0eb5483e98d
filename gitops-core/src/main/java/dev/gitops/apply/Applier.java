package dev.gitops.apply;

import static java.util.Objects.requireNonNull;

import dev.gitops.apply.ChangeEntry.Action;
import dev.gitops.cluster.ApplyConflictException;
import dev.gitops.cluster.ApplyOptions;
import dev.gitops.cluster.Cluster;
import dev.gitops.cluster.ClusterException;
import dev.gitops.cluster.DeleteOptions;
import dev.gitops.cluster.DeleteResult;
import dev.gitops.cluster.InvalidObjectException;
import dev.gitops.cluster.LiveObject;
import dev.gitops.cluster.ObjectNotFoundException;
import dev.gitops.diff.DiffOptions;
import dev.gitops.diff.IgnoreFilter;
import dev.gitops.health.ApplicationHealth;
import dev.gitops.health.HealthStatus;
import dev.gitops.health.HealthWaiter;
import dev.gitops.health.ObjectHealth;
import dev.gitops.model.Manifest;
import dev.gitops.model.ObjectKey;
import dev.gitops.plan.HookDeletePolicy;
import dev.gitops.plan.KindGroup;
import dev.gitops.plan.Plan;
import dev.gitops.plan.Step;
import dev.gitops.plan.SyncPhase;
import dev.gitops.plan.Wave;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Carries out a {@link Plan} on a cluster. Per wave, kind group after kind group; the steps of one
 * group in parallel (at most {@link Builder#concurrency} at once); an unchanged object costs no API
 * call. Custom resources wait for the definitions of their wave to be established; the next wave
 * waits for this one to be healthy; hooks are waited for. After the first failure the rest is
 * skipped (and said so), SyncFail hooks run, and nothing is pruned. Prunes run after every wave
 * succeeded, in the plan's (reverse) order.
 *
 * <p>The inventory is written before anything else (the old and the new objects together, marked
 * as a sync in progress) and after (the new objects, and the old ones a prune did not delete, with
 * the mark cleared), so a sync stopped at any point never leaves an object that no inventory holds,
 * and the next sync knows that one did not finish. Thread-safe; one sync per application at a time is
 * the caller's business (the engine serializes them).
 */
public final class Applier {
  private final Cluster cluster;
  private final String fieldManager;
  private final int concurrency;
  private final Executor executor;
  private final HealthWaiter health;
  private final InventoryStore inventory;

  private Applier(Builder b) {
    this.cluster = b.cluster;
    this.fieldManager = b.fieldManager;
    this.concurrency = b.concurrency;
    this.executor = b.executor;
    this.health = b.health != null ? b.health : HealthWaiter.builder(b.cluster).build();
    this.inventory = b.inventory != null ? b.inventory : ClusterInventoryStore.of(b.cluster);
  }

  public static Builder builder(Cluster cluster) {
    return new Builder(cluster);
  }

  /**
   * Applies a plan. Errors of single objects (conflicts, invalid objects, API errors) are entries
   * of the change set, never exceptions.
   *
   * @throws ClusterException if the inventory cannot be written before the first apply (nothing
   *     has been applied then)
   * @throws IllegalArgumentException if the gate denied the plan
   */
  public ChangeSet apply(Plan plan, SyncOptions options) {
    return apply(plan, options, changes -> { });
  }

  /**
   * Applies a plan, and runs {@code beforeFinish} with the change set after the last step and
   * before the inventory's final write (which clears its sync-in-progress mark): the engine waits
   * for health and records the sync there, so that a process stopped before the record leaves the
   * mark for the next sync to see.
   *
   * @throws ClusterException if the inventory cannot be written before the first apply (nothing
   *     has been applied then), or after the last one
   * @throws IllegalArgumentException if the gate denied the plan
   */
  public ChangeSet apply(Plan plan, SyncOptions options, Consumer<ChangeSet> beforeFinish) {
    requireNonNull(plan, "plan");
    requireNonNull(options, "options");
    requireNonNull(beforeFinish, "beforeFinish");
    if (!plan.allowed()) {
      throw new IllegalArgumentException("the gate denied the plan of " + plan.application() + "; nothing to apply");
    }
    return new Run(plan, options).execute(beforeFinish);
  }

  /** One sync's state: the entries so far and whether a step failed. */
  private final class Run {
    private final Plan plan;
    private final SyncOptions options;
    private final DiffOptions diffOptions;
    private final List<ChangeEntry> entries = new ArrayList<>();
    private boolean failed;

    Run(Plan plan, SyncOptions options) {
      this.plan = plan;
      this.options = options;
      this.diffOptions = DiffOptions.defaults().withFieldManager(fieldManager)
          .withIgnoreRules(options.ignoreRules());
    }

    ChangeSet execute(Consumer<ChangeSet> beforeFinish) {
      Set<ObjectKey> desired = plan.inventory();
      Set<ObjectKey> before = new LinkedHashSet<>(desired);
      plan.prunes().forEach(p -> before.add(p.key()));
      if (!options.dryRun()) {
        inventory.write(Inventory.of(plan.application(), before).withSyncInProgress("revision "
            + plan.revision().shortId() + " (" + plan.revision().subject() + "), planned " + plan.createdAt()));
        if (options.createNamespace()) {
          createNamespace();
        }
      }
      List<Wave> waves = plan.waves().stream().filter(w -> w.phase() != SyncPhase.SYNC_FAIL).toList();
      for (int i = 0; i < waves.size(); i++) {
        Wave wave = waves.get(i);
        if (failed) {
          wave.steps().forEach(s -> skip(s, "not applied: an earlier step failed"));
          continue;
        }
        runWave(wave);
        if (!failed && i + 1 < waves.size()) {
          awaitWaveHealthy(wave);
        }
      }
      if (failed) {
        plan.waves().stream().filter(w -> w.phase() == SyncPhase.SYNC_FAIL).forEach(this::runWave);
        plan.prunes().forEach(s -> skip(s, "not pruned: an earlier step failed"));
      } else {
        plan.prunes().forEach(this::prune);
      }
      ChangeSet changes = new ChangeSet(entries);
      beforeFinish.accept(changes);
      if (!options.dryRun()) {
        Set<ObjectKey> after = new LinkedHashSet<>(desired);
        Set<ObjectKey> deleted = entries.stream().filter(e -> e.action() == Action.DELETED && !e.hook())
            .map(ChangeEntry::key).collect(Collectors.toSet());
        plan.prunes().stream().map(Step::key).filter(k -> !deleted.contains(k)).forEach(after::add);
        inventory.write(Inventory.of(plan.application(), after));
      }
      return changes;
    }

    private void createNamespace() {
      ObjectKey key = new ObjectKey("", "Namespace", "", plan.namespace());
      if (cluster.get(key).isEmpty()) {
        // Declared by the application too: created early as declared (hooks may need it) and reported
        // once, by its own step, which still sees it as absent at plan time.
        Optional<Step> declared = plan.steps().stream()
            .filter(s -> s.key().equals(key) && s.desired() != null).findFirst();
        if (declared.isPresent()) {
          cluster.apply(IgnoreFilter.stripIgnored(declared.get().desired(), Optional.empty(), diffOptions,
              cluster.schema()), applyOptions());
          return;
        }
        cluster.apply(Manifest.of(java.util.Map.of("apiVersion", "v1", "kind", "Namespace",
            "metadata", java.util.Map.of("name", plan.namespace())), dev.gitops.model.SourceLocation.unknown()),
            applyOptions());
        entries.add(ChangeEntry.of(key, Action.CREATED, SyncPhase.PRE_SYNC, 0, false,
            "the application's namespace (CreateNamespace); not part of the inventory"));
      }
    }

    private void runWave(Wave wave) {
      for (List<Step> group : wave.groups()) {
        if (failed && wave.phase() != SyncPhase.SYNC_FAIL) {
          group.forEach(s -> skip(s, "not applied: an earlier step failed"));
          continue;
        }
        List<ChangeEntry> results = parallel(group);
        entries.addAll(results);
        if (results.stream().anyMatch(ChangeEntry::failed)) {
          failed = true;
        } else if (group.get(0).group() == KindGroup.DEFINITIONS && !options.dryRun()) {
          awaitHealthy(group, "not established");
          awaitServed(group);
        }
      }
    }

    /** Runs a group's steps, at most {@code concurrency} at once; entries in the group's order. */
    private List<ChangeEntry> parallel(List<Step> steps) {
      ChangeEntry[] out = new ChangeEntry[steps.size()];
      if (steps.size() == 1 || concurrency == 1) {
        for (int i = 0; i < steps.size(); i++) {
          out[i] = run(steps.get(i));
        }
        return Arrays.asList(out);
      }
      ConcurrentLinkedQueue<Integer> queue = new ConcurrentLinkedQueue<>();
      for (int i = 0; i < steps.size(); i++) {
        queue.add(i);
      }
      List<CompletableFuture<Void>> workers = new ArrayList<>();
      for (int w = 0; w < Math.min(concurrency, steps.size()); w++) {
        workers.add(CompletableFuture.runAsync(() -> {
          for (Integer i = queue.poll(); i != null; i = queue.poll()) {
            out[i] = run(steps.get(i));
          }
        }, executor));
      }
      try {
        CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).join();
      } catch (CompletionException e) {
        // run() turns every exception into an entry: what arrives here is an Error; keep it as it is.
        if (e.getCause() instanceof Error error) {
          throw error;
        }
        throw e;
      }
      return Arrays.asList(out);
    }

    /** One step; never throws (an unexpected error becomes a FAILED entry). */
    private ChangeEntry run(Step step) {
      try {
        return switch (step.action()) {
          case UNCHANGED -> entry(step, Action.UNCHANGED, "");
          case SKIP -> entry(step, Action.SKIPPED, step.reason());
          case CREATE, UPDATE -> applyObject(step);
          case HOOK -> runHook(step);
          case PRUNE -> throw new IllegalStateException("prunes are not part of a wave: " + step.key());
        };
      } catch (RuntimeException e) {
        return entry(step, Action.FAILED, describe(e));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return entry(step, Action.FAILED, "interrupted");
      }
    }

    private ChangeEntry applyObject(Step step) throws InterruptedException {
      Manifest desired = IgnoreFilter.stripIgnored(step.desired(), Optional.ofNullable(step.live()), diffOptions,
          cluster.schema());
      if (step.directives().replace() && step.directives().force() && step.live() != null) {
        return replace(step, desired);
      }
      try {
        LiveObject stored = cluster.apply(desired, applyOptions());
        // A dry run stores nothing, so the server keeps the resourceVersion even when the object
        // would change: there the plan's diff, not the version, says whether it is configured.
        if (!options.dryRun() && step.live() != null && step.live().resourceVersion().equals(stored.resourceVersion())) {
          return entry(step, Action.UNCHANGED, "the server found nothing to change");
        }
        return entry(step, step.live() == null ? Action.CREATED : Action.CONFIGURED, dryRunNote());
      } catch (ApplyConflictException e) {
        String fields = e.conflicts().stream().map(c -> c.path() + " (" + c.manager() + ")")
            .collect(Collectors.joining(", "));
        return new ChangeEntry(step.key(), Action.FAILED, step.phase(), step.wave(), false,
            "conflict with other field managers on " + fields + "; sync with force to take them over",
            e.conflicts());
      } catch (ObjectNotFoundException e) {
        if (options.dryRun() && createdByThisSync(step.key().namespace())) {
          return entry(step, step.live() == null ? Action.CREATED : Action.CONFIGURED,
              "dry run; not checked by the server, as its namespace is created by this sync");
        }
        throw e;
      } catch (InvalidObjectException e) {
        if (!e.isImmutableFieldChange()) {
          throw e;
        }
        if (options.replace() || step.directives().replace()) {
          return replace(step, desired);
        }
        return entry(step, Action.FAILED, e.getMessage()
            + "; to delete and create it again, sync with replace or annotate it Replace=true");
      }
    }

    private boolean createdByThisSync(String namespace) {
      return (options.createNamespace() && namespace.equals(plan.namespace()))
          || plan.steps().stream().anyMatch(s -> s.action() == Step.Action.CREATE && s.key().group().isEmpty()
              && s.key().kind().equals("Namespace") && s.key().name().equals(namespace));
    }

    private ChangeEntry replace(Step step, Manifest desired) throws InterruptedException {
      if (options.dryRun()) {
        return entry(step, Action.REPLACED, "dry run: would be deleted and created again");
      }
      cluster.delete(step.key(), DeleteOptions.defaults().withPropagation(options.propagation()));
      if (!Deletions.awaitGone(cluster, step.key(), options.healthTimeout())) {
        return entry(step, Action.FAILED, "deleted to be replaced, but still there after " + options.healthTimeout());
      }
      cluster.apply(desired, applyOptions());
      return entry(step, Action.REPLACED, "deleted and created again: an immutable field changed");
    }

    private ChangeEntry runHook(Step step) throws InterruptedException {
      if (options.dryRun()) {
        return hookEntry(step, Action.SKIPPED, "dry run: hooks do not run");
      }
      Set<HookDeletePolicy> policies = step.directives().hookDeletePolicies();
      DeleteOptions delete = DeleteOptions.defaults().withPropagation(options.propagation());
      if (policies.contains(HookDeletePolicy.BEFORE_HOOK_CREATION) && cluster.get(step.key()).isPresent()) {
        cluster.delete(step.key(), delete);
        if (!Deletions.awaitGone(cluster, step.key(), options.healthTimeout())) {
          return hookEntry(step, Action.FAILED, "the previous run is still being deleted after "
              + options.healthTimeout());
        }
      }
      cluster.apply(step.desired(), applyOptions());
      ApplicationHealth outcome = health.await(List.of(step.key()), options.healthTimeout());
      boolean succeeded = outcome.status() == HealthStatus.HEALTHY;
      if ((succeeded && policies.contains(HookDeletePolicy.HOOK_SUCCEEDED))
          || (!succeeded && policies.contains(HookDeletePolicy.HOOK_FAILED))) {
        cluster.delete(step.key(), delete);
      }
      String how = outcome.objects().isEmpty() ? outcome.status().toString()
          : outcome.objects().get(0).health().toString();
      return succeeded ? hookEntry(step, Action.CREATED, "succeeded")
          : hookEntry(step, Action.FAILED, "did not succeed within " + options.healthTimeout() + ": " + how);
    }

    private void prune(Step step) {
      if (step.action() == Step.Action.SKIP) {
        skip(step, step.reason());
        return;
      }
      try {
        DeleteResult r = cluster.delete(step.key(), DeleteOptions.defaults()
            .withPropagation(options.propagation()).withDryRun(options.dryRun()));
        entries.add(entry(step, Action.DELETED, switch (r) {
          case DELETED -> dryRunNote();
          case PENDING_FINALIZERS -> "marked for deletion, waiting for finalizers";
          case NOT_FOUND -> "already gone";
        }));
      } catch (RuntimeException e) {
        failed = true;
        entries.add(entry(step, Action.FAILED, describe(e)));
      }
    }

    /** Before the next wave: this wave's objects must be healthy. */
    private void awaitWaveHealthy(Wave wave) {
      if (options.dryRun() || options.healthTimeout().isZero()) {
        return;
      }
      List<Step> applied = wave.steps().stream()
          .filter(s -> s.action() != Step.Action.SKIP && s.action() != Step.Action.HOOK).toList();
      awaitHealthy(applied, "not healthy");
    }

    private void awaitHealthy(List<Step> steps, String what) {
      if (steps.isEmpty()) {
        return;
      }
      ApplicationHealth h = health.await(steps.stream().map(Step::key).toList(), options.healthTimeout());
      if (h.status().isReady()) {
        return;
      }
      failed = true;
      for (ObjectHealth o : h.unhealthy()) {
        Step s = steps.stream().filter(x -> x.key().equals(o.key())).findFirst().orElseThrow();
        entries.add(entry(s, Action.FAILED, "applied, but " + what + " within " + options.healthTimeout() + ": "
            + o.health()));
      }
    }

    /**
     * After definitions are established: their kinds must be served, as a backend's discovery
     * (which may remember a recent miss) can lag behind the Established condition.
     */
    private void awaitServed(List<Step> definitions) {
      long deadline = System.nanoTime() + options.healthTimeout().toNanos();
      for (Step s : definitions) {
        if (failed || s.desired() == null || !s.key().kind().equals("CustomResourceDefinition")) {
          continue;
        }
        String group = s.desired().get("spec", "group").map(String::valueOf).orElse("");
        String kind = s.desired().get("spec", "names", "kind").map(String::valueOf).orElse("");
        while (cluster.resourceType(group, kind).isEmpty()) {
          if (System.nanoTime() > deadline) {
            failed = true;
            entries.add(entry(s, Action.FAILED, "established, but " + group + "/" + kind
                + " not served within " + options.healthTimeout()));
            break;
          }
          try {
            Thread.sleep(100);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failed = true;
            entries.add(entry(s, Action.FAILED, "interrupted"));
            return;
          }
        }
      }
    }

    private void skip(Step step, String why) {
      entries.add(step.directives().isHook() ? hookEntry(step, Action.SKIPPED, why) : entry(step, Action.SKIPPED, why));
    }

    private ApplyOptions applyOptions() {
      return ApplyOptions.defaults().withFieldManager(fieldManager).withForce(options.force())
          .withDryRun(options.dryRun());
    }

    private String dryRunNote() {
      return options.dryRun() ? "dry run" : "";
    }
  }

  private static ChangeEntry entry(Step step, Action action, String message) {
    return ChangeEntry.of(step.key(), action, step.phase(), step.wave(), step.action() == Step.Action.HOOK, message);
  }

  private static ChangeEntry hookEntry(Step step, Action action, String message) {
    return ChangeEntry.of(step.key(), action, step.phase(), step.wave(), true, message);
  }

  private static String describe(RuntimeException e) {
    return e instanceof ClusterException ? e.getMessage()
        : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }

  /** Options of an {@link Applier}. */
  public static final class Builder {
    private final Cluster cluster;
    private String fieldManager = ApplyOptions.DEFAULT_FIELD_MANAGER;
    private int concurrency = 8;
    private Executor executor = Runnable::run;
    private HealthWaiter health;
    private InventoryStore inventory;

    private Builder(Cluster cluster) {
      this.cluster = requireNonNull(cluster, "cluster");
    }

    /** The field manager applies are made under; default {@value ApplyOptions#DEFAULT_FIELD_MANAGER}. */
    public Builder fieldManager(String value) {
      this.fieldManager = requireNonNull(value, "fieldManager");
      return this;
    }

    /** How many steps of one group run at once; default 8. */
    public Builder concurrency(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("concurrency must be at least 1, was " + value);
      }
      this.concurrency = value;
      return this;
    }

    /** Where parallel steps run; default the calling thread (so steps run one after the other). */
    public Builder executor(Executor value) {
      this.executor = requireNonNull(value, "executor");
      return this;
    }

    /** How waves, definitions and hooks are waited for; default built-in checks on this cluster. */
    public Builder health(HealthWaiter value) {
      this.health = requireNonNull(value, "health");
      return this;
    }

    /** Where the inventory is kept; default {@link ClusterInventoryStore#of(Cluster)}. */
    public Builder inventory(InventoryStore value) {
      this.inventory = requireNonNull(value, "inventory");
      return this;
    }

    public Applier build() {
      return new Applier(this);
    }
  }
}
