package dev.gitops.cluster;

/** Receives watch events. */
@FunctionalInterface
public interface WatchListener {
  void onEvent(WatchEvent event);

  /** The watch ended for a reason other than {@link Watch#close()}; it delivers no more events. */
  default void onClose(ClusterException cause) {}
}
