package dev.gitops.source;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Who may sign changes to which paths, in the spirit of a CODEOWNERS file: for example {@code
 * apps/prod/**} only by the release keys, {@code apps/dev/**} by any team key.
 *
 * <pre>{@code
 * SignerPolicy signers = SignerPolicy.builder()
 *     .require("apps/prod/**", releaseKeys)
 *     .require("apps/dev/**", teamKeys)
 *     .otherwise(teamKeys)
 *     .build();
 * Source source = JGitSource.builder().url(url).cache(cache).signerPolicy(signers).build();
 * }</pre>
 *
 * <p>A commit is accepted only if it is signed (OpenPGP or SSH) by a key of the policy and, for
 * every path it changes since the last commit the source accepted on that ref (added, modified
 * or deleted files, compared tree to tree), by a key trusted for that path. The signer of the
 * newest commit vouches for everything that changed since: intermediate commits may be
 * unsigned, as with a release manager who signs what the team prepared. Without an accepted
 * commit to compare with (the first fetch of a process, or one no longer in the local clone),
 * every file of the commit counts as changed, unless the source was given {@code verifiedSince}.
 * A refusal is an {@link UnauthorizedSignerException} naming the path, the rule and the
 * signer.
 *
 * <p>Patterns are matched against whole repository paths: {@code **} matches any number of
 * directories, {@code *} any characters within one path segment, {@code ?} one character; a
 * pattern ending in {@code /} covers everything below that directory. When several rules match a
 * path the last one added wins, as in CODEOWNERS. Paths no rule matches need a key of {@link
 * Builder#otherwise}, or, without it, any key of the policy. Immutable and thread-safe.
 */
public final class SignerPolicy {
  /** One path rule. */
  record Rule(String pattern, Pattern regex, TrustedKeys keys) {}

  private final List<Rule> rules;
  private final @Nullable TrustedKeys otherwise;
  private final TrustedKeys all;

  private SignerPolicy(Builder b) {
    this.rules = List.copyOf(b.rules);
    this.otherwise = b.otherwise;
    IdentityHashMap<TrustedKeys, Boolean> sets = new IdentityHashMap<>();
    rules.forEach(r -> sets.put(r.keys(), true));
    if (otherwise != null) {
      sets.put(otherwise, true);
    }
    this.all = TrustedKeys.union(sets.keySet());
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Every key of the policy: a commit must be signed by one of them at least. */
  TrustedKeys allKeys() {
    return all;
  }

  /** The rule that governs a path: the last matching one, or null for the fallback. */
  @Nullable Rule ruleFor(String path) {
    for (int i = rules.size() - 1; i >= 0; i--) {
      if (rules.get(i).regex().matcher(path).matches()) {
        return rules.get(i);
      }
    }
    return null;
  }

  /** The keys trusted for a path. */
  TrustedKeys keysFor(String path) {
    Rule r = ruleFor(path);
    return r != null ? r.keys() : otherwise != null ? otherwise : all;
  }

  static Pattern glob(String pattern) {
    String p = pattern.endsWith("/") ? pattern + "**" : pattern;
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < p.length(); i++) {
      char c = p.charAt(i);
      if (c == '*' && i + 1 < p.length() && p.charAt(i + 1) == '*') {
        boolean slash = i + 2 < p.length() && p.charAt(i + 2) == '/';
        re.append(slash ? "(?:.*/)?" : ".*");
        i += slash ? 2 : 1;
      } else if (c == '*') {
        re.append("[^/]*");
      } else if (c == '?') {
        re.append("[^/]");
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString());
  }

  @Override
  public String toString() {
    List<String> out = new ArrayList<>();
    rules.forEach(r -> out.add(r.pattern() + " -> " + r.keys()));
    out.add("otherwise -> " + (otherwise != null ? otherwise : "any key above"));
    return "SignerPolicy" + out;
  }

  /** Collects path rules; later rules win over earlier ones for the paths both match. */
  public static final class Builder {
    private final List<Rule> rules = new ArrayList<>();
    private @Nullable TrustedKeys otherwise;

    private Builder() {}

    /**
     * Changes to paths matching the pattern must be signed by one of these keys.
     *
     * @throws IllegalArgumentException for an empty or absolute pattern
     */
    public Builder require(String pathPattern, TrustedKeys keys) {
      requireNonNull(pathPattern, "pathPattern");
      requireNonNull(keys, "keys");
      if (pathPattern.isBlank() || pathPattern.startsWith("/")) {
        throw new IllegalArgumentException("path pattern '" + pathPattern
            + "' must be a repository-relative path pattern such as apps/prod/**");
      }
      rules.add(new Rule(pathPattern, glob(pathPattern), keys));
      return this;
    }

    /** The keys for paths no rule matches; without it, any key of the policy signs them. */
    public Builder otherwise(TrustedKeys keys) {
      this.otherwise = requireNonNull(keys, "keys");
      return this;
    }

    /** @throws IllegalStateException if no rule and no fallback was given */
    public SignerPolicy build() {
      if (rules.isEmpty() && otherwise == null) {
        throw new IllegalStateException("SignerPolicy needs at least one rule or a fallback");
      }
      return new SignerPolicy(this);
    }
  }
}
