package dev.gitops.source;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A semantic version range over tag names, in the constraint syntax of Masterminds/semver v3 that
 * Flux's {@code GitRepository.spec.ref.semver} uses.
 *
 * <h2>Syntax</h2>
 *
 * <ul>
 *   <li>Comparators: {@code =}, {@code !=}, {@code >}, {@code <}, {@code >=} (also {@code =>}),
 *       {@code <=} (also {@code =<}), {@code ~} (also {@code ~>}), {@code ^}, or no operator,
 *       which means {@code =}. Whitespace may separate an operator from its version.
 *   <li>Comparators separated by whitespace or a comma must all hold (AND); {@code ||} separates
 *       alternatives (OR).
 *   <li>Versions may be partial ({@code 1}, {@code 1.2}), use wildcards ({@code 1.2.x},
 *       {@code 1.*}, {@code x}, {@code *}), carry a leading {@code v}, a prerelease and build
 *       metadata. A wildcard may only be followed by wildcards. Numbers have no leading zeros.
 *   <li>Hyphen ranges {@code A - B} (spaces required) mean {@code >=A <=B}, with the bounds
 *       written without operators.
 * </ul>
 *
 * <h2>Meaning</h2>
 *
 * A partial version denotes every version it leaves open: {@code 1.2} and {@code 1.2.x} are
 * {@code >=1.2.0 <1.3.0}, {@code 1} is {@code >=1.0.0 <2.0.0}, {@code *} is everything. So
 * {@code >1.2} is {@code >=1.3.0}, {@code <=1.2} is {@code <1.3.0}, {@code !=1.2} excludes
 * {@code 1.2.*}, {@code <1.2} is {@code <1.2.0} and {@code >=1.2} is {@code >=1.2.0}. An upper
 * bound produced this way also excludes the prereleases of the bound ({@code 1.3.0-rc.1} is not
 * in {@code 1.2.x}).
 *
 * <ul>
 *   <li>Tilde: {@code ~1.2.3} is {@code >=1.2.3 <1.3.0}, {@code ~1.2} likewise {@code <1.3.0},
 *       {@code ~1} is {@code >=1.0.0 <2.0.0}.
 *   <li>Caret: {@code ^1.2.3} is {@code >=1.2.3 <2.0.0}, {@code ^0.2.3} is {@code >=0.2.3 <0.3.0},
 *       {@code ^0.0.3} is {@code >=0.0.3 <0.0.4}, {@code ^0.0} is {@code <0.1.0}, {@code ^0} is
 *       {@code <1.0.0}.
 *   <li>Build metadata is accepted everywhere and ignored when comparing (SemVer precedence).
 *   <li>Prereleases: a prerelease version can match an alternative (one AND group) only if some
 *       comparator of that group names a prerelease, as Masterminds/semver v3.3 does. Within such
 *       a group any prerelease is compared by plain precedence, so {@code >=1.0.0-0 <2.0.0}
 *       includes {@code 1.5.0-beta} and also {@code 2.0.0-rc.1}, which sorts below
 *       {@code 2.0.0} (write {@code <2.0.0-0} to leave it out). With no prerelease in the range,
 *       {@code 2.0.0-rc.1} never matches, not even {@code >=1.0.0}. Add {@code -0} to a lower
 *       bound to opt in. (npm additionally requires the same {@code X.Y.Z}; Masterminds and this
 *       class do not.)
 * </ul>
 *
 * <p>Where Masterminds gives a few wildcard forms an odd meaning this class keeps the plain one:
 * {@code >*} matches nothing, {@code !=*} matches nothing, {@code ^*} matches everything (all
 * three act on {@code 0.0.0} in Masterminds), and {@code ~0.0.0} is {@code >=0.0.0 <0.1.0}
 * (Masterminds: everything). Masterminds ignores numbers after a wildcard ({@code 1.x.3}); this
 * class rejects them.
 *
 * <h2>Tags</h2>
 *
 * A tag is a version when its name, after one optional leading {@code v}, is a strict SemVer 2.0.0
 * version (three numbers, no leading zeros); other tags are ignored. {@link #highest} picks the
 * highest matching version. Tags of equal precedence ({@code v1.0.0} and {@code 1.0.0}, or
 * {@code 1.0.0+a} and {@code 1.0.0+b}) are told apart by name: the name first in plain string
 * order wins, so {@code 1.0.0} beats {@code 1.0.0+a} and {@code v1.0.0}.
 */
final class VersionRange {
  // Operators, longest first so that ">=" is not read as ">" followed by "=".
  private static final List<String> OPERATORS =
      List.of(">=", "=>", "<=", "=<", "!=", "~>", ">", "<", "=", "~", "^");

  private static final String PART = "(0|[1-9][0-9]*|[xX*])";
  private static final String IDS = "([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)";
  private static final Pattern PARTIAL = Pattern.compile(
      "v?" + PART + "(?:\\." + PART + ")?(?:\\." + PART + ")?(?:-" + IDS + ")?(?:\\+" + IDS + ")?");

  private final String text;
  private final List<Group> alternatives;

  private VersionRange(String text, List<Group> alternatives) {
    this.text = text;
    this.alternatives = alternatives;
  }

  /**
   * Parses a range such as {@code >=1.2.0 <2.0.0} or {@code ^1.4 || ~2.0.3}.
   *
   * @throws IllegalArgumentException if the range is malformed; the message quotes the range and
   *     names the part at fault
   */
  static VersionRange parse(String text) {
    requireNonNull(text, "text");
    if (text.isBlank()) {
      throw new IllegalArgumentException("semver range is empty");
    }
    List<Group> groups = new ArrayList<>();
    for (String alternative : text.split("\\|\\|", -1)) {
      if (alternative.isBlank()) {
        throw malformed(text, "an alternative next to '||' is empty");
      }
      groups.add(new GroupParser(text, alternative).parse());
    }
    return new VersionRange(text, List.copyOf(groups));
  }

  /** Whether a version lies inside the range. */
  boolean contains(SemVer version) {
    for (Group g : alternatives) {
      if (g.contains(version)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The tag whose name is the highest version inside the range, if any; names that are not
   * versions are ignored, and ties between equal versions go to the name first in string order.
   */
  Optional<String> highest(Collection<String> tagNames) {
    String best = null;
    SemVer bestVersion = null;
    for (String name : tagNames) {
      Optional<SemVer> v = SemVer.fromTag(name);
      if (v.isEmpty() || !contains(v.get())) {
        continue;
      }
      int c = bestVersion == null ? 1 : v.get().compareTo(bestVersion);
      if (c > 0 || (c == 0 && name.compareTo(best) < 0)) {
        best = name;
        bestVersion = v.get();
      }
    }
    return Optional.ofNullable(best);
  }

  @Override
  public String toString() {
    return text;
  }

  private static IllegalArgumentException malformed(String text, String detail) {
    return new IllegalArgumentException("malformed semver range '" + text + "': " + detail);
  }

  /** One alternative: comparators that must all hold. */
  private record Group(List<Interval> all, boolean admitsPrereleases) {
    boolean contains(SemVer v) {
      if (v.isPrerelease() && !admitsPrereleases) {
        return false;
      }
      for (Interval i : all) {
        if (!i.contains(v)) {
          return false;
        }
      }
      return true;
    }
  }

  /**
   * What one comparator allows: the versions between two bounds (null for unbounded), or with
   * {@code outside}, all other versions.
   */
  private record Interval(
      SemVer lower, boolean lowerInclusive, SemVer upper, boolean upperInclusive, boolean outside) {

    static final Interval ALL = new Interval(null, false, null, false, false);
    static final Interval NONE = new Interval(null, false, null, false, true);

    static Interval atLeast(SemVer v) {
      return v == null ? ALL : new Interval(v, true, null, false, false);
    }

    static Interval above(SemVer v) {
      return v == null ? NONE : new Interval(v, false, null, false, false);
    }

    static Interval below(SemVer v) {
      return v == null ? NONE : new Interval(null, false, v, false, false);
    }

    static Interval atMost(SemVer v) {
      return new Interval(null, false, v, true, false);
    }

    /** From {@code lower} inclusive to {@code upper} exclusive; null bounds are open. */
    static Interval between(SemVer lower, SemVer upper) {
      return new Interval(lower, true, upper, false, false);
    }

    Interval negate() {
      return new Interval(lower, lowerInclusive, upper, upperInclusive, !outside);
    }

    boolean contains(SemVer v) {
      boolean in = true;
      if (lower != null) {
        int c = v.compareTo(lower);
        in = c > 0 || (c == 0 && lowerInclusive);
      }
      if (in && upper != null) {
        int c = v.compareTo(upper);
        in = c < 0 || (c == 0 && upperInclusive);
      }
      return in != outside;
    }
  }

  /**
   * A version as written in a range, possibly partial.
   *
   * @param given how many leading numbers are given (0 for {@code *}, 3 for a full version)
   */
  private record Partial(long major, long minor, long patch, int given, String prerelease) {

    boolean isFull() {
      return given == 3;
    }

    /** The lowest version the partial denotes, or null when that is unbounded ({@code *}). */
    SemVer low() {
      if (given == 0 && prerelease.isEmpty()) {
        return null;
      }
      return new SemVer(major, minor, patch, prerelease, "");
    }

    /** The exact version of a full partial. */
    SemVer exact() {
      return new SemVer(major, minor, patch, prerelease, "");
    }

    /**
     * The first version above every version the partial leaves open, or null for none ({@code *}).
     * Only for partial versions: the bound is the next major or minor's lowest prerelease.
     */
    SemVer end() {
      return switch (given) {
        case 0 -> null;
        case 1 -> floor(Math.addExact(major, 1), 0, 0);
        default -> floor(major, Math.addExact(minor, 1), 0);
      };
    }

    /** All versions the partial denotes: a single version or a span. */
    Interval span() {
      return isFull() ? new Interval(exact(), true, exact(), true, false)
          : Interval.between(low(), end());
    }

    /** The lowest version with these numbers: {@code X.Y.Z-0}, below all its prereleases. */
    static SemVer floor(long major, long minor, long patch) {
      return new SemVer(major, minor, patch, "0", "");
    }
  }

  /** Reads one AND group, character by character, so that errors can name the part at fault. */
  private static final class GroupParser {
    private final String range;
    private final String s;
    private int pos;
    private boolean namesPrerelease;

    GroupParser(String range, String group) {
      this.range = range;
      this.s = group;
    }

    Group parse() {
      List<Interval> out = new ArrayList<>();
      skipSpace();
      while (pos < s.length()) {
        // A version ends at whitespace, a comma or the end, so a separator always follows here.
        int start = pos;
        try {
          readComparator(out);
        } catch (ArithmeticException e) {
          throw malformed(range, "a version in '" + s.substring(start, pos).strip()
              + "' is too large to take the next version of");
        }
        skipSpace();
        if (pos < s.length() && s.charAt(pos) == ',') {
          pos++;
          skipSpace();
          if (pos == s.length()) {
            throw malformed(range, "nothing follows ',' in '" + s.strip() + "'");
          }
        }
      }
      return new Group(List.copyOf(out), namesPrerelease);
    }

    private void readComparator(List<Interval> out) {
      String op = "";
      for (String candidate : OPERATORS) {
        if (s.startsWith(candidate, pos)) {
          op = candidate;
          pos += candidate.length();
          break;
        }
      }
      skipSpace();
      String token = readToken(op);
      Partial v = partial(token);
      if (hyphenFollows()) {
        if (!op.isEmpty()) {
          throw malformed(range, "hyphen range bounds take no operator: '" + op + token + "'");
        }
        pos++; // the '-'
        skipSpace();
        String upperToken = readToken("-");
        if (OPERATORS.stream().anyMatch(upperToken::startsWith)) {
          throw malformed(range, "hyphen range bounds take no operator: '" + upperToken + "'");
        }
        Partial upper = partial(upperToken);
        out.add(Interval.atLeast(v.low()));
        out.add(upper.isFull() ? Interval.atMost(upper.exact())
            : Interval.between(null, upper.end()));
        return;
      }
      out.add(interval(op, v));
    }

    /** Reads a version up to whitespace, a comma or the end. */
    private String readToken(String after) {
      int start = pos;
      while (pos < s.length() && !Character.isWhitespace(s.charAt(pos)) && s.charAt(pos) != ',') {
        pos++;
      }
      if (start == pos) {
        String where = pos == s.length() ? "the end" : "'" + s.substring(pos).strip() + "'";
        throw malformed(range, after.isEmpty() ? "expected a version at " + where
            : "expected a version after '" + after + "' at " + where);
      }
      return s.substring(start, pos);
    }

    /** Whether a " - " of a hyphen range comes next; pos is left on the '-' if so. */
    private boolean hyphenFollows() {
      int save = pos;
      skipSpace();
      if (pos > save && pos + 1 < s.length() && s.charAt(pos) == '-'
          && Character.isWhitespace(s.charAt(pos + 1))) {
        return true;
      }
      if (pos > save && pos + 1 == s.length() && s.charAt(pos) == '-') {
        throw malformed(range, "the hyphen range in '" + s.strip() + "' has no upper bound");
      }
      pos = save;
      return false;
    }

    private Partial partial(String token) {
      Matcher m = PARTIAL.matcher(token);
      if (!m.matches()) {
        throw malformed(range, "'" + token + "' is not a version");
      }
      long[] numbers = new long[3];
      int given = 0;
      for (int i = 0; i < 3; i++) {
        String part = m.group(i + 1);
        if (part == null || isWildcard(part)) {
          continue;
        }
        if (given < i) {
          throw malformed(range, "'" + token + "' has a number after a wildcard");
        }
        try {
          numbers[i] = Long.parseLong(part);
        } catch (NumberFormatException e) {
          throw malformed(range, "'" + token + "' has a number too large");
        }
        given++;
      }
      String pre = m.group(4) == null ? "" : m.group(4);
      for (String id : pre.split("\\.")) {
        if (id.length() > 1 && id.charAt(0) == '0' && id.chars().allMatch(Character::isDigit)) {
          throw malformed(range, "'" + token + "' has a numeric prerelease identifier with a "
              + "leading zero");
        }
      }
      if (!pre.isEmpty()) {
        namesPrerelease = true;
      }
      return new Partial(numbers[0], numbers[1], numbers[2], given, pre);
    }

    private boolean skipSpace() {
      int start = pos;
      while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
        pos++;
      }
      return pos > start;
    }
  }

  private static boolean isWildcard(String part) {
    return part.equals("x") || part.equals("X") || part.equals("*");
  }

  /** The versions one comparator allows. */
  private static Interval interval(String op, Partial v) {
    return switch (op) {
      case "", "=" -> v.span();
      case "!=" -> v.span().negate();
      case ">" -> v.isFull() ? Interval.above(v.exact())
          : v.end() == null ? Interval.NONE : Interval.atLeast(v.end());
      case ">=", "=>" -> Interval.atLeast(v.low());
      case "<" -> Interval.below(v.low());
      case "<=", "=<" -> v.isFull() ? Interval.atMost(v.exact()) : Interval.between(null, v.end());
      case "~", "~>" -> Interval.between(v.low(), v.given() == 0 ? null
          : v.given() == 1 ? Partial.floor(Math.addExact(v.major(), 1), 0, 0)
          : Partial.floor(v.major(), Math.addExact(v.minor(), 1), 0));
      case "^" -> Interval.between(v.low(), caretEnd(v));
      default -> throw new IllegalStateException("unknown operator " + op);
    };
  }

  /** Caret: the first number that is not zero (or the last one given) may not change. */
  private static SemVer caretEnd(Partial v) {
    if (v.given() == 0) {
      return null;
    }
    if (v.major() > 0 || v.given() == 1) {
      return Partial.floor(Math.addExact(v.major(), 1), 0, 0);
    }
    if (v.minor() > 0 || v.given() == 2) {
      return Partial.floor(0, Math.addExact(v.minor(), 1), 0);
    }
    return Partial.floor(0, 0, Math.addExact(v.patch(), 1));
  }
}
