package dev.gitops.apply;

import static java.util.Objects.requireNonNull;

import dev.gitops.cluster.DeleteOptions.Propagation;
import dev.gitops.diff.IgnoreRule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How an application is synced. Start from {@link #defaults()} and change what differs:
 * {@code SyncOptions.defaults().withPrune(false).withIgnore(IgnoreRule.manager("hpa-controller"))}.
 *
 * @param prune delete objects of the inventory that are no longer declared
 * @param dryRun send every write as a server-side dry run: nothing is stored, no hook runs, the
 *     inventory and the history are not written
 * @param force take over fields other field managers own instead of failing with a conflict
 * @param replace when the server refuses a change to an immutable field, delete the object and
 *     create it again (objects may also opt in one by one with {@code Replace=true})
 * @param serverSideDiff compare through a server-side dry run, so that admission defaults and
 *     mutating webhooks count as desired (one API call per object per plan)
 * @param createNamespace create the application's namespace before anything else (hooks of the
 *     first phase included) when it does not exist; it is not part of the inventory, so never pruned
 * @param propagation what happens to dependents of pruned and replaced objects
 * @param ignoreRules fields neither compared nor applied
 * @param healthTimeout how long to wait for a wave, a hook or the whole application to become
 *     healthy; zero to assess once without waiting
 */
public record SyncOptions(boolean prune, boolean dryRun, boolean force, boolean replace, boolean serverSideDiff,
    boolean createNamespace, Propagation propagation, List<IgnoreRule> ignoreRules, Duration healthTimeout) {

  /** How long syncs wait for health unless told otherwise. */
  public static final Duration DEFAULT_HEALTH_TIMEOUT = Duration.ofMinutes(5);

  private static final SyncOptions DEFAULTS = new SyncOptions(true, false, false, false, false, false,
      Propagation.FOREGROUND, List.of(), DEFAULT_HEALTH_TIMEOUT);

  public SyncOptions {
    requireNonNull(propagation, "propagation");
    ignoreRules = List.copyOf(ignoreRules);
    requireNonNull(healthTimeout, "healthTimeout");
    if (healthTimeout.isNegative()) {
      throw new IllegalArgumentException("healthTimeout must not be negative: " + healthTimeout);
    }
  }

  /**
   * Prune on (only inventory objects are ever pruned), no dry run, no force, no replace, local
   * diff, no namespace creation, foreground propagation, no ignore rules, health timeout {@link #DEFAULT_HEALTH_TIMEOUT}.
   */
  public static SyncOptions defaults() {
    return DEFAULTS;
  }

  public SyncOptions withPrune(boolean value) {
    return new SyncOptions(value, dryRun, force, replace, serverSideDiff, createNamespace, propagation, ignoreRules, healthTimeout);
  }

  public SyncOptions withDryRun(boolean value) {
    return new SyncOptions(prune, value, force, replace, serverSideDiff, createNamespace, propagation, ignoreRules, healthTimeout);
  }

  public SyncOptions withForce(boolean value) {
    return new SyncOptions(prune, dryRun, value, replace, serverSideDiff, createNamespace, propagation, ignoreRules, healthTimeout);
  }

  public SyncOptions withReplace(boolean value) {
    return new SyncOptions(prune, dryRun, force, value, serverSideDiff, createNamespace, propagation, ignoreRules, healthTimeout);
  }

  public SyncOptions withServerSideDiff(boolean value) {
    return new SyncOptions(prune, dryRun, force, replace, value, createNamespace, propagation, ignoreRules, healthTimeout);
  }

  public SyncOptions withCreateNamespace(boolean value) {
    return new SyncOptions(prune, dryRun, force, replace, serverSideDiff, value, propagation, ignoreRules, healthTimeout);
  }

  public SyncOptions withPropagation(Propagation value) {
    return new SyncOptions(prune, dryRun, force, replace, serverSideDiff, createNamespace, value, ignoreRules, healthTimeout);
  }

  /** These options with one more ignore rule. */
  public SyncOptions withIgnore(IgnoreRule rule) {
    List<IgnoreRule> rules = new ArrayList<>(ignoreRules);
    rules.add(requireNonNull(rule, "rule"));
    return new SyncOptions(prune, dryRun, force, replace, serverSideDiff, createNamespace, propagation, rules, healthTimeout);
  }

  public SyncOptions withIgnoreRules(List<IgnoreRule> value) {
    return new SyncOptions(prune, dryRun, force, replace, serverSideDiff, createNamespace, propagation, value, healthTimeout);
  }

  public SyncOptions withHealthTimeout(Duration value) {
    return new SyncOptions(prune, dryRun, force, replace, serverSideDiff, createNamespace, propagation, ignoreRules, value);
  }
}
