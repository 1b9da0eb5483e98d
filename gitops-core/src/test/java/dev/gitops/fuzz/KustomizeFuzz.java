package dev.gitops.fuzz;

import dev.gitops.model.GitOpsException;
import dev.gitops.render.KustomizeRenderer;
import java.util.List;

/** A fuzzed kustomization with two fuzzed resource files and a fuzzed base. */
public final class KustomizeFuzz {
  private KustomizeFuzz() {}

  public static void fuzzerTestOneInput(byte[] data) {
    List<byte[]> p = FuzzInput.parts(data, 4);
    try {
      KustomizeRenderer.create().render(FuzzInput.snapshot(
          "kustomization.yaml", p.get(0), "a.yaml", p.get(1), "b.yaml", p.get(2),
          "base/kustomization.yaml", p.get(3), "base/c.yaml", "apiVersion: v1\nkind: ConfigMap\n"
              + "metadata: {name: c}\ndata: {k: v}\n"));
    } catch (GitOpsException expected) {
      // a typed refusal is the contract
    }
  }
}
