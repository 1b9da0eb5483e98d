package dev.gitops.fuzz;

import dev.gitops.model.GitOpsException;
import dev.gitops.model.Manifest;
import dev.gitops.render.PlainRenderer;

/** The YAML and JSON readers through the plain renderer: any input renders or fails typed. */
public final class YamlFuzz {
  private YamlFuzz() {}

  public static void fuzzerTestOneInput(byte[] data) {
    for (String name : new String[] {"in.yaml", "in.json"}) {
      try {
        for (Manifest m : PlainRenderer.builder().build().render(FuzzInput.snapshot(name, data)).objects()) {
          m.key();
          m.toString();
        }
      } catch (GitOpsException expected) {
        // a typed refusal is the contract
      }
    }
  }
}
