package dev.gitops.cli;

import dev.gitops.policy.Action;
import dev.gitops.policy.Gate;
import dev.gitops.policy.GateDecision;
import dev.gitops.policy.Verdict;
import dev.gitops.render.RenderResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code gitops verify SOURCE}: renders and judges the objects by the policy gate. */
@Command(name = "verify",
    description = "Render a directory and check the objects against policies. Exit 0: allowed, 1: denied, 2: error.")
final class VerifyCommand implements Callable<Integer> {
  @Mixin
  SourceOptions source;

  @Mixin
  PolicyOptions policy;

  @Mixin
  OutputOptions output;

  @Override
  public Integer call() {
    if (policy.isEmpty()) {
      throw new CliException("nothing to verify against: give --policy NAME (one of "
          + String.join(", ", PolicyOptions.BUILT_IN.keySet()) + ") or --rules FILE");
    }
    RenderResult result;
    try (Checkout checkout = source.open()) {
      result = source.render(checkout);
    }
    GateDecision decision = Gate.of(policy.policy(result.objects())).check(result);
    output.print(() -> text(decision, result, Style.detect()), () -> document(decision, result));
    return decision.allowed() ? ExitCode.OK : ExitCode.DENIED;
  }

  private static Map<String, Object> document(GateDecision decision, RenderResult result) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("allowed", decision.allowed());
    m.put("objects", result.objects().size());
    m.put("denials", decision.denials().size());
    m.put("verdicts", decision.verdicts().stream().map(Views::verdict).toList());
    return m;
  }

  /** One line per verdict, {@code ACTION  OBJECT  RULE  MESSAGE [(PATH)] [at FILE:LINE]}, then a summary. */
  static String text(GateDecision decision, RenderResult result, Style style) {
    StringBuilder b = new StringBuilder();
    for (Verdict v : decision.verdicts()) {
      String action = String.format("%-8s", v.action());
      b.append(v.denies() ? style.red(action) : v.action() == Action.WARN ? style.yellow(action) : action)
          .append(v.object()).append("  ").append(v.ruleId()).append("  ").append(v.message());
      if (!v.path().isEmpty()) {
        b.append(" (").append(v.path()).append(')');
      }
      if (!v.source().path().isEmpty()) {
        b.append(" at ").append(v.source());
      }
      b.append('\n');
    }
    long warnings = decision.withAction(Action.WARN).size();
    String verdict = decision.allowed() ? style.green("allowed") : style.red("denied");
    b.append(verdict).append(": ").append(result.objects().size()).append(" objects, ")
        .append(decision.denials().size()).append(" denials, ").append(warnings).append(" warnings\n");
    return b.toString();
  }
}
