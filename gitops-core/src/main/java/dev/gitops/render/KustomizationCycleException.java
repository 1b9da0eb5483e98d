package dev.gitops.render;

import java.util.List;

/** Kustomizations include each other in a cycle; names the chain, first to last. */
public final class KustomizationCycleException extends KustomizeException {
  private static final long serialVersionUID = 1L;
  private final List<String> chain;

  public KustomizationCycleException(List<String> chain) {
    super(chain.get(chain.size() - 2),
        "kustomizations include each other in a cycle: " + String.join(" -> ", chain));
    this.chain = List.copyOf(chain);
  }

  /** The directories of the cycle, ending with the one that repeats. */
  public List<String> chain() {
    return chain;
  }
}
