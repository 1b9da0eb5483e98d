package dev.gitops.diff;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Kubernetes resource quantities by value: {@code 1000m == 1}, {@code 1Gi == 1024Mi}, {@code 0.5 == 500m}. */
final class Quantities {
  private static final Pattern QUANTITY =
      Pattern.compile("([+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+))(?:([eE][+-]?[0-9]+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E))?");
  private static final Map<String, BigDecimal> SUFFIX = Map.ofEntries(
      Map.entry("Ki", BigDecimal.valueOf(1L << 10)), Map.entry("Mi", BigDecimal.valueOf(1L << 20)),
      Map.entry("Gi", BigDecimal.valueOf(1L << 30)), Map.entry("Ti", BigDecimal.valueOf(1L << 40)),
      Map.entry("Pi", BigDecimal.valueOf(1L << 50)), Map.entry("Ei", BigDecimal.valueOf(1L << 60)),
      Map.entry("n", new BigDecimal("1e-9")), Map.entry("u", new BigDecimal("1e-6")),
      Map.entry("m", new BigDecimal("1e-3")), Map.entry("k", new BigDecimal("1e3")),
      Map.entry("M", new BigDecimal("1e6")), Map.entry("G", new BigDecimal("1e9")),
      Map.entry("T", new BigDecimal("1e12")), Map.entry("P", new BigDecimal("1e15")),
      Map.entry("E", new BigDecimal("1e18")));

  private Quantities() {}

  /** The value of a quantity given as a string or a number; empty when it is not one. */
  static Optional<BigDecimal> parse(Object v) {
    if (v instanceof Number n) {
      return Optional.of(new BigDecimal(n.toString()));
    }
    if (!(v instanceof String s)) {
      return Optional.empty();
    }
    Matcher m = QUANTITY.matcher(s.trim());
    if (!m.matches()) {
      return Optional.empty();
    }
    BigDecimal number = new BigDecimal(m.group(1));
    if (m.group(2) != null) {
      return Optional.of(number.scaleByPowerOfTen(Integer.parseInt(m.group(2).substring(1))));
    }
    return Optional.of(m.group(3) == null ? number : number.multiply(SUFFIX.get(m.group(3))));
  }

  static boolean sameValue(Object a, Object b) {
    Optional<BigDecimal> x = parse(a);
    Optional<BigDecimal> y = parse(b);
    return x.isPresent() && y.isPresent() && x.get().compareTo(y.get()) == 0;
  }
}
