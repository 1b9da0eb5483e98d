package dev.gitops.diff;

import static java.util.Objects.requireNonNull;

/**
 * A field left out of the comparison.
 *
 * @param path the field as Kubernetes prints it
 * @param pointer RFC 6901 JSON pointer into the desired object, or the live one when not declared
 * @param reason which rule, default or field manager left it out
 */
public record IgnoredField(String path, String pointer, Reason reason) {
  public IgnoredField {
    requireNonNull(path, "path");
    requireNonNull(pointer, "pointer");
    requireNonNull(reason, "reason");
  }
}
