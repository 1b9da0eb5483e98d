package dev.gitops.test;

import dev.gitops.model.Manifest;
import dev.gitops.render.RenderResult;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/**
 * The canonical text of a render, to compare renders byte for byte: one entry per object (its
 * source location, then its JSON with fields in their rendered order), then one per skipped
 * document. Field order counts: a renderer whose maps come out in another order each time is
 * not deterministic, even if the objects are equal as maps.
 */
final class Canonical {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private Canonical() {}

  static List<String> entries(RenderResult result) {
    List<String> out = new ArrayList<>();
    for (Manifest m : result.objects()) {
      out.add(m.source() + " " + JSON.writeValueAsString(m.object()));
    }
    for (String skipped : result.skipped()) {
      out.add("skipped: " + skipped);
    }
    return out;
  }
}
