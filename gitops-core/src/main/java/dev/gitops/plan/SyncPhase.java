package dev.gitops.plan;

/** The phases of a sync, in the order they run; {@link #SYNC_FAIL} runs only when a sync fails. */
public enum SyncPhase {
  /** Before anything else: hooks such as database migrations. */
  PRE_SYNC("PreSync"),
  /** The objects themselves, and hooks that run among them. */
  SYNC("Sync"),
  /** After every object of the sync phase is applied and healthy. */
  POST_SYNC("PostSync"),
  /** Only when a step failed: hooks that clean up or alert. */
  SYNC_FAIL("SyncFail");

  private final String annotationValue;

  SyncPhase(String annotationValue) {
    this.annotationValue = annotationValue;
  }

  /** The phase's name in hook annotations, for example {@code PreSync}. */
  public String annotationValue() {
    return annotationValue;
  }

  @Override
  public String toString() {
    return annotationValue;
  }
}
