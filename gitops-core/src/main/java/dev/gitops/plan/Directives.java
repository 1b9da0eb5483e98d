package dev.gitops.plan;

import static java.util.Objects.requireNonNull;

import dev.gitops.model.Manifest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What an object's annotations ask of a sync: its wave, whether it is a hook (and of which
 * phases, deleted when), and per-object sync options. Argo CD's and Helm's annotations are read as
 * they are, so existing repositories work unchanged; this SDK's own names ({@code gitops.dev/...})
 * alias them and win where both are set.
 *
 * <table>
 * <caption>Annotations read</caption>
 * <tr><th>ours</th><th>also read</th><th>meaning</th></tr>
 * <tr><td>{@value #SYNC_WAVE}</td><td>{@value #ARGO_SYNC_WAVE}, {@value #HELM_HOOK_WEIGHT} (hooks)</td>
 *     <td>wave number, default 0, may be negative</td></tr>
 * <tr><td>{@value #HOOK}</td><td>{@value #ARGO_HOOK}, {@value #HELM_HOOK}</td>
 *     <td>PreSync, Sync, PostSync, SyncFail, Skip (comma-separated)</td></tr>
 * <tr><td>{@value #HOOK_DELETE_POLICY}</td><td>{@value #ARGO_HOOK_DELETE_POLICY},
 *     {@value #HELM_HOOK_DELETE_POLICY}</td><td>BeforeHookCreation (default), HookSucceeded, HookFailed</td></tr>
 * <tr><td>{@value #SYNC_OPTIONS}</td><td>{@value #ARGO_SYNC_OPTIONS}</td>
 *     <td>Prune=false, Prune=confirm, PruneLast=true, Replace=true, Force=true,
 *     SkipDryRunOnMissingResource=true, ...</td></tr>
 * </table>
 *
 * @param wave the sync wave
 * @param hookPhases the phases the object is a hook of; empty when it is an ordinary object
 * @param hookDeletePolicies when a hook object is deleted
 * @param skip never applied (a hook annotated {@code Skip}, or a Helm hook of a kind of event a
 *     sync never has: test, delete, rollback)
 * @param prune whether the object may be pruned once no longer declared
 * @param pruneLast prune it after the other prunes
 * @param replace on an immutable-field rejection, delete and create it again
 * @param force with {@code replace}: replace without trying an apply first
 * @param skipDryRunOnMissingResource plan it even if its kind is not served yet
 * @param unknownOptions sync options this SDK does not act on, kept for the plan's warnings
 */
public record Directives(
    int wave,
    Set<SyncPhase> hookPhases,
    Set<HookDeletePolicy> hookDeletePolicies,
    boolean skip,
    PruneMode prune,
    boolean pruneLast,
    boolean replace,
    boolean force,
    boolean skipDryRunOnMissingResource,
    List<String> unknownOptions) {

  public static final String SYNC_WAVE = "gitops.dev/sync-wave";
  public static final String HOOK = "gitops.dev/hook";
  public static final String HOOK_DELETE_POLICY = "gitops.dev/hook-delete-policy";
  public static final String SYNC_OPTIONS = "gitops.dev/sync-options";
  public static final String ARGO_SYNC_WAVE = "argocd.argoproj.io/sync-wave";
  public static final String ARGO_HOOK = "argocd.argoproj.io/hook";
  public static final String ARGO_HOOK_DELETE_POLICY = "argocd.argoproj.io/hook-delete-policy";
  public static final String ARGO_SYNC_OPTIONS = "argocd.argoproj.io/sync-options";
  public static final String HELM_HOOK = "helm.sh/hook";
  public static final String HELM_HOOK_WEIGHT = "helm.sh/hook-weight";
  public static final String HELM_HOOK_DELETE_POLICY = "helm.sh/hook-delete-policy";

  /** Whether an object that is no longer declared is pruned. */
  public enum PruneMode {
    /** Pruned (when the application prunes at all). */
    ALLOW,
    /** Never pruned: left in the cluster and in the inventory. */
    DISABLED,
    /** Pruned only when the sync request confirms prunes. */
    CONFIRM
  }

  private static final Directives NONE = new Directives(0, Set.of(), Set.of(), false, PruneMode.ALLOW,
      false, false, false, false, List.of());

  public Directives {
    // Kept in phase order: a hook of several phases runs in each, in this order.
    hookPhases = hookPhases.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(hookPhases));
    hookDeletePolicies = Set.copyOf(hookDeletePolicies);
    requireNonNull(prune, "prune");
    unknownOptions = List.copyOf(unknownOptions);
  }

  /** An ordinary object of wave 0 with no options. */
  public static Directives none() {
    return NONE;
  }

  /** Whether the object is a hook rather than part of the application's inventory. */
  public boolean isHook() {
    return !hookPhases.isEmpty();
  }

  /**
   * Reads an object's directives.
   *
   * @throws InvalidDirectiveException if an annotation's value cannot be read, naming the object,
   *     its file and the annotation
   */
  public static Directives of(Manifest object) {
    Map<String, String> a = object.annotations();
    if (a.isEmpty()) {
      return NONE;
    }
    try {
      return parse(a);
    } catch (IllegalArgumentException e) {
      throw new InvalidDirectiveException(object.key(), object.source(), e.getMessage());
    }
  }

  /**
   * Reads directives from annotations.
   *
   * @throws IllegalArgumentException if a value cannot be read, naming the annotation
   */
  public static Directives parse(Map<String, String> a) {
    Set<SyncPhase> phases = EnumSet.noneOf(SyncPhase.class);
    boolean skip = false;
    boolean helmHook = false;
    String hook = first(a, HOOK, ARGO_HOOK);
    if (hook != null) {
      for (String part : split(hook)) {
        if (part.equals("Skip")) {
          skip = true;
          continue;
        }
        phases.add(phase(part, hook == a.get(HOOK) ? HOOK : ARGO_HOOK));
      }
    } else if (a.containsKey(HELM_HOOK)) {
      helmHook = true;
      boolean anySyncEvent = false;
      for (String part : split(a.get(HELM_HOOK))) {
        switch (part) {
          case "pre-install", "pre-upgrade" -> {
            phases.add(SyncPhase.PRE_SYNC);
            anySyncEvent = true;
          }
          case "post-install", "post-upgrade" -> {
            phases.add(SyncPhase.POST_SYNC);
            anySyncEvent = true;
          }
          // A CRD installed by an old chart is an ordinary object.
          case "crd-install" -> anySyncEvent = true;
          case "pre-delete", "post-delete", "pre-rollback", "post-rollback", "test", "test-success",
              "test-failure" -> { }
          default -> throw new IllegalArgumentException(
              "annotation " + HELM_HOOK + ": unknown hook '" + part + "'");
        }
      }
      skip = !anySyncEvent;
    }

    int wave = 0;
    String waveText = first(a, SYNC_WAVE, ARGO_SYNC_WAVE);
    String waveName = a.containsKey(SYNC_WAVE) ? SYNC_WAVE : ARGO_SYNC_WAVE;
    if (waveText == null && helmHook) {
      waveText = a.get(HELM_HOOK_WEIGHT);
      waveName = HELM_HOOK_WEIGHT;
    }
    if (waveText != null) {
      try {
        wave = Integer.parseInt(waveText.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "annotation " + waveName + ": '" + waveText + "' is not a whole number");
      }
    }

    Set<HookDeletePolicy> deletePolicies = EnumSet.noneOf(HookDeletePolicy.class);
    String policies = first(a, HOOK_DELETE_POLICY, ARGO_HOOK_DELETE_POLICY);
    String policyName = a.containsKey(HOOK_DELETE_POLICY) ? HOOK_DELETE_POLICY : ARGO_HOOK_DELETE_POLICY;
    if (policies == null && a.containsKey(HELM_HOOK_DELETE_POLICY)) {
      policies = a.get(HELM_HOOK_DELETE_POLICY);
      policyName = HELM_HOOK_DELETE_POLICY;
    }
    if (policies != null) {
      for (String part : split(policies)) {
        deletePolicies.add(switch (part.toLowerCase(Locale.ROOT).replace("-", "")) {
          case "beforehookcreation" -> HookDeletePolicy.BEFORE_HOOK_CREATION;
          case "hooksucceeded" -> HookDeletePolicy.HOOK_SUCCEEDED;
          case "hookfailed" -> HookDeletePolicy.HOOK_FAILED;
          default -> throw new IllegalArgumentException(
              "annotation " + policyName + ": unknown policy '" + part + "'");
        });
      }
    }
    if (deletePolicies.isEmpty()) {
      deletePolicies.add(HookDeletePolicy.BEFORE_HOOK_CREATION);
    }

    PruneMode prune = PruneMode.ALLOW;
    boolean pruneLast = false;
    boolean replace = false;
    boolean force = false;
    boolean skipDryRun = false;
    List<String> unknown = new ArrayList<>();
    for (String name : List.of(ARGO_SYNC_OPTIONS, SYNC_OPTIONS)) {
      String options = a.get(name);
      if (options == null) {
        continue;
      }
      for (String option : split(options)) {
        int eq = option.indexOf('=');
        if (eq < 0) {
          throw new IllegalArgumentException("annotation " + name + ": '" + option + "' is not Name=value");
        }
        String key = option.substring(0, eq).trim();
        String value = option.substring(eq + 1).trim();
        switch (key) {
          case "Prune" -> prune = switch (value.toLowerCase(Locale.ROOT)) {
            case "false" -> PruneMode.DISABLED;
            case "confirm" -> PruneMode.CONFIRM;
            case "true" -> PruneMode.ALLOW;
            default -> throw bad(name, option);
          };
          case "PruneLast" -> pruneLast = bool(name, option, value);
          case "Replace" -> replace = bool(name, option, value);
          case "Force" -> force = bool(name, option, value);
          case "SkipDryRunOnMissingResource" -> skipDryRun = bool(name, option, value);
          default -> unknown.add(option);
        }
      }
    }
    return new Directives(wave, phases, deletePolicies, skip, prune, pruneLast, replace, force, skipDryRun,
        unknown);
  }

  private static String first(Map<String, String> a, String ours, String theirs) {
    String v = a.get(ours);
    return v != null ? v : a.get(theirs);
  }

  private static SyncPhase phase(String value, String annotation) {
    for (SyncPhase p : SyncPhase.values()) {
      if (p.annotationValue().equals(value)) {
        return p;
      }
    }
    throw new IllegalArgumentException("annotation " + annotation + ": unknown phase '" + value
        + "' (PreSync, Sync, PostSync, SyncFail or Skip)");
  }

  private static boolean bool(String annotation, String option, String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw bad(annotation, option);
    };
  }

  private static IllegalArgumentException bad(String annotation, String option) {
    return new IllegalArgumentException("annotation " + annotation + ": cannot read '" + option + "'");
  }

  private static List<String> split(String value) {
    List<String> out = new ArrayList<>();
    for (String part : value.split(",")) {
      if (!part.isBlank()) {
        out.add(part.trim());
      }
    }
    return out;
  }
}
