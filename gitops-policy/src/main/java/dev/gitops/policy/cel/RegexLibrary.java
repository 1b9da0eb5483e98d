package dev.gitops.policy.cel;

import static dev.cel.common.CelFunctionDecl.newFunctionDeclaration;
import static dev.cel.common.CelOverloadDecl.newMemberOverload;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Kubernetes CEL regex functions: {@code s.find(re)} (the first match, or an empty string),
 * {@code s.findAll(re)} and {@code s.findAll(re, n)} (at most n matches; negative n means all).
 * RE2 syntax and linear-time matching (re2j, as CEL's own {@code matches}), so a pattern cannot
 * backtrack forever.
 */
final class RegexLibrary {
  private static final int CACHE_LIMIT = 512;
  // Patterns are nearly always literals in the rule, so the same few recur on every object.
  private static final ConcurrentHashMap<String, Pattern> CACHE = new ConcurrentHashMap<>();

  private RegexLibrary() {}

  static CelLibrary library() {
    return new CelLibrary("regex",
        List.of(
            newFunctionDeclaration("find", newMemberOverload("string_find_string",
                SimpleType.STRING, SimpleType.STRING, SimpleType.STRING)),
            newFunctionDeclaration("findAll",
                newMemberOverload("string_findAll_string", ListType.create(SimpleType.STRING),
                    SimpleType.STRING, SimpleType.STRING),
                newMemberOverload("string_findAll_string_int", ListType.create(SimpleType.STRING),
                    SimpleType.STRING, SimpleType.STRING, SimpleType.INT))),
        List.of(
            CelFunctionBinding.from("string_find_string", String.class, String.class,
                (s, re) -> {
                  Matcher m = pattern(re).matcher(s);
                  return m.find() ? m.group() : "";
                }),
            CelFunctionBinding.from("string_findAll_string", String.class, String.class,
                (s, re) -> findAll(s, re, -1)),
            CelFunctionBinding.from("string_findAll_string_int",
                List.of(String.class, String.class, Long.class),
                args -> findAll((String) args[0], (String) args[1], (Long) args[2]))));
  }

  private static List<String> findAll(String s, String re, long limit)
      throws CelEvaluationException {
    List<String> out = new ArrayList<>();
    Matcher m = pattern(re).matcher(s);
    while ((limit < 0 || out.size() < limit) && m.find()) {
      out.add(m.group());
    }
    return out;
  }

  private static Pattern pattern(String re) throws CelEvaluationException {
    Pattern p = CACHE.get(re);
    if (p == null) {
      try {
        p = Pattern.compile(re);
      } catch (PatternSyntaxException e) {
        throw new CelEvaluationException("invalid regex " + re + ": " + e.getMessage());
      }
      if (CACHE.size() >= CACHE_LIMIT) {
        CACHE.clear();
      }
      CACHE.put(re, p);
    }
    return p;
  }
}
