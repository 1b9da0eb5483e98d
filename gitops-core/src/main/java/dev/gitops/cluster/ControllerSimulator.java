package dev.gitops.cluster;

import static java.util.Objects.requireNonNull;

import dev.gitops.model.Manifest;
import dev.gitops.model.ObjectKey;
import dev.gitops.model.SourceLocation;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the status Kubernetes' controllers and kubelet would write when everything goes well, so
 * that health can be tested on a cluster without them: the in-memory cluster, or a bare
 * kube-apiserver. It watches Deployments, StatefulSets, DaemonSets, ReplicaSets, Jobs, Pods,
 * PersistentVolumeClaims and Services (those kinds the cluster serves) and answers each ADDED or
 * MODIFIED event with a {@link Cluster#applyStatus} under its own field manager:
 *
 * <ul>
 *   <li>Deployment, ReplicaSet, StatefulSet: all {@code spec.replicas} (default 1) ready, updated
 *       and available at the object's generation; Deployments Available and Progressing
 *       (NewReplicaSetAvailable), StatefulSets at one revision;
 *   <li>DaemonSet: one node scheduled, updated, ready and available;
 *   <li>Job: succeeded, with SuccessCriteriaMet and Complete conditions, start and completion time;
 *       with the annotation {@value #OUTCOME_ANNOTATION}{@code : fail} failed instead
 *       (FailureTarget and Failed, reason BackoffLimitExceeded);
 *   <li>Pod: Running and Ready, or Succeeded for restartPolicy Never and OnFailure;
 *   <li>PersistentVolumeClaim: Bound at its requested size;
 *   <li>Service of type LoadBalancer: ingress IP {@value #LOAD_BALANCER_IP}.
 * </ul>
 *
 * <p>An object annotated {@value #OUTCOME_ANNOTATION}{@code : never} keeps its status, so tests
 * can wait for a timeout. The simulator does not write when the status already is what it would
 * write (its own writes do not start a loop), and leaves objects being deleted alone.
 *
 * <pre>{@code
 * try (ControllerSimulator controllers = ControllerSimulator.builder(cluster).start()) {
 *   cluster.apply(deployment, ApplyOptions.defaults());
 *   // the Deployment becomes available
 * }
 * }</pre>
 *
 * <p>Thread-safe; events are handled on the watches' threads.
 */
public final class ControllerSimulator implements AutoCloseable {
  /** The field manager of the status writes unless the builder names another. */
  public static final String DEFAULT_FIELD_MANAGER = "gitops-controller-simulator";
  /** Annotation choosing an object's outcome: {@code fail} (Jobs) or {@code never}. */
  public static final String OUTCOME_ANNOTATION = "simulator.gitops.dev/outcome";
  /** The ingress IP given to LoadBalancer Services (from TEST-NET-1, never routed). */
  public static final String LOAD_BALANCER_IP = "192.0.2.10";

  private static final Logger LOG = LoggerFactory.getLogger(ControllerSimulator.class);
  /** The kinds simulated: group and kind. */
  private static final List<String[]> KINDS = List.of(
      new String[] {"apps", "Deployment"}, new String[] {"apps", "StatefulSet"},
      new String[] {"apps", "DaemonSet"}, new String[] {"apps", "ReplicaSet"},
      new String[] {"batch", "Job"}, new String[] {"", "Pod"},
      new String[] {"", "PersistentVolumeClaim"}, new String[] {"", "Service"});

  private final Cluster cluster;
  private final String namespace;
  private final ApplyOptions options;
  private final Clock clock;
  private final List<Watch> watches = new ArrayList<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicLong eventsHandled = new AtomicLong();
  private final AtomicLong statusWrites = new AtomicLong();

  private ControllerSimulator(Builder b) {
    this.cluster = b.cluster;
    this.namespace = b.namespace;
    // Force: the simulator stands in for the controllers, which own these fields.
    this.options = ApplyOptions.defaults().withFieldManager(b.fieldManager).withForce(true);
    this.clock = b.clock;
  }

  /** A builder for a simulator on the cluster. */
  public static Builder builder(Cluster cluster) {
    return new Builder(requireNonNull(cluster, "cluster"));
  }

  /** How many watch events the simulator has handled so far, whether or not they led to a write. */
  public long eventsHandled() {
    return eventsHandled.get();
  }

  /** How many status writes the simulator has made so far. */
  public long statusWrites() {
    return statusWrites.get();
  }

  /** Closes the simulator's watches; events still arriving are ignored. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      synchronized (watches) {
        watches.forEach(Watch::close);
        watches.clear();
      }
    }
  }

  @Override
  public String toString() {
    return "ControllerSimulator[" + cluster.name() + ", " + options.fieldManager() + "]";
  }

  private void start() {
    try {
      for (String[] kind : KINDS) {
        if (cluster.resourceType(kind[0], kind[1]).isPresent()) {
          Watch w = cluster.watch(new WatchRequest(kind[0], kind[1], namespace), this::onEvent);
          synchronized (watches) {
            watches.add(w);
          }
        }
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  private void onEvent(WatchEvent event) {
    try {
      if (!closed.get() && event.type() != WatchEvent.Type.DELETED) {
        reconcile(event.object());
      }
    } catch (ObjectNotFoundException e) {
      // Deleted since the event: nothing to report on.
    } catch (ClusterException e) {
      LOG.warn("{}: status of {} not written: {}", this, event.object().key(), e.getMessage());
    } finally {
      eventsHandled.incrementAndGet();
    }
  }

  private void reconcile(LiveObject live) {
    if (live.deletionTimestamp().isPresent()
        || "never".equals(live.get("metadata", "annotations", OUTCOME_ANNOTATION).orElse(null))) {
      return;
    }
    Map<String, Object> status = SimulatedStatus.of(live, now());
    if (status == null || SimulatedStatus.satisfiedBy(status, live.get("status").orElse(Map.of()))) {
      return;
    }
    ObjectKey key = live.key();
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("name", key.name());
    if (key.isNamespaced()) {
      meta.put("namespace", key.namespace());
    }
    Map<String, Object> desired = new LinkedHashMap<>();
    desired.put("apiVersion", live.apiVersion());
    desired.put("kind", key.kind());
    desired.put("metadata", meta);
    desired.put("status", status);
    // Counted before the write, so that whoever sees the status in the cluster sees it counted.
    statusWrites.incrementAndGet();
    try {
      cluster.applyStatus(Manifest.of(desired, SourceLocation.unknown()), options);
    } catch (RuntimeException e) {
      statusWrites.decrementAndGet();
      throw e;
    }
  }

  private String now() {
    return DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS));
  }

  /** Configures a {@link ControllerSimulator}. */
  public static final class Builder {
    private final Cluster cluster;
    private String fieldManager = DEFAULT_FIELD_MANAGER;
    private String namespace = "";
    private Clock clock = Clock.systemUTC();

    private Builder(Cluster cluster) {
      this.cluster = cluster;
    }

    /** The field manager of the status writes; {@value ControllerSimulator#DEFAULT_FIELD_MANAGER} by default. */
    public Builder fieldManager(String value) {
      requireNonNull(value, "fieldManager");
      if (value.isBlank()) {
        throw new IllegalArgumentException("fieldManager must not be blank");
      }
      this.fieldManager = value;
      return this;
    }

    /** Simulates in one namespace only (for tests sharing a cluster); all namespaces by default. */
    public Builder namespace(String value) {
      this.namespace = requireNonNull(value, "namespace");
      return this;
    }

    /** The clock of the timestamps written (start times, conditions); the system UTC clock by default. */
    public Builder clock(Clock value) {
      this.clock = requireNonNull(value, "clock");
      return this;
    }

    /**
     * Starts watching; objects that exist already get their status from the watches' initial
     * ADDED events.
     *
     * @throws ClusterException if a watch cannot be opened
     */
    public ControllerSimulator start() {
      ControllerSimulator simulator = new ControllerSimulator(this);
      simulator.start();
      return simulator;
    }
  }
}
