package dev.gitops.diff;

import static java.util.Objects.requireNonNull;

import dev.gitops.cluster.ApplyOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * Options of a diff. Start from {@link #defaults()}:
 * {@code DiffOptions.defaults().withIgnore(IgnoreRule.manager("hpa-controller"))}.
 *
 * @param fieldManager our field manager: the fields it owns in a live object are compared even when
 *     no longer declared (the apply would remove them)
 * @param ignoreRules fields neither compared nor applied
 * @param normalizers run on both sides, in order, before comparing
 */
public record DiffOptions(String fieldManager, List<IgnoreRule> ignoreRules, List<Normalizer> normalizers) {
  public DiffOptions {
    requireNonNull(fieldManager, "fieldManager");
    ignoreRules = List.copyOf(ignoreRules);
    normalizers = List.copyOf(normalizers);
  }

  /** Manager {@value ApplyOptions#DEFAULT_FIELD_MANAGER}, no ignore rules, {@link Normalizers#builtIns()}. */
  public static DiffOptions defaults() {
    return new DiffOptions(ApplyOptions.DEFAULT_FIELD_MANAGER, List.of(), Normalizers.builtIns());
  }

  public DiffOptions withFieldManager(String manager) {
    return new DiffOptions(manager, ignoreRules, normalizers);
  }

  /** These options with one more ignore rule. */
  public DiffOptions withIgnore(IgnoreRule rule) {
    List<IgnoreRule> out = new ArrayList<>(ignoreRules);
    out.add(requireNonNull(rule, "rule"));
    return new DiffOptions(fieldManager, out, normalizers);
  }

  public DiffOptions withIgnoreRules(List<IgnoreRule> rules) {
    return new DiffOptions(fieldManager, rules, normalizers);
  }

  public DiffOptions withNormalizers(List<Normalizer> value) {
    return new DiffOptions(fieldManager, ignoreRules, value);
  }
}
