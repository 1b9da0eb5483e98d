package dev.gitops.policy;

import dev.gitops.model.GitOpsException;
import java.util.stream.Collectors;

/** Thrown by {@link GateDecision#requireAllowed()} for a denied decision; carries it. */
public class PolicyDeniedException extends GitOpsException {
  private static final long serialVersionUID = 1L;
  private static final int LISTED = 10;

  private final transient GateDecision decision;

  public PolicyDeniedException(GateDecision decision) {
    super(message(decision));
    this.decision = decision;
  }

  public GateDecision decision() {
    return decision;
  }

  private static String message(GateDecision d) {
    var denials = d.denials();
    String listed = denials.stream().limit(LISTED).map(Verdict::toString)
        .collect(Collectors.joining("\n  ", "\n  ", ""));
    String more = denials.size() > LISTED ? "\n  ... and " + (denials.size() - LISTED) + " more" : "";
    return "policy denied " + denials.size() + " finding(s):" + (denials.isEmpty() ? "" : listed)
        + more;
  }
}
