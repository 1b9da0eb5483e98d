package dev.gitops.cluster;

/** A running watch; closing it stops event delivery. */
public interface Watch extends AutoCloseable {
  @Override
  void close();
}
