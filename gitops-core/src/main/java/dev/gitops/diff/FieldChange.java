package dev.gitops.diff;

import static java.util.Objects.requireNonNull;

import dev.gitops.model.SourceLocation;
import org.jspecify.annotations.Nullable;

/**
 * One difference between the desired and the live object. Values of Secret {@code data} and
 * {@code stringData} are redacted markers.
 *
 * @param path the field as Kubernetes prints it, {@code .spec.template.spec.containers[name="web"].image}
 * @param pointer RFC 6901 JSON pointer into the live object (into the desired object when the live
 *     one lacks the field's parent)
 * @param desired the desired value, null when the field is to be removed
 * @param live the live value, null when absent
 * @param reason why this is a change
 * @param source where the desired value was declared; {@link SourceLocation#unknown()} for removals
 */
public record FieldChange(String path, String pointer, @Nullable Object desired, @Nullable Object live, Reason reason,
    SourceLocation source) {
  public FieldChange {
    requireNonNull(path, "path");
    requireNonNull(pointer, "pointer");
    requireNonNull(reason, "reason");
    requireNonNull(source, "source");
  }

  @Override
  public String toString() {
    return path + ": " + live + " -> " + desired + " (" + reason + (source.path().isEmpty() ? "" : ", " + source) + ")";
  }
}
