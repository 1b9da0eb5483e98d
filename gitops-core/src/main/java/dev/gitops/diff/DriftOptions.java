package dev.gitops.diff;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Options of a {@link DriftDetector}: {@code DriftOptions.defaults().withDebounce(Duration.ofSeconds(1))}.
 *
 * @param debounce how long after an object's first change event it is diffed; further events for
 *     it in that window are coalesced into the same diff. Zero diffs at once (still off the watch
 *     thread).
 */
public record DriftOptions(Duration debounce) {
  /** Default {@link #debounce()}. */
  public static final Duration DEFAULT_DEBOUNCE = Duration.ofMillis(200);

  public DriftOptions {
    requireNonNull(debounce, "debounce");
    if (debounce.isNegative()) {
      throw new IllegalArgumentException("debounce must not be negative: " + debounce);
    }
  }

  /** A 200 ms debounce. */
  public static DriftOptions defaults() {
    return new DriftOptions(DEFAULT_DEBOUNCE);
  }

  public DriftOptions withDebounce(Duration value) {
    return new DriftOptions(value);
  }
}
