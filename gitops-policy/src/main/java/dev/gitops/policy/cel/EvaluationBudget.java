package dev.gitops.policy.cel;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;

/**
 * What one evaluation may spend: a cost per expression, a cost in total (an admission policy's
 * expressions share it, as the API server's per-request budget), and a wall-clock deadline.
 * Cost is counted as the expression runs, in the spirit of Kubernetes' runtime cost: one per
 * evaluated step plus the size of what it produced (a tenth per character of a string or byte
 * array, one per list element or map entry), so work grows the bill before it can grow without
 * bound. Library functions that build large results charge while they build ({@link
 * #chargeCurrent}). Not thread-safe; one per evaluation. Package-private.
 */
final class EvaluationBudget {
  private static final ThreadLocal<EvaluationBudget> CURRENT = new ThreadLocal<>();

  private final long perExpression;
  private final long total;
  private final Duration timeout;
  private final long deadline;
  private long expressionCost;
  private long totalCost;

  EvaluationBudget(long perExpression, long total, Duration timeout) {
    this.perExpression = perExpression;
    this.total = total;
    this.timeout = timeout;
    this.deadline = System.nanoTime() + timeout.toNanos();
  }

  /** Starts an expression; returns what the caller's expression had spent, for {@link #exit}. */
  long enter() {
    long saved = expressionCost;
    expressionCost = 0;
    return saved;
  }

  void exit(long saved) {
    expressionCost = saved;
  }

  /** Binds this budget to the current thread for library functions; returns the previous one. */
  EvaluationBudget bind() {
    EvaluationBudget previous = CURRENT.get();
    CURRENT.set(this);
    return previous;
  }

  static void unbind(EvaluationBudget previous) {
    if (previous == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(previous);
    }
  }

  /** Charges the budget bound to this thread, if any. */
  static void chargeCurrent(long cost) {
    EvaluationBudget b = CURRENT.get();
    if (b != null) {
      b.charge(cost);
    }
  }

  /** Charges one evaluated step and the size of its result. */
  void step(Object result) {
    charge(1 + sizeCost(result));
  }

  void charge(long cost) {
    expressionCost += cost;
    totalCost += cost;
    if (expressionCost > perExpression) {
      throw new Exceeded("cost budget of " + perExpression + " per expression exceeded");
    }
    if (totalCost > total) {
      throw new Exceeded("cost budget of " + total + " per evaluation exceeded");
    }
    if (System.nanoTime() - deadline > 0) {
      throw new Exceeded("evaluation deadline of " + timeout.toMillis() + " ms exceeded");
    }
  }

  static long sizeCost(Object v) {
    if (v instanceof String s) {
      return s.length() / 10;
    }
    if (v instanceof Collection<?> c) {
      return c.size();
    }
    if (v instanceof Map<?, ?> m) {
      return m.size();
    }
    if (v instanceof byte[] b) {
      return b.length / 10;
    }
    return 0;
  }

  /** A budget ran out; ends the evaluation as an error the rule's failure policy handles. */
  static final class Exceeded extends CelRuleException {
    private static final long serialVersionUID = 1L;

    Exceeded(String message) {
      super(message);
    }
  }
}
