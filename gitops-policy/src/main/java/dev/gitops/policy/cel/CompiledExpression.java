package dev.gitops.policy.cel;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelExpr;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A compiled CEL program with what its evaluation needs to stay within an {@link
 * EvaluationBudget}: the ids of the expressions that produce regular expressions, which are
 * checked by {@link RegexSize} before a function compiles them. Package-private.
 */
final class CompiledExpression {
  private static final Set<String> REGEX_FUNCTIONS = Set.of("matches", "find", "findAll");

  private final CelRuntime.Program program;
  private final Set<Long> patternIds;

  private CompiledExpression(CelRuntime.Program program, Set<Long> patternIds) {
    this.program = program;
    this.patternIds = patternIds;
  }

  /** Wraps a program, finding the expressions that produce patterns of regex functions. */
  static CompiledExpression of(CelAbstractSyntaxTree ast, CelRuntime.Program program) {
    Set<Long> ids = new HashSet<>();
    Deque<CelExpr> todo = new ArrayDeque<>();
    todo.push(ast.getExpr());
    while (!todo.isEmpty()) {
      CelExpr e = todo.pop();
      switch (e.exprKind().getKind()) {
        case CALL -> {
          var call = e.call();
          call.target().ifPresent(todo::push);
          call.args().forEach(todo::push);
          if (REGEX_FUNCTIONS.contains(call.function())) {
            // s.matches(re), s.find(re), s.findAll(re[, n]); global matches(s, re)
            int at = call.target().isPresent() ? 0 : 1;
            if (call.args().size() > at) {
              CelExpr pattern = call.args().get(at);
              ids.add(pattern.id());
            }
          }
        }
        case SELECT -> todo.push(e.select().operand());
        case LIST -> e.list().elements().forEach(todo::push);
        case MAP -> e.map().entries().forEach(en -> {
          todo.push(en.key());
          todo.push(en.value());
        });
        case STRUCT -> e.struct().entries().forEach(en -> todo.push(en.value()));
        case COMPREHENSION -> {
          var c = e.comprehension();
          todo.push(c.iterRange());
          todo.push(c.accuInit());
          todo.push(c.loopCondition());
          todo.push(c.loopStep());
          todo.push(c.result());
        }
        default -> { }
      }
    }
    return new CompiledExpression(program, Set.copyOf(ids));
  }

  /**
   * Evaluates within the budget.
   *
   * @throws CelRuleException on an evaluation error or an exhausted budget
   */
  Object eval(Map<String, ?> vars, EvaluationBudget budget) {
    long saved = budget.enter();
    EvaluationBudget previous = budget.bind();
    try {
      return program.trace(vars, (expr, result) -> {
        budget.step(result);
        if (result instanceof String pattern && patternIds.contains(expr.id())) {
          RegexSize.check(pattern);
        }
      });
    } catch (CelEvaluationException e) {
      for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
        if (t instanceof CelRuleException r) {
          throw new CelRuleException(r.getMessage(), e);
        }
      }
      throw new CelRuleException("CEL evaluation error: " + e.getMessage(), e);
    } finally {
      EvaluationBudget.unbind(previous);
      budget.exit(saved);
    }
  }
}
