package dev.gitops.policy.fuzz;

import dev.gitops.fuzz.FuzzInput;
import dev.gitops.model.GitOpsException;
import dev.gitops.model.Manifest;
import dev.gitops.policy.RulePolicy;
import dev.gitops.policy.RuleSet;
import dev.gitops.policy.cel.CelRule;
import dev.gitops.policy.cel.CelRuleCompiler;
import dev.gitops.render.PlainRenderer;
import java.util.List;

/**
 * CEL compile and evaluate: the first part is a rule's expression, the second an object. Compile
 * errors are typed; evaluation errors and exhausted budgets must end in verdicts.
 */
public final class CelFuzz {
  private static final CelRuleCompiler CEL = CelRuleCompiler.builder()
      .timeout(java.time.Duration.ofMillis(200)).build();

  private CelFuzz() {}

  /** Builds the CEL environment once, before fuzzing, outside the per-input time limit. */
  public static void fuzzerInitialize() {
    CEL.maxIterations();
  }

  public static void fuzzerTestOneInput(byte[] data) {
    List<byte[]> p = FuzzInput.parts(data, 2);
    RulePolicy policy;
    try {
      policy = RulePolicy.of(RuleSet.of("fuzz", CEL.compile(CelRule.of("r", FuzzInput.text(p.get(0)), "no"))));
    } catch (GitOpsException expected) {
      return;
    }
    List<Manifest> objects;
    try {
      objects = PlainRenderer.builder().build().render(FuzzInput.snapshot("o.yaml", p.get(1))).objects();
    } catch (GitOpsException expected) {
      return;
    }
    for (Manifest m : objects) {
      policy.evaluate(m); // never throws: errors become verdicts
    }
  }
}
