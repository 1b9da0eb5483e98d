package dev.gitops.policy.cel;

import static java.util.Objects.requireNonNull;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelBuilder;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.CelType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.values.NullValue;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.gitops.policy.ChangeCheck;
import dev.gitops.policy.ObjectChange;
import dev.gitops.policy.Rule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles {@link CelRule}s once into {@link Rule}s whose checks evaluate the compiled program.
 * Immutable and thread-safe; create one and share it.
 *
 * <p>The environment has the standard CEL functions and macros ({@code has}, {@code all},
 * {@code exists}, {@code exists_one}, {@code map}, {@code filter}), the Kubernetes libraries of
 * {@link CelLibrary#kubernetes()}, and the variables {@code object} and {@code oldObject}
 * ({@code null} for rules over objects); {@code request}, {@code params},
 * {@code namespaceObject} (null) and {@code variables} (empty) serve admission policies.
 *
 * <p><b>Budget.</b> No rule can hang the engine or exhaust its memory. Every evaluation may run
 * at most {@link Builder#maxIterations} comprehension iterations (nested ones multiply), spend at
 * most {@link Builder#maxCost} per expression and {@link Builder#maxTotalCost} in total, and take
 * at most {@link Builder#timeout}. Cost is counted while the expression runs: one per evaluated
 * step plus the size of its result (a tenth per character of a string, one per element of a list
 * or entry of a map), and library functions that build large results charge as they build. A
 * regular expression whose compiled program would be larger than 100,000 instructions is refused
 * before it is compiled. A rule that exhausts a budget
 * fails with an evaluation error, handled per its failure policy.
 */
public final class CelRuleCompiler {
  /** Default iteration budget per evaluation. */
  public static final int DEFAULT_MAX_ITERATIONS = 10_000;
  /** Default cost budget of one expression (Kubernetes' per-expression runtime limit). */
  public static final long DEFAULT_MAX_COST = 1_000_000;
  /** Default cost budget of one evaluation in total (Kubernetes' per-request limit). */
  public static final long DEFAULT_MAX_TOTAL_COST = 10_000_000;
  /** Default wall-clock deadline of one evaluation. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);
  /** Default maximum expression length, in code points. */
  public static final int DEFAULT_MAX_EXPRESSION_LENGTH = 10_000;

  private final Cel cel;
  private final int maxIterations;
  private final long maxCost;
  private final long maxTotalCost;
  private final Duration timeout;

  private CelRuleCompiler(Builder b) {
    this.maxIterations = b.maxIterations;
    this.maxCost = b.maxCost;
    this.maxTotalCost = b.maxTotalCost;
    this.timeout = b.timeout;
    CelOptions options = CelOptions.current()
        .comprehensionMaxIterations(b.maxIterations)
        .maxExpressionCodePointSize(b.maxExpressionLength)
        .enableHiddenAccumulatorVar(true)
        .enableHeterogeneousNumericComparisons(true)
        .build();
    CelBuilder cb = CelFactory.standardCelBuilder()
        .setOptions(options)
        .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
        .addVar("object", SimpleType.DYN)
        .addVar("oldObject", SimpleType.DYN)
        // Admission policies' variables; null (variables: empty) for plain rules.
        .addVar("request", SimpleType.DYN)
        .addVar("params", SimpleType.DYN)
        .addVar("namespaceObject", SimpleType.DYN)
        .addVar("variables", MapType.create(SimpleType.STRING, SimpleType.DYN));
    for (CelLibrary lib : b.libraries) {
      cb.addFunctionDeclarations(lib.declarations());
      cb.addFunctionBindings(lib.bindings());
    }
    this.cel = cb.build();
  }

  /** A compiler with the Kubernetes libraries and the default budget. */
  public static CelRuleCompiler create() {
    return builder().build();
  }

  /** A builder starting from the defaults of {@link #create()}. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Compiles and type-checks a rule.
   *
   * @throws CelRuleException naming the rule and the compiler's messages if it does not compile
   *     or is not of type bool
   */
  public Rule compile(CelRule rule) {
    requireNonNull(rule, "rule");
    CompiledExpression program = program("CEL rule " + rule.id(), rule.expression(),
        SimpleType.BOOL);
    return new Rule(rule.id(), rule.severity(), rule.violationMessage(), rule.failurePolicy(),
        check(rule, program, this));
  }

  /**
   * Compiles one expression whose result must be of the given type (or dyn).
   *
   * @param what names the expression in error messages
   * @throws CelRuleException if it does not compile or has another result type
   */
  CompiledExpression program(String what, String expression, CelType resultType) {
    try {
      CelValidationResult result = cel.compile(expression);
      if (result.hasError() && result.getErrorString().contains("'_?_:_'")) {
        // Kubernetes accepts `cond ? value : null` (the documented audit annotation idiom), which
        // this checker cannot unify; a null branch typed as dyn makes the whole expression dyn.
        CelValidationResult retry = cel.compile(dynNullBranches(expression));
        if (!retry.hasError()) {
          result = retry;
        }
      }
      if (result.hasError()) {
        throw new CelRuleException(what + " does not compile:\n" + result.getErrorString());
      }
      CelAbstractSyntaxTree ast = result.getAst();
      CelType type = ast.getResultType();
      if (!type.equals(SimpleType.DYN) && !resultType.isAssignableFrom(type)) {
        throw new CelRuleException(what + " does not compile: its type is " + type.name()
            + ", not " + resultType.name() + ": " + expression);
      }
      return CompiledExpression.of(ast, cel.createProgram(ast));
    } catch (dev.cel.common.CelValidationException | CelEvaluationException e) {
      throw new CelRuleException(what + " does not compile: " + e.getMessage(), e);
    }
  }

  /**
   * The expression with each {@code null} that follows {@code ?} or {@code :} written
   * {@code dyn(null)}, outside string and bytes literals (plain, raw, triple-quoted). A null
   * typed dyn is still null, so map literals' null values change nothing either.
   */
  static String dynNullBranches(String expression) {
    StringBuilder out = new StringBuilder(expression.length() + 16);
    char last = 0; // the last character outside literals that is not white space
    int i = 0;
    int n = expression.length();
    while (i < n) {
      char c = expression.charAt(i);
      if (c == '\'' || c == '"') {
        boolean raw = i > 0 && (expression.charAt(i - 1) == 'r' || expression.charAt(i - 1) == 'R')
            && (i < 2 || !Character.isLetterOrDigit(expression.charAt(i - 2)) || isBytesPrefix(expression, i - 2));
        String quote = expression.startsWith(String.valueOf(c).repeat(3), i) ? String.valueOf(c).repeat(3)
            : String.valueOf(c);
        int j = i + quote.length();
        while (j < n && !expression.startsWith(quote, j)) {
          j += !raw && expression.charAt(j) == '\\' ? 2 : 1;
        }
        j = Math.min(n, j + quote.length());
        out.append(expression, i, j);
        last = c;
        i = j;
        continue;
      }
      if ((last == '?' || last == ':') && expression.startsWith("null", i)
          && (i + 4 == n || !isIdentifierPart(expression.charAt(i + 4)))) {
        out.append("dyn(null)");
        last = ')';
        i += 4;
        continue;
      }
      out.append(c);
      if (!Character.isWhitespace(c)) {
        last = c;
      }
      i++;
    }
    return out.toString();
  }

  private static boolean isBytesPrefix(String s, int at) {
    char p = s.charAt(at);
    return (p == 'b' || p == 'B') && (at == 0 || !Character.isLetterOrDigit(s.charAt(at - 1)));
  }

  private static boolean isIdentifierPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }

  /**
   * The variables of an evaluation over a change: {@code object} and {@code oldObject} (null when
   * absent), the rest null or empty.
   */
  static Map<String, Object> variables(ObjectChange change) {
    Map<String, Object> vars = new HashMap<>(8);
    vars.put("object", change.after() == null ? NullValue.NULL_VALUE
        : CelValues.ofObject(change.after().object(), 0));
    vars.put("oldObject", change.before() == null ? NullValue.NULL_VALUE
        : CelValues.ofObject(change.before().object(), 1));
    vars.put("request", NullValue.NULL_VALUE);
    vars.put("params", NullValue.NULL_VALUE);
    vars.put("namespaceObject", NullValue.NULL_VALUE);
    vars.put("variables", Map.of());
    return vars;
  }

  /** A fresh budget for one evaluation: of one rule, or of all expressions of one admission policy. */
  EvaluationBudget budget() {
    return new EvaluationBudget(maxCost, maxTotalCost, timeout);
  }

  /** Compiles several rules. */
  public List<Rule> compileAll(List<CelRule> rules) {
    List<Rule> out = new ArrayList<>(rules.size());
    rules.forEach(r -> out.add(compile(r)));
    return out;
  }

  /** The iteration budget of one evaluation. */
  public int maxIterations() {
    return maxIterations;
  }

  private static ChangeCheck check(CelRule rule, CompiledExpression program, CelRuleCompiler cel) {
    String message = rule.violationMessage();
    return (ObjectChange change, dev.gitops.policy.Violations out) -> {
      if (!rule.operations().contains(change.operation())
          || (!rule.kinds().isEmpty() && !rule.kinds().contains(change.object().kind()))) {
        return;
      }
      Object result = program.eval(variables(change), cel.budget());
      if (!(result instanceof Boolean b)) {
        throw new CelRuleException("CEL rule returned " + result + ", not a bool");
      }
      if (!b) {
        out.add(rule.path(), message);
      }
    };
  }

  /** Configures a {@link CelRuleCompiler}. */
  public static final class Builder {
    private int maxIterations = DEFAULT_MAX_ITERATIONS;
    private int maxExpressionLength = DEFAULT_MAX_EXPRESSION_LENGTH;
    private long maxCost = DEFAULT_MAX_COST;
    private long maxTotalCost = DEFAULT_MAX_TOTAL_COST;
    private Duration timeout = DEFAULT_TIMEOUT;
    private List<CelLibrary> libraries = CelLibrary.kubernetes();

    private Builder() {}

    /** Total comprehension iterations one evaluation may run. */
    public Builder maxIterations(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxIterations must be positive");
      }
      this.maxIterations = max;
      return this;
    }

    /**
     * Cost one expression may spend (see the class comment for how cost is counted); default
     * {@value #DEFAULT_MAX_COST}.
     */
    public Builder maxCost(long max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxCost must be positive");
      }
      this.maxCost = max;
      return this;
    }

    /**
     * Cost one evaluation may spend in total: all expressions of an admission policy (matchConditions,
     * variables, validations, messages, audit annotations) on one object share it; default
     * {@value #DEFAULT_MAX_TOTAL_COST}.
     */
    public Builder maxTotalCost(long max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxTotalCost must be positive");
      }
      this.maxTotalCost = max;
      return this;
    }

    /** Wall-clock time one evaluation may take before it is stopped; default 1 s. */
    public Builder timeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive");
      }
      this.timeout = timeout;
      return this;
    }

    /** Longest expression accepted, in code points. */
    public Builder maxExpressionLength(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxExpressionLength must be positive");
      }
      this.maxExpressionLength = max;
      return this;
    }

    /** The function libraries, replacing the default {@link CelLibrary#kubernetes()}. */
    public Builder libraries(List<CelLibrary> libs) {
      this.libraries = List.copyOf(libs);
      return this;
    }

    /** The compiler; building the CEL environment takes some milliseconds, so share it. */
    public CelRuleCompiler build() {
      return new CelRuleCompiler(this);
    }
  }
}
