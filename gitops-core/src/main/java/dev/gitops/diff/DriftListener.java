package dev.gitops.diff;

/** Receives drift: each object's diff when it differs from the last one reported for it. */
@FunctionalInterface
public interface DriftListener {
  /**
   * Called on the detector's thread, one object at a time; should return quickly.
   *
   * @param diff the object's new diff; {@link ResourceDiff#isInSync()} when drift has settled
   */
  void onDrift(ResourceDiff diff);
}
