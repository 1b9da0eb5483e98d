package dev.gitops.engine;

import static java.util.Objects.requireNonNull;

import dev.gitops.apply.Applier;
import dev.gitops.apply.ChangeSet;
import dev.gitops.apply.ChangeSummary;
import dev.gitops.apply.ClusterInventoryStore;
import dev.gitops.apply.Inventory;
import dev.gitops.apply.InventoryConflictException;
import dev.gitops.apply.InventoryStore;
import dev.gitops.apply.SyncOptions;
import dev.gitops.cluster.ApplyOptions;
import dev.gitops.cluster.Cluster;
import dev.gitops.cluster.ListRequest;
import dev.gitops.cluster.LiveObject;
import dev.gitops.cluster.UnknownResourceTypeException;
import dev.gitops.diff.DiffOptions;
import dev.gitops.diff.Differ;
import dev.gitops.diff.ResourceDiff;
import dev.gitops.gate.Finding;
import dev.gitops.gate.GateReport;
import dev.gitops.gate.PlannedChange;
import dev.gitops.gate.SyncGate;
import dev.gitops.health.ApplicationHealth;
import dev.gitops.health.HealthChecks;
import dev.gitops.health.HealthStatus;
import dev.gitops.health.HealthWaiter;
import dev.gitops.history.ClusterHistoryStore;
import dev.gitops.history.HistoryStore;
import dev.gitops.history.SyncOutcome;
import dev.gitops.history.SyncRecord;
import dev.gitops.history.Trigger;
import dev.gitops.model.GitOpsException;
import dev.gitops.model.Manifest;
import dev.gitops.model.ObjectKey;
import dev.gitops.model.Revision;
import dev.gitops.model.Snapshot;
import dev.gitops.model.SourceLocation;
import dev.gitops.plan.Directives;
import dev.gitops.plan.Plan;
import dev.gitops.plan.Planner;
import dev.gitops.plan.Step;
import dev.gitops.render.RenderResult;
import dev.gitops.render.Renderer;
import dev.gitops.source.GitRef;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * Brings clusters to what Git declares, and remembers what it did. Plain Java: build one with
 * {@link #builder()}, share it, close it when done. Thread-safe; syncs of one application run one
 * at a time, syncs of different applications in parallel.
 *
 * <pre>{@code
 * try (Engine engine = Engine.builder().gate(gate).build()) {
 *   Plan plan = engine.plan(app);          // fetch, render, gate, diff, order: no writes
 *   SyncResult result = engine.sync(app);  // the same, then apply, wait for health, record
 *   engine.rollback(app, "3f2a9c1e0b7d");  // sync an earlier revision again
 * }
 * }</pre>
 *
 * <p>Unchanged work is not done twice: a revision already rendered for an application is not
 * fetched or rendered again, the gate's verdict on the same objects is reused, and an object whose
 * desired and live states are both unchanged since the last diff is not diffed again.
 */
public final class Engine implements AutoCloseable {
  private final SyncGate gate;
  private final ExecutorService executor;
  private final boolean ownsExecutor;
  private final int concurrency;
  private final Clock clock;
  private final HistoryStore historyStore;
  private final InventoryStore inventoryStore;
  private final String stateNamespace;
  private final HealthChecks healthChecks;
  private final String fieldManager;
  private final Planner planner;
  // Per application in its destination: the same application may be synced to several clusters.
  private final Map<Target, ReentrantLock> locks = new ConcurrentHashMap<>();
  private final Map<Target, Rendered> renders = new ConcurrentHashMap<>();
  private final Map<Target, Map<ObjectKey, CachedDiff>> diffs = new ConcurrentHashMap<>();
  private final Map<Cluster, HistoryStore> histories = new ConcurrentHashMap<>();
  private final Map<Cluster, InventoryStore> inventories = new ConcurrentHashMap<>();
  private final boolean watchLive;
  private final Map<Cluster, LiveChanges> liveChanges = new ConcurrentHashMap<>();
  private final Map<Target, Armed> armed = new ConcurrentHashMap<>();

  private Engine(Builder b) {
    this.gate = b.gate;
    this.concurrency = b.concurrency;
    this.ownsExecutor = b.executor == null;
    this.executor = ownsExecutor ? Executors.newFixedThreadPool(b.concurrency, daemonThreads()) : b.executor;
    this.clock = b.clock;
    this.historyStore = b.historyStore;
    this.inventoryStore = b.inventoryStore;
    this.stateNamespace = b.stateNamespace;
    this.healthChecks = b.healthChecks;
    this.fieldManager = b.fieldManager;
    this.planner = b.planner;
    this.watchLive = b.watchLive;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Plans a sync of the application's own ref. */
  public Plan plan(Application app) {
    return plan(app, SyncRequest.manual());
  }

  /**
   * Fetches, renders, judges and diffs the application, and orders what a sync would do. Writes
   * nothing: works read-only against a real cluster and offline against the in-memory one.
   *
   * @throws dev.gitops.source.SourceException if the repository cannot be read
   * @throws dev.gitops.render.ManifestParseException if a file cannot be parsed
   * @throws UnknownKindException if an object's kind is served by no one
   * @throws InventoryConflictException if another application's inventory holds a declared object
   * @throws dev.gitops.plan.InvalidDirectiveException if a sync annotation cannot be read
   */
  public Plan plan(Application app, SyncRequest request) {
    requireNonNull(app, "app");
    requireNonNull(request, "request");
    return plan(app, request, keys -> { });
  }

  /** Plans; {@code beforeRead} gets the keys about to be read, before they are read. */
  private Plan plan(Application app, SyncRequest request, java.util.function.Consumer<Set<ObjectKey>> beforeRead) {
    Rendered rendered = render(app, request.ref().orElse(app.ref()));
    Cluster cluster = app.cluster();
    Map<ObjectKey, Directives> directives = new HashMap<>();
    Set<ObjectKey> declared = new LinkedHashSet<>();
    for (Manifest m : rendered.objects) {
      Directives d = rendered.directives.get(m);
      directives.put(m.key(), d);
      if (!d.isHook()) {
        declared.add(m.key()); // skipped objects are declared too: never pruned
      }
    }
    InventoryStore inventory = inventoryFor(cluster);
    Inventory own = checkOwnership(app, inventory, declared);
    Set<ObjectKey> previous = own.keys();

    SyncOptions options = app.options();
    DiffOptions diffOptions = DiffOptions.defaults().withFieldManager(fieldManager)
        .withIgnoreRules(options.ignoreRules());
    Differ local = Differ.of(cluster.schema(), diffOptions);
    Differ differ = options.serverSideDiff() ? Differ.dryRun(cluster, diffOptions) : local;
    Map<ObjectKey, CachedDiff> cache = diffs.computeIfAbsent(Target.of(app), k -> new ConcurrentHashMap<>());

    List<ObjectKey> toRead = new ArrayList<>(rendered.objects.stream().map(Manifest::key).toList());
    List<ObjectKey> gone = previous.stream().filter(k -> !declared.contains(k)).toList();
    toRead.addAll(gone);
    beforeRead.accept(new HashSet<>(toRead));
    Map<ObjectKey, LiveObject> live = readLive(cluster, toRead);

    List<Step> steps = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    if (!own.syncInProgress().isEmpty()) {
      warnings.add(INTERRUPTED + own.syncInProgress() + ")");
    }
    for (Manifest m : rendered.objects) {
      Directives d = directives.get(m.key());
      LiveObject l = live.get(m.key());
      ResourceDiff diff = d.isHook() || d.skip() ? null : diff(cache, options, m, l, l == null ? local : differ);
      steps.addAll(planner.steps(m, l, diff, d));
      d.unknownOptions().forEach(o -> warnings.add(m.key() + ": sync option '" + o + "' is not acted on"));
    }
    List<Step> prunes = new ArrayList<>();
    for (ObjectKey k : gone) {
      LiveObject l = live.get(k);
      if (l != null) {
        prunes.add(planner.prune(l, local.extra(l), options.prune(), request.confirmPrunes()));
      }
    }
    cache.keySet().retainAll(live.keySet());

    List<PlannedChange> changes = new ArrayList<>();
    for (Step s : steps) {
      switch (s.action()) {
        case CREATE -> changes.add(new PlannedChange(PlannedChange.Operation.CREATE, null, s.desired()));
        case UPDATE -> changes.add(new PlannedChange(PlannedChange.Operation.UPDATE, asManifest(s.live()),
            s.desired()));
        default -> { }
      }
    }
    List<Step> prunesOrdered = planner.pruneOrder(prunes);
    for (Step s : prunesOrdered) {
      if (s.action() == Step.Action.PRUNE) {
        changes.add(new PlannedChange(PlannedChange.Operation.DELETE, asManifest(s.live()), null));
      }
    }
    GateReport report = changes.isEmpty() ? rendered.gate : rendered.gate.and(gate.checkChanges(changes));
    return new Plan(app.name(), cluster.name(), app.namespace(), rendered.revision, rendered.objects, rendered.digest, report,
        planner.order(steps), prunesOrdered, warnings, clock.instant());
  }

  /** Syncs the application's own ref, as asked by a person or program. */
  public SyncResult sync(Application app) {
    return sync(app, SyncRequest.manual());
  }

  /**
   * Plans and applies a sync, waits for health, and records it in the history (dry runs are not
   * recorded). An automated sync while a rollback is in force holds (not recorded); an automated
   * sync that finds nothing to change writes nothing, not even a record.
   *
   * @throws GitOpsException as {@link #plan(Application, SyncRequest)} does, after recording the
   *     failed attempt; or if the inventory cannot be written before the first apply
   */
  public SyncResult sync(Application app, SyncRequest request) {
    requireNonNull(app, "app");
    requireNonNull(request, "request");
    ReentrantLock lock = locks.computeIfAbsent(Target.of(app), k -> new ReentrantLock());
    lock.lock();
    try {
      return syncLocked(app, request);
    } finally {
      lock.unlock();
    }
  }

  private SyncResult syncLocked(Application app, SyncRequest request) {
    boolean automated = request.trigger() == Trigger.AUTOMATED && request.ref().isEmpty();
    Target target = Target.of(app);
    Armed previous = armed.remove(target);
    if (previous != null) {
      if (automated && !previous.token.changed() && previous.covers(app)
          && app.source().resolve(app.ref()).commitId().equals(previous.commitId)) {
        // Same commit, same application, no watch event for any of its objects since the last
        // full sync found nothing to do: nothing to read, render or write.
        armed.put(target, previous);
        return previous.result;
      }
      changesFor(app.cluster()).release(previous.token);
    }
    LiveChanges.Token[] token = new LiveChanges.Token[1];
    java.util.function.Consumer<Set<ObjectKey>> beforeRead = automated && watchLive && !app.options().dryRun()
        ? keys -> token[0] = changesFor(app.cluster()).register(keys) : keys -> { };
    try {
      SyncResult result = syncLocked(app, request, beforeRead);
      if (token[0] != null && result.changes().entries().isEmpty() && result.record().isEmpty()
          && result.outcome() == SyncOutcome.SUCCEEDED && !token[0].changed()) {
        armed.put(target, new Armed(token[0], result.plan().orElseThrow().revision().commitId(), app, result));
        token[0] = null;
      }
      return result;
    } finally {
      if (token[0] != null) {
        changesFor(app.cluster()).release(token[0]);
      }
    }
  }

  private SyncResult syncLocked(Application app, SyncRequest request,
      java.util.function.Consumer<Set<ObjectKey>> beforeRead) {
    HistoryStore history = historyFor(app.cluster());
    if (request.trigger() == Trigger.AUTOMATED) {
      Optional<SyncRecord> rollback = holdingRollback(history, app.name());
      if (rollback.isPresent()) {
        return new SyncResult(SyncOutcome.HELD, Optional.empty(), ChangeSet.empty(),
            ApplicationHealth.of(List.of()), Optional.empty(), "automated syncs hold after rollback "
            + rollback.get() + "; resume the application to lift it");
      }
    }
    Instant started = clock.instant();
    boolean dryRun = app.options().dryRun();
    Plan plan;
    try {
      plan = plan(app, request, beforeRead);
    } catch (GitOpsException e) {
      if (!dryRun) {
        recordFailure(history, e, failedRecord(app, request, started, null, ChangeSummary.empty(), e.getMessage()));
      }
      throw e;
    }
    if (!plan.allowed()) {
      Optional<SyncRecord> rec = dryRun ? Optional.empty() : Optional.of(history.append(record(app, request, plan,
          started, SyncOutcome.DENIED, ChangeSummary.empty(), HealthStatus.UNKNOWN, "denied by the policy gate")));
      return new SyncResult(SyncOutcome.DENIED, Optional.of(plan), ChangeSet.empty(),
          ApplicationHealth.of(List.of()), rec, "denied: " + plan.gate().denials().size() + " findings deny it");
    }
    HealthWaiter waiter = HealthWaiter.builder(app.cluster()).checks(healthChecks).clock(clock).build();
    if (request.trigger() == Trigger.AUTOMATED && isNoop(plan, app)) {
      return new SyncResult(SyncOutcome.SUCCEEDED, Optional.of(plan), ChangeSet.empty(),
          waiter.current(plan.inventory()), Optional.empty(), "");
    }
    Applier applier = Applier.builder(app.cluster()).fieldManager(fieldManager).concurrency(concurrency)
        .executor(executor).health(waiter).inventory(inventoryFor(app.cluster())).build();
    // Health and the record come before the inventory's last write, which clears its
    // sync-in-progress mark: a process stopped before the record leaves the mark to be reported.
    Finished finished = new Finished();
    try {
      applier.apply(plan, app.options(), changes -> finished.set(finish(app, request, plan, started, changes,
          waiter, history)));
    } catch (GitOpsException e) {
      if (!dryRun && finished.result == null) {
        recordFailure(history, e, failedRecord(app, request, started, plan, ChangeSummary.empty(), e.getMessage()));
      }
      throw e;
    }
    return finished.result;
  }

  /** The result of a sync, once its last step is done: health waited for, record written. */
  private SyncResult finish(Application app, SyncRequest request, Plan plan, Instant started, ChangeSet changes,
      HealthWaiter waiter, HistoryStore history) {
    boolean dryRun = app.options().dryRun();
    ApplicationHealth health = dryRun || changes.hasFailures() || app.options().healthTimeout().isZero()
        ? waiter.current(plan.inventory())
        : waiter.await(plan.inventory(), app.options().healthTimeout());
    SyncOutcome outcome = changes.hasFailures() ? SyncOutcome.FAILED
        : health.status().isReady() ? SyncOutcome.SUCCEEDED : SyncOutcome.UNHEALTHY;
    String message = switch (outcome) {
      case FAILED -> changes.failures().size() + " failed: " + changes.failures().get(0);
      case UNHEALTHY -> "not healthy within " + app.options().healthTimeout() + ": " + firstOf(health.unhealthy());
      default -> "";
    };
    String interrupted = plan.warnings().stream().filter(w -> w.startsWith(INTERRUPTED)).findFirst().orElse("");
    Optional<SyncRecord> rec = dryRun ? Optional.empty() : Optional.of(history.append(record(app, request, plan,
        started, outcome, changes.summary(), health.status(), join(join(request.note(), message), interrupted))));
    return new SyncResult(outcome, Optional.of(plan), changes, health, rec, message);
  }

  /** Records a failed attempt; if even that fails, the original error stays the one thrown. */
  private static void recordFailure(HistoryStore history, GitOpsException cause, SyncRecord record) {
    try {
      history.append(record);
    } catch (GitOpsException e) {
      cause.addSuppressed(e);
    }
  }

  /** Carries the result out of the applier's callback. */
  private static final class Finished {
    private SyncResult result;

    void set(SyncResult value) {
      result = value;
    }
  }

  /**
   * Syncs an earlier revision again and records it as a rollback. Automated syncs hold afterwards
   * (they would undo it) until {@link #resume} is called; manual syncs still run.
   *
   * @param revision a commit id, or a prefix of one that the application's history holds
   * @throws UnknownRevisionException if the revision is neither in the history nor a full commit id
   */
  public SyncResult rollback(Application app, String revision, String initiatedBy) {
    requireNonNull(app, "app");
    requireNonNull(revision, "revision");
    List<SyncRecord> records = history(app);
    Optional<SyncRecord> known = revision.length() >= 7 ? records.stream()
        .filter(r -> !r.commitId().isEmpty() && r.commitId().startsWith(revision)).findFirst() : Optional.empty();
    String commit = known.map(SyncRecord::commitId).orElse(revision);
    if (known.isEmpty() && !commit.matches("[0-9a-f]{40}")) {
      throw new UnknownRevisionException(app.name(), revision);
    }
    String note = "rollback to " + commit.substring(0, 12) + known.map(r -> " (as synced in #" + r.id() + ")")
        .orElse(" (never synced before)");
    return sync(app, new SyncRequest(Trigger.ROLLBACK, initiatedBy, Optional.of(GitRef.commit(commit)), false,
        note));
  }

  /** Lifts the hold a rollback put on automated syncs, with a record that says who did. */
  public SyncRecord resume(Application app, String initiatedBy) {
    requireNonNull(app, "app");
    HistoryStore history = historyFor(app.cluster());
    Optional<SyncRecord> last = history.latest(app.name());
    Instant now = clock.instant();
    return history.append(new SyncRecord(app.name(), 0, Trigger.RESUME, initiatedBy,
        last.map(SyncRecord::ref).orElse(""), last.map(SyncRecord::commitId).orElse(""),
        last.map(SyncRecord::author).orElse(""), last.map(SyncRecord::message).orElse(""), now, now,
        SyncOutcome.NONE, ChangeSummary.empty(), last.map(SyncRecord::health).orElse(HealthStatus.UNKNOWN),
        List.of(), last.map(SyncRecord::renderedDigest).orElse(""), "automated syncs resumed"));
  }

  /** Whether automated syncs of the application hold after a rollback. */
  public boolean isHeld(Application app) {
    return holdingRollback(historyFor(app.cluster()), app.name()).isPresent();
  }

  /** The application's history, newest first. */
  public List<SyncRecord> history(Application app) {
    return historyFor(app.cluster()).list(app.name());
  }

  /** The current health of the objects in the application's inventory (no waiting). */
  public ApplicationHealth health(Application app) {
    Set<ObjectKey> keys = inventoryFor(app.cluster()).read(app.name()).map(Inventory::keys).orElse(new TreeSet<>());
    return HealthWaiter.builder(app.cluster()).checks(healthChecks).clock(clock).build().current(keys);
  }

  /** Stops the engine's own threads (not an executor the caller supplied). */
  @Override
  public void close() {
    liveChanges.values().forEach(LiveChanges::close);
    liveChanges.clear();
    armed.clear();
    if (ownsExecutor) {
      executor.shutdownNow();
    }
  }

  // ---- stages ----

  private Rendered render(Application app, GitRef ref) {
    Revision revision = app.source().resolve(ref);
    Rendered cached = renders.get(Target.of(app));
    if (cached != null && cached.matches(app, revision.commitId())) {
      return cached;
    }
    Snapshot snapshot = app.source().fetch(GitRef.commit(revision.commitId()), app.path());
    RenderResult result = app.renderer().render(snapshot);
    // A renderer that keeps unchanged objects as the same instances (the plain renderer does)
    // lets each stage below skip them: only what a commit changed is scoped, hashed and parsed
    // for directives again. Memos hold the last render's objects only.
    boolean reuse = cached != null && cached.sameInputs(app);
    Map<Manifest, Manifest> scopes = new IdentityHashMap<>();
    if (reuse) {
      result.objects().forEach(m -> {
        Manifest s = cached.scopes.get(m);
        if (s != null) {
          scopes.put(m, s);
        }
      });
    }
    List<Manifest> objects = Scopes.apply(result.objects(), app.cluster(), app.namespace(), scopes);
    Map<Manifest, byte[]> digests = new IdentityHashMap<>();
    Map<Manifest, Directives> directives = new IdentityHashMap<>();
    for (Manifest m : objects) {
      byte[] d = reuse ? cached.digests.get(m) : null;
      if (d != null) {
        digests.put(m, d);
      }
      Directives x = reuse ? cached.directives.get(m) : null;
      directives.put(m, x != null ? x : Directives.of(m));
    }
    String digest = Digests.of(objects, digests);
    Rendered fresh = new Rendered(app.path(), app.renderer(), app.cluster(), app.namespace(), snapshot.revision(),
        objects, digest, gate.checkObjects(objects), scopes, digests, directives);
    renders.put(Target.of(app), fresh);
    return fresh;
  }

  /** The application's own inventory (empty if none), after checking no other one holds a declared object. */
  private Inventory checkOwnership(Application app, InventoryStore store, Set<ObjectKey> declared) {
    Inventory own = Inventory.empty(app.name());
    for (Inventory inv : store.all()) {
      if (inv.application().equals(app.name())) {
        own = inv;
        continue;
      }
      for (ObjectKey k : inv.keys()) {
        if (declared.contains(k)) {
          throw new InventoryConflictException(k, app.name(), inv.application());
        }
      }
    }
    return own;
  }

  /** Objects of one kind in one namespace from which on a list replaces single reads. */
  private static final int LIST_THRESHOLD = 16;

  /**
   * Reads the live objects: one list per kind and namespace where the application has many
   * objects of it, single reads for the rest; in parallel on the engine's executor.
   */
  private Map<ObjectKey, LiveObject> readLive(Cluster cluster, List<ObjectKey> keys) {
    Map<ObjectKey, LiveObject> out = new ConcurrentHashMap<>();
    Map<ListRequest, Set<ObjectKey>> byKind = new HashMap<>();
    for (ObjectKey k : keys) {
      byKind.computeIfAbsent(new ListRequest(k.group(), k.kind(), k.namespace(), ""), r -> new HashSet<>()).add(k);
    }
    List<Runnable> reads = new ArrayList<>();
    List<ObjectKey> singles = new ArrayList<>();
    for (Map.Entry<ListRequest, Set<ObjectKey>> e : byKind.entrySet()) {
      if (e.getValue().size() < LIST_THRESHOLD) {
        singles.addAll(e.getValue());
        continue;
      }
      reads.add(() -> {
        try {
          for (LiveObject l : cluster.list(e.getKey())) {
            if (e.getValue().contains(l.key())) {
              out.put(l.key(), l);
            }
          }
        } catch (UnknownResourceTypeException x) {
          // A kind a CustomResourceDefinition of this sync defines: nothing of it exists yet.
        }
      });
    }
    int chunks = singles.size() < 32 ? 1 : concurrency;
    for (int c = 0; c < chunks; c++) {
      List<ObjectKey> part = singles.subList(c * singles.size() / chunks, (c + 1) * singles.size() / chunks);
      reads.add(() -> {
        for (ObjectKey k : part) {
          try {
            cluster.get(k).ifPresent(l -> out.put(k, l));
          } catch (UnknownResourceTypeException x) {
            // as above
          }
        }
      });
    }
    if (reads.size() == 1) {
      reads.get(0).run();
      return out;
    }
    List<CompletableFuture<Void>> work = reads.stream().map(r -> CompletableFuture.runAsync(r, executor)).toList();
    try {
      CompletableFuture.allOf(work.toArray(CompletableFuture[]::new)).join();
    } catch (java.util.concurrent.CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
    return out;
  }

  private static ResourceDiff diff(Map<ObjectKey, CachedDiff> cache, SyncOptions options, Manifest desired,
      LiveObject live, Differ differ) {
    String rv = live == null ? "" : live.resourceVersion();
    CachedDiff c = cache.get(desired.key());
    if (c != null && c.options.equals(options) && c.liveVersion.equals(rv)
        && (c.desired == desired || c.desired.equals(desired))) {
      return c.diff;
    }
    ResourceDiff d = differ.diff(desired, Optional.ofNullable(live));
    cache.put(desired.key(), new CachedDiff(desired, rv, options, d));
    return d;
  }

  private boolean isNoop(Plan plan, Application app) {
    if (!plan.isInSync() || plan.waves().stream().anyMatch(w -> w.steps().stream()
        .anyMatch(s -> s.action() == Step.Action.HOOK))) {
      return false;
    }
    Set<ObjectKey> expected = new HashSet<>(plan.inventory());
    plan.prunes().forEach(p -> expected.add(p.key()));
    return inventoryFor(app.cluster()).read(app.name())
        .map(i -> i.syncInProgress().isEmpty() && i.keys().equals(new TreeSet<>(expected)))
        .orElse(false);
  }

  private static Optional<SyncRecord> holdingRollback(HistoryStore history, String application) {
    for (SyncRecord r : history.list(application)) {
      if (r.trigger() == Trigger.RESUME) {
        return Optional.empty();
      }
      if (r.trigger() == Trigger.ROLLBACK && r.outcome() != SyncOutcome.DENIED) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  private SyncRecord record(Application app, SyncRequest request, Plan plan, Instant started, SyncOutcome outcome,
      ChangeSummary changes, HealthStatus health, String note) {
    List<String> verdicts = plan.gate().findings().stream().filter(f -> !f.action().equals("AUDIT"))
        .limit(MAX_VERDICT_LINES).map(Finding::toString).toList();
    Revision r = plan.revision();
    return new SyncRecord(app.name(), 0, request.trigger(), request.initiatedBy(), r.ref(), r.commitId(), r.author(),
        r.subject(), started, clock.instant(), outcome, changes, health, verdicts, plan.renderedDigest(), note);
  }

  private SyncRecord failedRecord(Application app, SyncRequest request, Instant started, @Nullable Plan plan,
      ChangeSummary changes, String why) {
    if (plan != null) {
      return record(app, request, plan, started, SyncOutcome.FAILED, changes, HealthStatus.UNKNOWN,
          join(request.note(), why));
    }
    GitRef ref = request.ref().orElse(app.ref());
    return new SyncRecord(app.name(), 0, request.trigger(), request.initiatedBy(), ref.toString(), "", "", "",
        started, clock.instant(), SyncOutcome.FAILED, changes, HealthStatus.UNKNOWN, List.of(), "",
        join(request.note(), why));
  }

  private static final int MAX_VERDICT_LINES = 20;
  private static final String INTERRUPTED = "the previous sync did not finish (stopped while applying ";

  /** A list for a message: the first few entries and how many more there are. */
  private static String firstOf(List<?> items) {
    int shown = 10;
    return items.size() <= shown ? items.toString()
        : items.subList(0, shown) + " and " + (items.size() - shown) + " more";
  }

  private static String join(String a, String b) {
    return a.isEmpty() ? b : b.isEmpty() ? a : a + "; " + b;
  }

  private static Manifest asManifest(LiveObject live) {
    return Manifest.of(live.object(), SourceLocation.unknown());
  }

  private LiveChanges changesFor(Cluster cluster) {
    return liveChanges.computeIfAbsent(cluster, LiveChanges::new);
  }

  /**
   * The result of an automated sync that found nothing to do, kept while no watch event touched
   * its objects: the next automated sync of the same application at the same commit returns it.
   */
  private record Armed(LiveChanges.Token token, String commitId, Application app, SyncResult result) {
    boolean covers(Application other) {
      return other.source() == app.source() && other.renderer() == app.renderer()
          && other.cluster() == app.cluster() && other.path().equals(app.path())
          && other.namespace().equals(app.namespace()) && other.ref().equals(app.ref())
          && other.options().equals(app.options());
    }
  }

  private HistoryStore historyFor(Cluster cluster) {
    return historyStore != null ? historyStore : histories.computeIfAbsent(cluster,
        c -> ClusterHistoryStore.builder(c).namespace(stateNamespace).build());
  }

  private InventoryStore inventoryFor(Cluster cluster) {
    return inventoryStore != null ? inventoryStore : inventories.computeIfAbsent(cluster,
        c -> ClusterInventoryStore.of(c, stateNamespace));
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "gitops-engine-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** A render of one revision of an application, with the gate's verdict on it. */
  private record Rendered(String path, Renderer renderer, Cluster cluster, String namespace, Revision revision,
      List<Manifest> objects, String digest, GateReport gate, Map<Manifest, Manifest> scopes,
      Map<Manifest, byte[]> digests, Map<Manifest, Directives> directives) {
    boolean matches(Application app, String commitId) {
      return revision.commitId().equals(commitId) && sameInputs(app);
    }

    boolean sameInputs(Application app) {
      return path.equals(app.path()) && renderer == app.renderer() && cluster == app.cluster()
          && namespace.equals(app.namespace());
    }
  }

  /** An application in one destination cluster (clusters compare by identity). */
  private record Target(String application, Cluster cluster) {
    static Target of(Application app) {
      return new Target(app.name(), app.cluster());
    }
  }

  private record CachedDiff(Manifest desired, String liveVersion, SyncOptions options, ResourceDiff diff) {}

  /** Options of an {@link Engine}. */
  public static final class Builder {
    private SyncGate gate = SyncGate.allowAll();
    private ExecutorService executor;
    private int concurrency = 8;
    private Clock clock = Clock.systemUTC();
    private HistoryStore historyStore;
    private InventoryStore inventoryStore;
    private String stateNamespace = ClusterInventoryStore.DEFAULT_NAMESPACE;
    private HealthChecks healthChecks = HealthChecks.builtIns();
    private String fieldManager = ApplyOptions.DEFAULT_FIELD_MANAGER;
    private Planner planner = Planner.defaults();
    private boolean watchLive = true;

    private Builder() {}

    /** The policy gate every sync passes before writing; default allows everything. */
    public Builder gate(SyncGate value) {
      this.gate = requireNonNull(value, "gate");
      return this;
    }

    /**
     * Where parallel applies and reads run. The caller keeps ownership (the engine does not shut it
     * down). Default: the engine's own pool of {@link #concurrency} daemon threads.
     */
    public Builder executor(ExecutorService value) {
      this.executor = requireNonNull(value, "executor");
      return this;
    }

    /** How many objects of one kind group are applied (and read) at once; default 8. */
    public Builder concurrency(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("concurrency must be at least 1, was " + value);
      }
      this.concurrency = value;
      return this;
    }

    /** The clock of history records, plans and health timeouts; default UTC system clock. */
    public Builder clock(Clock value) {
      this.clock = requireNonNull(value, "clock");
      return this;
    }

    /**
     * One history store for every application. Default: a {@link ClusterHistoryStore} in each
     * application's destination cluster, in the {@link #stateNamespace}.
     */
    public Builder historyStore(HistoryStore value) {
      this.historyStore = requireNonNull(value, "historyStore");
      return this;
    }

    /**
     * One inventory store for every application. Default: a {@link ClusterInventoryStore} in each
     * application's destination cluster, in the {@link #stateNamespace}.
     */
    public Builder inventoryStore(InventoryStore value) {
      this.inventoryStore = requireNonNull(value, "inventoryStore");
      return this;
    }

    /** The namespace the default stores keep inventories and history in; default {@code gitops-system}. */
    public Builder stateNamespace(String value) {
      this.stateNamespace = requireNonNull(value, "stateNamespace");
      return this;
    }

    /** How health is assessed; default {@link HealthChecks#builtIns()}. */
    public Builder healthChecks(HealthChecks value) {
      this.healthChecks = requireNonNull(value, "healthChecks");
      return this;
    }

    /** The field manager of every apply; default {@value ApplyOptions#DEFAULT_FIELD_MANAGER}. */
    public Builder fieldManager(String value) {
      this.fieldManager = requireNonNull(value, "fieldManager");
      return this;
    }

    /**
     * Whether the engine watches the kinds of the objects it syncs, so that an automated sync
     * whose commit and live objects have not changed since the last one found nothing to do is
     * answered without reading the cluster (the steady state of a controller loop); default true.
     * Off, every automated sync reads every object (and still writes nothing when in sync).
     */
    public Builder watchLiveChanges(boolean value) {
      this.watchLive = value;
      return this;
    }

    /** How steps are ordered; default {@link Planner#defaults()}. */
    public Builder planner(Planner value) {
      this.planner = requireNonNull(value, "planner");
      return this;
    }

    public Engine build() {
      return new Engine(this);
    }
  }
}
