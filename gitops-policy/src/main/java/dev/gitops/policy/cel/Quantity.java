package dev.gitops.policy.cel;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes resource quantity ({@code 500m}, {@code 1.5Gi}, {@code 2e3}), held exactly. Equal
 * quantities are equal whatever their notation: {@code 1} equals {@code 1000m}.
 *
 * @param value the amount, trailing zeros stripped
 */
public record Quantity(BigDecimal value) implements Comparable<Quantity> {
  private static final Pattern FORM =
      Pattern.compile("([+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+))([eE][+-]?[0-9]+|[A-Za-z]*)");
  private static final int MAX_EXPONENT = 100;
  private static final Map<String, BigDecimal> SUFFIXES = Map.ofEntries(
      Map.entry("", BigDecimal.ONE),
      Map.entry("n", BigDecimal.ONE.scaleByPowerOfTen(-9)),
      Map.entry("u", BigDecimal.ONE.scaleByPowerOfTen(-6)),
      Map.entry("m", BigDecimal.ONE.scaleByPowerOfTen(-3)),
      Map.entry("k", BigDecimal.ONE.scaleByPowerOfTen(3)),
      Map.entry("M", BigDecimal.ONE.scaleByPowerOfTen(6)),
      Map.entry("G", BigDecimal.ONE.scaleByPowerOfTen(9)),
      Map.entry("T", BigDecimal.ONE.scaleByPowerOfTen(12)),
      Map.entry("P", BigDecimal.ONE.scaleByPowerOfTen(15)),
      Map.entry("E", BigDecimal.ONE.scaleByPowerOfTen(18)),
      Map.entry("Ki", BigDecimal.valueOf(1L << 10)),
      Map.entry("Mi", BigDecimal.valueOf(1L << 20)),
      Map.entry("Gi", BigDecimal.valueOf(1L << 30)),
      Map.entry("Ti", BigDecimal.valueOf(1L << 40)),
      Map.entry("Pi", BigDecimal.valueOf(1L << 50)),
      Map.entry("Ei", BigDecimal.valueOf(1L << 60)));

  public Quantity {
    requireNonNull(value, "value");
    value = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
  }

  /**
   * Parses the Kubernetes quantity syntax: a signed decimal number and a binary-SI suffix (Ki ..
   * Ei), a decimal-SI suffix (n u m k M G T P E) or a decimal exponent (e3, E-2).
   *
   * @throws IllegalArgumentException if the text is not a quantity
   */
  public static Quantity parse(String text) {
    Matcher m = FORM.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a quantity: " + text);
    }
    BigDecimal number = new BigDecimal(m.group(1));
    String suffix = m.group(2);
    if (!suffix.isEmpty() && (suffix.charAt(0) == 'e' || suffix.charAt(0) == 'E')
        && suffix.length() > 1) {
      int exponent = Integer.parseInt(suffix.substring(1));
      if (Math.abs(exponent) > MAX_EXPONENT) {
        throw new IllegalArgumentException("quantity exponent out of range: " + text);
      }
      return new Quantity(number.scaleByPowerOfTen(exponent));
    }
    BigDecimal multiplier = SUFFIXES.get(suffix);
    if (multiplier == null) {
      throw new IllegalArgumentException("unknown quantity suffix " + suffix + ": " + text);
    }
    return new Quantity(number.multiply(multiplier));
  }

  /** Whether the text parses as a quantity. */
  public static boolean isQuantity(String text) {
    try {
      parse(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  public boolean isInteger() {
    return value.scale() <= 0; // the value is kept without trailing zeros
  }

  /**
   * The value as a long.
   *
   * @throws ArithmeticException if it has a fraction or does not fit
   */
  public long asInteger() {
    return value.longValueExact();
  }

  public double asApproximateFloat() {
    return value.doubleValue();
  }

  public int sign() {
    return value.signum();
  }

  public Quantity add(Quantity other) {
    return new Quantity(value.add(other.value));
  }

  public Quantity sub(Quantity other) {
    return new Quantity(value.subtract(other.value));
  }

  @Override
  public int compareTo(Quantity other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value.toPlainString();
  }
}
