package dev.gitops.policy.cel;

import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The {@code variables} of an admission policy for one evaluation: each is computed when first
 * read (as in Kubernetes, an unused variable that would fail costs nothing) and then kept.
 */
final class LazyVariables extends AbstractMap<String, Object> {
  /** A compiled variable. */
  record Variable(String name, CompiledExpression program) {}

  private final Map<String, Variable> declared = new LinkedHashMap<>();
  private final Map<String, Object> values = new LinkedHashMap<>();
  private final Set<String> computing = new LinkedHashSet<>();
  private final Map<String, Object> scope;
  private final EvaluationBudget budget;

  /**
   * @param variables in declaration order
   * @param scope the evaluation's variables; the caller puts this map in it as {@code variables}
   */
  LazyVariables(List<Variable> variables, Map<String, Object> scope, EvaluationBudget budget) {
    this.budget = budget;
    variables.forEach(v -> declared.put(v.name(), v));
    this.scope = scope;
  }

  @Override
  public boolean containsKey(Object key) {
    return declared.containsKey(key);
  }

  @Override
  public @Nullable Object get(Object key) {
    if (values.containsKey(key)) {
      return values.get(key);
    }
    Variable v = declared.get(key);
    if (v == null) {
      return null;
    }
    if (!computing.add(v.name())) {
      throw new CelRuleException("variable " + v.name() + " refers to itself");
    }
    try {
      Object value = v.program().eval(scope, budget);
      values.put(v.name(), value);
      return value;
    } finally {
      computing.remove(v.name());
    }
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    Map<String, Object> all = new LinkedHashMap<>();
    declared.keySet().forEach(k -> all.put(k, get(k)));
    return all.entrySet();
  }
}
