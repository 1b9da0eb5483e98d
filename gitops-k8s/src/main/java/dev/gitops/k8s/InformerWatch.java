package dev.gitops.k8s;

import dev.gitops.cluster.ClusterException;
import dev.gitops.cluster.ClusterUnavailableException;
import dev.gitops.cluster.ResourceType;
import dev.gitops.cluster.Watch;
import dev.gitops.cluster.WatchEvent;
import dev.gitops.cluster.WatchListener;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Watch} on a fabric8 informer (list, then watch from the list's resourceVersion).
 *
 * <p>Why an informer rather than a bare watch: it lists first, so the listener starts from the
 * complete current state (one ADDED per existing object, as a Kubernetes watch without a
 * resourceVersion does too); it reconnects dropped watches itself; and when the server has
 * compacted away the resourceVersion it resumes from (410 Gone) it lists again and delivers the
 * difference as ADDED, MODIFIED and DELETED events, so nothing is lost silently. There is no
 * periodic resync (period 0): every event is a real change. Events come in order, one at a time,
 * on the informer's own thread.
 *
 * <p>Errors: a failure of the initial list fails {@code Cluster.watch} itself. Later, I/O errors,
 * 429 and 5xx are retried by the informer (fabric8's watch reconnect backoff); any other error
 * (403 after a permission change, 404 after the kind's definition was deleted) stops the watch and
 * reaches {@link WatchListener#onClose}. fabric8 reopens a failing watch connection of an informer
 * forever, whatever the answer, so while the informer is not watching a periodic check lists the
 * kind once (limit 1) and ends the watch when that fails with anything but unavailability.
 */
final class InformerWatch implements Watch {
  private static final Logger LOG = LoggerFactory.getLogger(InformerWatch.class);

  /** How often a watch that is not connected checks that its kind can still be listed. */
  static final Duration CHECK_INTERVAL = Duration.ofSeconds(5);

  private final SharedIndexInformer<GenericKubernetesResource> informer;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Consumer<InformerWatch> onStop;
  private volatile ScheduledFuture<?> check;

  private InformerWatch(SharedIndexInformer<GenericKubernetesResource> informer,
      Consumer<InformerWatch> onStop) {
    this.informer = informer;
    this.onStop = onStop;
  }

  /**
   * Starts an informer and returns once its initial list has been delivered.
   *
   * @param what the watched kind and namespace, for messages
   * @param listFailure maps a failure to list the kind (a gone kind is unknown)
   * @param checks runs the periodic checks
   * @param onStop told when the watch ends, however it ends
   */
  static InformerWatch start(
      FilterWatchListDeletable<GenericKubernetesResource, GenericKubernetesResourceList,
          Resource<GenericKubernetesResource>> source,
      ResourceType type, Trees trees, ErrorMapper errors, String what, WatchListener listener,
      Function<RuntimeException, ClusterException> listFailure, ScheduledExecutorService checks,
      Consumer<InformerWatch> onStop) {
    SharedIndexInformer<GenericKubernetesResource> informer = source.runnableInformer(0);
    InformerWatch watch = new InformerWatch(informer, onStop);
    informer.addEventHandler(watch.new Handler(type, trees, listener));
    informer.exceptionHandler((started, error) ->
        started && errors.onApi(asRuntime(error), what) instanceof ClusterUnavailableException);
    try {
      informer.start().toCompletableFuture().get();
    } catch (InterruptedException e) {
      watch.close();
      Thread.currentThread().interrupt();
      throw new ClusterException(errors.cluster() + ": " + what + ": interrupted", e);
    } catch (ExecutionException | RuntimeException e) {
      watch.close();
      throw errors.onApi(asRuntime(e), what);
    }
    informer.stopped().whenComplete((ignored, error) -> watch.end(listener, error == null
        ? new ClusterException(errors.cluster() + ": " + what + ": stopped")
        : listFailure.apply(asRuntime(error))));
    watch.check = checks.scheduleWithFixedDelay(() -> {
      if (watch.closed.get() || informer.isWatching()) {
        return;
      }
      try {
        source.list(new ListOptionsBuilder().withLimit(1L).build());
      } catch (RuntimeException e) {
        ClusterException cause = listFailure.apply(e);
        if (!(cause instanceof ClusterUnavailableException)) {
          watch.end(listener, cause);
        }
      }
    }, CHECK_INTERVAL.toMillis(), CHECK_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    if (watch.closed.get()) {
      watch.check.cancel(false); // it stopped before the check was scheduled
    }
    return watch;
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      stop();
    }
  }

  /** Ends the watch for a reason other than {@link #close()}, telling the listener once. */
  private void end(WatchListener listener, ClusterException cause) {
    if (closed.compareAndSet(false, true)) {
      stop();
      listener.onClose(cause);
    }
  }

  private void stop() {
    ScheduledFuture<?> scheduled = check;
    if (scheduled != null) {
      scheduled.cancel(false);
    }
    informer.stop();
    onStop.accept(this);
  }

  boolean isClosed() {
    return closed.get();
  }

  private static RuntimeException asRuntime(Throwable t) {
    Throwable cause = t;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause instanceof RuntimeException r ? r : new RuntimeException(cause);
  }

  private final class Handler implements ResourceEventHandler<GenericKubernetesResource> {
    private final ResourceType type;
    private final Trees trees;
    private final WatchListener listener;

    Handler(ResourceType type, Trees trees, WatchListener listener) {
      this.type = type;
      this.trees = trees;
      this.listener = listener;
    }

    @Override
    public void onAdd(GenericKubernetesResource object) {
      deliver(WatchEvent.Type.ADDED, object);
    }

    @Override
    public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource after) {
      if (!Objects.equals(resourceVersion(before), resourceVersion(after))) {
        deliver(WatchEvent.Type.MODIFIED, after);
      }
    }

    @Override
    public void onDelete(GenericKubernetesResource object, boolean finalStateUnknown) {
      // finalStateUnknown: the delete was missed while disconnected; this is the last state seen.
      deliver(WatchEvent.Type.DELETED, object);
    }

    private void deliver(WatchEvent.Type kind, GenericKubernetesResource object) {
      if (closed.get()) {
        return;
      }
      try {
        listener.onEvent(new WatchEvent(kind, trees.live(object, type)));
      } catch (RuntimeException e) {
        // A failing listener must not stop the informer: later events still matter.
        LOG.warn("watch listener failed on {} {}", kind, object.getMetadata().getName(), e);
      }
    }

    private static String resourceVersion(GenericKubernetesResource r) {
      return r.getMetadata() == null ? null : r.getMetadata().getResourceVersion();
    }
  }
}
