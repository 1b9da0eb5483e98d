package dev.gitops.diff;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Equality of field values as the API server means it: numbers by value, int-or-string fields in
 * either form, resource quantities by value; maps and lists element by element.
 */
final class Equivalence {
  /** Fields of type IntOrString in built-in kinds. */
  static final Set<String> INT_OR_STRING = Set.of("targetPort", "port", "maxSurge", "maxUnavailable",
      "minAvailable");
  /** Maps whose values are resource quantities. */
  static final Set<String> QUANTITY_MAPS = Set.of("limits", "requests", "hard", "used", "capacity",
      "allocatable", "overhead", "default", "defaultRequest", "max", "min", "maxLimitRequestRatio");
  /** Fields that are a resource quantity. */
  static final Set<String> QUANTITY_FIELDS = Set.of("sizeLimit", "storage");

  private Equivalence() {}

  /** The index of the first item of {@code list} equivalent to {@code item}; -1 for none. */
  static int indexOf(List<?> list, Object item) {
    for (int i = 0; i < list.size(); i++) {
      if (equivalent("", "", item, list.get(i))) {
        return i;
      }
    }
    return -1;
  }

  /**
   * @param field the field's name, empty for list items
   * @param parent the name of the map holding it, empty at the root
   */
  static boolean equivalent(String parent, String field, Object d, Object l) {
    if (Objects.equals(d, l)) {
      return true;
    }
    if (d instanceof Number a && l instanceof Number b) {
      return decimal(a).compareTo(decimal(b)) == 0;
    }
    if (d instanceof Map<?, ?> dm && l instanceof Map<?, ?> lm) {
      if (dm.size() != lm.size()) {
        return false;
      }
      for (Map.Entry<?, ?> e : dm.entrySet()) {
        if (!lm.containsKey(e.getKey())
            || !equivalent(field, String.valueOf(e.getKey()), e.getValue(), lm.get(e.getKey()))) {
          return false;
        }
      }
      return true;
    }
    if (d instanceof List<?> dl && l instanceof List<?> ll) {
      if (dl.size() != ll.size()) {
        return false;
      }
      for (int i = 0; i < dl.size(); i++) {
        if (!equivalent(parent, field, dl.get(i), ll.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (isScalar(d) && isScalar(l)) {
      if (INT_OR_STRING.contains(field) && String.valueOf(d).equals(String.valueOf(l))) {
        return true;
      }
      if (QUANTITY_MAPS.contains(parent) || QUANTITY_FIELDS.contains(field)) {
        return Quantities.sameValue(d, l);
      }
    }
    return false;
  }

  private static boolean isScalar(Object o) {
    return o instanceof String || o instanceof Number;
  }

  private static BigDecimal decimal(Number n) {
    if (n instanceof BigDecimal b) {
      return b;
    }
    if (n instanceof BigInteger b) {
      return new BigDecimal(b);
    }
    if (n instanceof Long || n instanceof Integer) {
      return BigDecimal.valueOf(n.longValue());
    }
    return new BigDecimal(n.toString());
  }
}
