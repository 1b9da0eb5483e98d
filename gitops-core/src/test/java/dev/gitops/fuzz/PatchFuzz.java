package dev.gitops.fuzz;

import dev.gitops.model.GitOpsException;
import dev.gitops.render.KustomizeRenderer;
import java.util.List;

/**
 * Strategic merge patches and JSON patches (RFC 6902) on fuzzed targets, through kustomize's
 * {@code patches}: the target, a strategic merge patch and a JSON patch are fuzzed.
 */
public final class PatchFuzz {
  private static final String KUSTOMIZATION = """
      resources: [target.yaml]
      patches:
      - path: smp.yaml
      - path: json.yaml
        target: {name: app}
      """;

  private PatchFuzz() {}

  public static void fuzzerTestOneInput(byte[] data) {
    List<byte[]> p = FuzzInput.parts(data, 3);
    try {
      KustomizeRenderer.create().render(FuzzInput.snapshot("kustomization.yaml", KUSTOMIZATION,
          "target.yaml", p.get(0), "smp.yaml", p.get(1), "json.yaml", p.get(2)));
    } catch (GitOpsException expected) {
      // a typed refusal is the contract
    }
  }
}
