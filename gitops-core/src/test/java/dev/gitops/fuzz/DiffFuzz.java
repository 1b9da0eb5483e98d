package dev.gitops.fuzz;

import dev.gitops.cluster.LiveObject;
import dev.gitops.cluster.SchemaTable;
import dev.gitops.diff.DiffOptions;
import dev.gitops.diff.Differ;
import dev.gitops.diff.ResourceDiff;
import dev.gitops.model.GitOpsException;
import dev.gitops.model.Manifest;
import dev.gitops.render.PlainRenderer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The diff of two arbitrary trees: the first part is the desired object, the second the live one
 * (given the desired object's identity, as a live object of the same key would have).
 */
public final class DiffFuzz {
  private DiffFuzz() {}

  /** Loads the built-in schema once, before fuzzing, outside the per-input time limit. */
  public static void fuzzerInitialize() {
    Holder.DIFFER.toString();
  }

  private static final class Holder {
    static final Differ DIFFER = Differ.of(SchemaTable.builtIn(), DiffOptions.defaults());
  }

  public static void fuzzerTestOneInput(byte[] data) {
    List<byte[]> p = FuzzInput.parts(data, 2);
    try {
      List<Manifest> desired = PlainRenderer.builder().build()
          .render(FuzzInput.snapshot("desired.yaml", p.get(0))).objects();
      List<Manifest> live = PlainRenderer.builder().build()
          .render(FuzzInput.snapshot("live.yaml", p.get(1))).objects();
      if (desired.isEmpty()) {
        return;
      }
      Manifest d = desired.get(0);
      Map<String, Object> l = live.isEmpty() ? new LinkedHashMap<>() : live.get(0).toMutableMap();
      l.put("apiVersion", d.apiVersion());
      l.put("kind", d.kind());
      Map<String, Object> meta = l.get("metadata") instanceof Map<?, ?> m
          ? new LinkedHashMap<>(castMap(m)) : new LinkedHashMap<>();
      meta.put("name", d.name());
      if (d.namespace().isEmpty()) {
        meta.remove("namespace");
      } else {
        meta.put("namespace", d.namespace());
      }
      l.put("metadata", meta);
      ResourceDiff diff = Holder.DIFFER.diff(d, Optional.of(LiveObject.of(l)));
      diff.jsonPatch();
      diff.unifiedDiff();
      Holder.DIFFER.diff(d, Optional.empty()).unifiedDiff();
    } catch (GitOpsException expected) {
      // a typed refusal is the contract
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Map<?, ?> m) {
    return (Map<String, Object>) m;
  }
}
