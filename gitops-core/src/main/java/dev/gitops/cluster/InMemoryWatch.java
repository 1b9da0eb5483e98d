package dev.gitops.cluster;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One watch of the in-memory cluster. Events are queued when the cluster commits a change and
 * handed to the listener on this watch's own daemon thread, so one slow listener delays no other
 * watch and the cluster never waits for listeners. Package-private.
 */
final class InMemoryWatch implements Watch {
  private static final Logger LOG = LoggerFactory.getLogger(InMemoryWatch.class);
  private final WatchRequest request;
  private final WatchListener listener;
  private final ExecutorService dispatcher;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Consumer<InMemoryWatch> onClose;

  InMemoryWatch(String threadName, WatchRequest request, WatchListener listener, Consumer<InMemoryWatch> onClose) {
    this.request = request;
    this.listener = listener;
    this.onClose = onClose;
    this.dispatcher = Executors.newSingleThreadExecutor(
        new ThreadFactoryBuilder().setNameFormat(threadName).setDaemon(true).build());
  }

  boolean matches(LiveObject object) {
    return object.key().group().equals(request.group())
        && object.key().kind().equals(request.kind())
        && (request.namespace().isEmpty() || request.namespace().equals(object.key().namespace()));
  }

  boolean watchesKind(String group, String kind) {
    return request.group().equals(group) && request.kind().equals(kind);
  }

  /** Queues an event; called by the cluster in commit order. */
  void deliver(WatchEvent event) {
    submit(() -> listener.onEvent(event));
  }

  /** Ends the watch for a reason of the cluster's (its kind went away). */
  void end(ClusterException cause) {
    submit(() -> {
      if (closed.compareAndSet(false, true)) {
        listener.onClose(cause);
      }
    });
    onClose.accept(this);
    dispatcher.shutdown();
  }

  private void submit(Runnable task) {
    try {
      dispatcher.execute(() -> {
        if (closed.get()) {
          return;
        }
        try {
          task.run();
        } catch (RuntimeException e) {
          LOG.warn("watch listener for {} failed; the watch goes on", request, e);
        }
      });
    } catch (RejectedExecutionException e) {
      // Closed concurrently: nothing more is delivered.
    }
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      onClose.accept(this);
      dispatcher.shutdown();
    }
  }
}
