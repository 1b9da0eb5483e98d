package dev.gitops.model;

import static java.util.Objects.requireNonNull;

/**
 * Where a value came from: a file in a snapshot and a 1-based line (0 when unknown).
 *
 * @param path path relative to the snapshot root, with {@code /} separators
 * @param line 1-based line of the document start, or 0 when unknown
 */
public record SourceLocation(String path, int line) {
  public SourceLocation {
    requireNonNull(path, "path");
    if (line < 0) {
      throw new IllegalArgumentException("line must be >= 0, was " + line);
    }
  }

  public static SourceLocation unknown() {
    return new SourceLocation("", 0);
  }

  @Override
  public String toString() {
    return line > 0 ? path + ":" + line : path;
  }
}
