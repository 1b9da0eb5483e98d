package dev.gitops.plan;

/** When a hook object is deleted. */
public enum HookDeletePolicy {
  /** Delete the previous run's object before creating the hook again (the default). */
  BEFORE_HOOK_CREATION,
  /** Delete the hook object once it succeeded. */
  HOOK_SUCCEEDED,
  /** Delete the hook object once it failed. */
  HOOK_FAILED
}
