package dev.gitops.source;

import java.util.Collection;
import java.util.Optional;

/** A semantic version range over tag names. PLACEHOLDER: the parser comes next. */
final class VersionRange {
  private final String text;

  private VersionRange(String text) {
    this.text = text;
  }

  /** Parses a range such as {@code >=1.2.0 <2.0.0}; throws IllegalArgumentException if malformed. */
  static VersionRange parse(String text) {
    return new VersionRange(text);
  }

  /** The tag whose name is the highest version inside the range, if any. */
  Optional<String> highest(Collection<String> tagNames) {
    throw new UnsupportedOperationException("semver ranges not implemented yet: " + text);
  }
}
