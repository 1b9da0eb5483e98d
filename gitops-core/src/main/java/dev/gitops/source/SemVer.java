package dev.gitops.source;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A semantic version as defined by SemVer 2.0.0: {@code MAJOR.MINOR.PATCH}, an optional
 * {@code -prerelease} and optional {@code +build} metadata.
 *
 * <p>{@link #compareTo} is SemVer precedence, which ignores build metadata, so it is not
 * consistent with {@link #equals}: {@code 1.0.0+a} and {@code 1.0.0+b} compare as equal but are not
 * equal records.
 *
 * @param major major version
 * @param minor minor version
 * @param patch patch version
 * @param prerelease dot-separated prerelease identifiers without the {@code -}, or {@code ""}
 * @param build dot-separated build metadata without the {@code +}, or {@code ""}
 */
record SemVer(long major, long minor, long patch, String prerelease, String build)
    implements Comparable<SemVer> {

  // The grammar of semver.org: numbers and numeric prerelease identifiers have no leading zeros.
  private static final String NUMBER = "0|[1-9][0-9]*";
  private static final String PRE_ID = "0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*";
  private static final Pattern STRICT = Pattern.compile(
      "(" + NUMBER + ")\\.(" + NUMBER + ")\\.(" + NUMBER + ")"
          + "(?:-((?:" + PRE_ID + ")(?:\\.(?:" + PRE_ID + "))*))?"
          + "(?:\\+([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?");

  SemVer {
    requireNonNull(prerelease, "prerelease");
    requireNonNull(build, "build");
    if (major < 0 || minor < 0 || patch < 0) {
      throw new IllegalArgumentException("version numbers must not be negative");
    }
  }

  /** A release version without prerelease or build metadata. */
  static SemVer of(long major, long minor, long patch) {
    return new SemVer(major, minor, patch, "", "");
  }

  /**
   * Parses a strict SemVer 2.0.0 version ({@code 1.2.3}, {@code 1.2.3-rc.1+build.5}); empty if the
   * text is not one, including when a number does not fit in a {@code long}.
   */
  static Optional<SemVer> parse(String text) {
    Matcher m = STRICT.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new SemVer(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)),
          Long.parseLong(m.group(3)), nullToEmpty(m.group(4)), nullToEmpty(m.group(5))));
    } catch (NumberFormatException tooLarge) {
      return Optional.empty();
    }
  }

  /**
   * The version a tag name denotes: a strict version with an optional leading {@code v}
   * ({@code v1.2.3}), as Flux reads tags. Empty for other names.
   */
  static Optional<SemVer> fromTag(String tagName) {
    return parse(tagName.startsWith("v") ? tagName.substring(1) : tagName);
  }

  boolean isPrerelease() {
    return !prerelease.isEmpty();
  }

  /** SemVer precedence: numbers, then a release above its prereleases, then identifiers. */
  @Override
  public int compareTo(SemVer o) {
    int c = Long.compare(major, o.major);
    if (c == 0) {
      c = Long.compare(minor, o.minor);
    }
    if (c == 0) {
      c = Long.compare(patch, o.patch);
    }
    return c != 0 ? c : comparePrerelease(prerelease, o.prerelease);
  }

  private static int comparePrerelease(String a, String b) {
    if (a.equals(b)) {
      return 0;
    }
    if (a.isEmpty()) {
      return 1; // 1.0.0 > 1.0.0-anything
    }
    if (b.isEmpty()) {
      return -1;
    }
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      int c = compareIdentifier(x[i], y[i]);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(x.length, y.length); // a longer list of equal identifiers is higher
  }

  private static int compareIdentifier(String a, String b) {
    boolean na = isNumeric(a);
    boolean nb = isNumeric(b);
    if (na && nb) {
      // No leading zeros, so a longer number is larger; this also avoids overflow.
      int c = Integer.compare(a.length(), b.length());
      return c != 0 ? c : a.compareTo(b);
    }
    if (na != nb) {
      return na ? -1 : 1; // numeric identifiers are lower than alphanumeric ones
    }
    return a.compareTo(b); // ASCII order
  }

  private static boolean isNumeric(String s) {
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch < '0' || ch > '9') {
        return false;
      }
    }
    return true;
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }

  @Override
  public String toString() {
    return major + "." + minor + "." + patch
        + (prerelease.isEmpty() ? "" : "-" + prerelease)
        + (build.isEmpty() ? "" : "+" + build);
  }
}
