package dev.gitops.diff;

import static java.util.Objects.requireNonNull;

import dev.gitops.model.JacksonVersions;
import dev.gitops.model.ObjectKey;
import dev.gitops.model.SourceLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The diff of one object: its status, each change with its reason and provenance, what was left
 * out and why, an RFC 6902 patch and a unified YAML diff. A value, never an exception. Secret
 * {@code data} and {@code stringData} values are redacted in every form.
 *
 * @param key the object
 * @param status in sync, out of sync, missing or extra
 * @param source where the desired object was declared; unknown for {@link DiffStatus#EXTRA}
 * @param changes the differences, in object order
 * @param ignored fields left out of the comparison, with their reasons
 * @param patch JSON Patch from the live object to the desired one over the compared fields
 * @param desiredView the compared fields of the desired object (empty when extra)
 * @param liveView the same fields of the live object (empty when missing)
 */
public record ResourceDiff(ObjectKey key, DiffStatus status, SourceLocation source, List<FieldChange> changes,
    List<IgnoredField> ignored, List<PatchOperation> patch, Map<String, Object> desiredView,
    Map<String, Object> liveView) {
  static {
    JacksonVersions.requireSupported(); // before any Jackson class loads
  }

  private static final JsonMapper JSON = JsonMapper.builder().build();

  public ResourceDiff {
    requireNonNull(key, "key");
    requireNonNull(status, "status");
    requireNonNull(source, "source");
    changes = List.copyOf(changes);
    ignored = List.copyOf(ignored);
    patch = List.copyOf(patch);
    requireNonNull(desiredView, "desiredView");
    requireNonNull(liveView, "liveView");
  }

  public boolean isInSync() {
    return status == DiffStatus.IN_SYNC;
  }

  /** The patch as JSON text. */
  public String jsonPatch() {
    List<Map<String, Object>> ops = new ArrayList<>(patch.size());
    patch.forEach(p -> ops.add(p.toMap()));
    return JSON.writeValueAsString(ops);
  }

  /** A unified diff of the compared fields as YAML, live ({@code ---}) to desired ({@code +++}); empty when in sync. */
  public String unifiedDiff() {
    if (status == DiffStatus.IN_SYNC) {
      return "";
    }
    return UnifiedYamlDiff.diff("live/" + key, "desired/" + key, liveView, desiredView);
  }
}
