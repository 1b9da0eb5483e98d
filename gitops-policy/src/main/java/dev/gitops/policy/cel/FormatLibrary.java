package dev.gitops.policy.cel;

import static dev.cel.common.CelFunctionDecl.newFunctionDeclaration;
import static dev.cel.common.CelOverloadDecl.newMemberOverload;

import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.values.NullValue;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The Kubernetes CEL string {@code format}: {@code "%s has %d replicas".format([name, n])}.
 * Verbs: {@code %s} (any value), {@code %d} (int), {@code %f} and {@code %e} (double or int,
 * optional precision {@code %.2f}), {@code %x}/{@code %X} (int, or string as hex of its UTF-8
 * bytes), {@code %o} and {@code %b} (int), {@code %%}. A verb without an argument, an argument
 * without a verb, or a value of the wrong type is an error.
 */
final class FormatLibrary {
  private FormatLibrary() {}

  static CelLibrary library() {
    return new CelLibrary("format",
        List.of(newFunctionDeclaration("format", newMemberOverload("string_format_list",
            SimpleType.STRING, SimpleType.STRING, ListType.create(SimpleType.DYN)))),
        List.of(CelFunctionBinding.from("string_format_list", String.class, List.class,
            FormatLibrary::format)));
  }

  static String format(String template, List<?> args) throws CelEvaluationException {
    StringBuilder out = new StringBuilder(template.length() + 16);
    int next = 0;
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      if (c != '%') {
        out.append(c);
        continue;
      }
      int precision = -1;
      int j = i + 1;
      if (j < template.length() && template.charAt(j) == '.') {
        int start = ++j;
        while (j < template.length() && Character.isDigit(template.charAt(j))) {
          j++;
        }
        if (j == start || j - start > 3) {
          throw new CelEvaluationException("format: bad precision in " + template);
        }
        precision = Integer.parseInt(template.substring(start, j));
      }
      if (j >= template.length()) {
        throw new CelEvaluationException("format: unfinished verb at the end of " + template);
      }
      char verb = template.charAt(j);
      i = j;
      if (verb == '%' && precision < 0) {
        out.append('%');
        continue;
      }
      if (next >= args.size()) {
        throw new CelEvaluationException("format: too few arguments for " + template);
      }
      out.append(verb(verb, precision, args.get(next++)));
    }
    if (next != args.size()) {
      throw new CelEvaluationException("format: " + (args.size() - next) + " unused argument(s)");
    }
    return out.toString();
  }

  private static String verb(char verb, int precision, Object arg) throws CelEvaluationException {
    switch (verb) {
      case 's':
        return text(arg);
      case 'd':
        return Long.toString(integer(arg, verb));
      case 'f':
        return fixed(real(arg, verb), precision < 0 ? 6 : precision);
      case 'e':
        return scientific(real(arg, verb), precision < 0 ? 6 : precision);
      case 'x':
      case 'X':
        String hex = arg instanceof String s
            ? HexFormat.of().formatHex(s.getBytes(StandardCharsets.UTF_8))
            : Long.toHexString(integer(arg, verb));
        return verb == 'X' ? hex.toUpperCase(Locale.ROOT) : hex;
      case 'o':
        return Long.toOctalString(integer(arg, verb));
      case 'b':
        return Long.toBinaryString(integer(arg, verb));
      default:
        throw new CelEvaluationException("format: unknown verb %" + verb);
    }
  }

  /** How %s shows a value: strings as they are, lists and maps with their elements. */
  private static String text(Object v) {
    // Charged as it builds, so a huge list cannot be formatted past the budget.
    EvaluationBudget.chargeCurrent(1 + EvaluationBudget.sizeCost(v));
    if (v instanceof String s) {
      return s;
    }
    if (v == null || v instanceof NullValue) {
      return "null";
    }
    if (v instanceof List<?> l) {
      return l.stream().map(FormatLibrary::text).collect(Collectors.joining(", ", "[", "]"));
    }
    if (v instanceof Map<?, ?> m) {
      return m.entrySet().stream().map(e -> text(e.getKey()) + ": " + text(e.getValue()))
          .collect(Collectors.joining(", ", "{", "}"));
    }
    if (v instanceof Double d) {
      return d.isNaN() || d.isInfinite() ? d.toString()
          : BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
    return String.valueOf(v);
  }

  private static long integer(Object v, char verb) throws CelEvaluationException {
    if (v instanceof Long n) {
      return n;
    }
    throw new CelEvaluationException("format: %" + verb + " needs an int, got " + text(v));
  }

  private static double real(Object v, char verb) throws CelEvaluationException {
    if (v instanceof Double || v instanceof Long) {
      return ((Number) v).doubleValue();
    }
    throw new CelEvaluationException("format: %" + verb + " needs a number, got " + text(v));
  }

  // Rounds the exact binary value half to even, as Go's formatting (which Kubernetes uses) does.
  private static String fixed(double d, int precision) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return special(d);
    }
    return new BigDecimal(d).setScale(precision, RoundingMode.HALF_EVEN).toPlainString();
  }

  private static String scientific(double d, int precision) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return special(d);
    }
    BigDecimal exact = new BigDecimal(d);
    int exponent = 0;
    BigDecimal mantissa = BigDecimal.ZERO;
    if (exact.signum() != 0) {
      BigDecimal rounded = exact.round(new MathContext(precision + 1, RoundingMode.HALF_EVEN));
      exponent = rounded.precision() - rounded.scale() - 1;
      mantissa = rounded.movePointLeft(exponent);
    }
    String sign = exponent < 0 ? "-" : "+";
    String digits = Integer.toString(Math.abs(exponent));
    return mantissa.setScale(precision, RoundingMode.HALF_EVEN).toPlainString() + "e" + sign
        + (digits.length() < 2 ? "0" + digits : digits);
  }

  private static String special(double d) {
    return Double.isNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity";
  }
}
