package dev.gitops.policy.cel;

import dev.cel.common.values.NullValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes object trees CEL values: Java null becomes {@link NullValue}, big numbers become int or
 * double. Subtrees that need nothing are shared, not copied, so a typical object costs one walk.
 */
final class CelValues {
  private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  /**
   * The last tree converted on this thread and its conversion: a policy runs all its rules on one
   * object before the next, so CEL rules after the first reuse the walk. Holds one tree per thread.
   */
  private static final ThreadLocal<Object[]> LAST = ThreadLocal.withInitial(() -> new Object[4]);

  private CelValues() {}

  /**
   * {@link #of} for whole objects, remembering the last one converted on this thread per slot
   * (0 for {@code object}, 1 for {@code oldObject}).
   */
  static Object ofObject(Map<String, Object> object, int slot) {
    Object[] last = LAST.get();
    int i = 2 * slot;
    if (last[i] != object) {
      last[i + 1] = of(object);
      last[i] = object;
    }
    return last[i + 1];
  }

  /** The value for CEL; the same instance when nothing in it needs converting. */
  static Object of(Object v) {
    if (v == null) {
      return NullValue.NULL_VALUE;
    }
    if (v instanceof Map<?, ?> m) {
      return map(m);
    }
    if (v instanceof List<?> l) {
      return list(l);
    }
    if (v instanceof BigInteger b) {
      return b.compareTo(LONG_MIN) >= 0 && b.compareTo(LONG_MAX) <= 0 ? b.longValue()
          : b.doubleValue();
    }
    if (v instanceof BigDecimal d) {
      return d.doubleValue();
    }
    if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    return v;
  }

  private static Object map(Map<?, ?> m) {
    Map<Object, Object> copy = null;
    for (Map.Entry<?, ?> e : m.entrySet()) {
      Object converted = of(e.getValue());
      if (copy == null && converted != e.getValue()) {
        copy = new LinkedHashMap<>(m); // first change: copy, then overwrite as we go
      }
      if (copy != null) {
        copy.put(e.getKey(), converted);
      }
    }
    return copy == null ? m : Collections.unmodifiableMap(copy);
  }

  private static Object list(List<?> l) {
    List<Object> copy = null;
    for (int i = 0; i < l.size(); i++) {
      Object item = l.get(i);
      Object converted = of(item);
      if (copy == null && converted != item) {
        copy = new ArrayList<>(l);
      }
      if (copy != null) {
        copy.set(i, converted);
      }
    }
    return copy == null ? l : Collections.unmodifiableList(copy);
  }
}
