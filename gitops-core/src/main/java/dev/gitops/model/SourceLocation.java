package dev.gitops.model;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Where a value came from: a file in a snapshot and a 1-based line (0 when unknown), and the
 * steps that changed it after it was read, where the renderer records them (for Kustomize, each
 * patch or transformer: {@code apps/prod/kustomization.yaml: patches}).
 *
 * @param path path relative to the snapshot root, with {@code /} separators
 * @param line 1-based line of the document start, or 0 when unknown
 * @param via the steps that changed the value after it was read, in order; empty when none
 */
public record SourceLocation(String path, int line, List<String> via) {
  public SourceLocation {
    requireNonNull(path, "path");
    if (line < 0) {
      throw new IllegalArgumentException("line must be >= 0, was " + line);
    }
    via = List.copyOf(via);
  }

  /** A location in a file, with no later steps. */
  public SourceLocation(String path, int line) {
    this(path, line, List.of());
  }

  public static SourceLocation unknown() {
    return new SourceLocation("", 0);
  }

  /** The same place, changed afterwards by these steps. */
  public SourceLocation withVia(List<String> steps) {
    return new SourceLocation(path, line, steps);
  }

  /** {@code path:line}, then {@code via} and the steps when there are any. */
  @Override
  public String toString() {
    String at = line > 0 ? path + ":" + line : path;
    return via.isEmpty() ? at : at + " via " + String.join(", ", via);
  }
}
