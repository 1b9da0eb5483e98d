package dev.gitops.render;

import java.util.regex.Pattern;

/**
 * How unquoted YAML scalars read, matched to what kustomize and Flux hand to the API server (YAML
 * read by go-yaml v3, then passed through JSON); package-private. The parser already reads
 * plain numbers, booleans and null; this adds the rest: {@code ~} is null, {@code 0755} is octal,
 * a bare date is a timestamp at midnight UTC, and a float with an integral value is an integer
 * ({@code 1e3} is 1000), as JSON's encoding of a float makes it.
 */
final class PlainScalars {
  private static final Pattern OCTAL = Pattern.compile("0[0-7]+");
  private static final Pattern OCTAL_12 = Pattern.compile("0o[0-7]+");
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final double LONG_LIMIT = 0x1p63;

  private PlainScalars() {}

  /** The value of an unquoted scalar the parser left as a string. */
  static Object resolve(String text) {
    if (text.equals("~")) {
      return null;
    }
    if (OCTAL.matcher(text).matches() && text.length() <= 22) {
      return Long.parseLong(text.substring(1), 8);
    }
    if (OCTAL_12.matcher(text).matches() && text.length() <= 23) {
      return Long.parseLong(text.substring(2), 8);
    }
    if (DATE.matcher(text).matches()) {
      return text + "T00:00:00Z";
    }
    return text;
  }

  /** A float as JSON carries it: integral values within long range become longs. */
  static Object number(double value) {
    if (value == Math.rint(value) && !Double.isInfinite(value) && Math.abs(value) < LONG_LIMIT) {
      return (long) value;
    }
    return value;
  }
}
