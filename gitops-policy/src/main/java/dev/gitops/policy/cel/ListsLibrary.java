package dev.gitops.policy.cel;

import static dev.cel.common.CelFunctionDecl.newFunctionDeclaration;
import static dev.cel.common.CelOverloadDecl.newMemberOverload;

import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.TypeParamType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import java.util.List;

/**
 * The Kubernetes CEL list functions: {@code isSorted()}, {@code sum()}, {@code min()},
 * {@code max()}, {@code indexOf(x)}, {@code lastIndexOf(x)}. Elements compare as in CEL: numbers
 * with numbers (int and double mixed), strings with strings, booleans with booleans.
 */
final class ListsLibrary {
  private static final CelType T = TypeParamType.create("T");
  private static final CelType LIST_T = ListType.create(T);

  private ListsLibrary() {}

  static CelLibrary library() {
    return new CelLibrary("lists",
        List.of(
            newFunctionDeclaration("isSorted",
                newMemberOverload("list_isSorted", SimpleType.BOOL, LIST_T)),
            newFunctionDeclaration("sum", newMemberOverload("list_sum", T, LIST_T)),
            newFunctionDeclaration("min", newMemberOverload("list_min", T, LIST_T)),
            newFunctionDeclaration("max", newMemberOverload("list_max", T, LIST_T)),
            newFunctionDeclaration("indexOf",
                newMemberOverload("list_indexOf", SimpleType.INT, LIST_T, T)),
            newFunctionDeclaration("lastIndexOf",
                newMemberOverload("list_lastIndexOf", SimpleType.INT, LIST_T, T))),
        List.of(
            CelFunctionBinding.from("list_isSorted", List.class, ListsLibrary::isSorted),
            CelFunctionBinding.from("list_sum", List.class, ListsLibrary::sum),
            CelFunctionBinding.from("list_min", List.class, l -> extreme(l, -1)),
            CelFunctionBinding.from("list_max", List.class, l -> extreme(l, 1)),
            CelFunctionBinding.from("list_indexOf", List.class, Object.class,
                (l, x) -> (long) indexOf(l, x, false)),
            CelFunctionBinding.from("list_lastIndexOf", List.class, Object.class,
                (l, x) -> (long) indexOf(l, x, true))));
  }

  private static boolean isSorted(List<?> l) throws CelEvaluationException {
    for (int i = 1; i < l.size(); i++) {
      if (compare(l.get(i - 1), l.get(i)) > 0) {
        return false;
      }
    }
    return true;
  }

  private static Object sum(List<?> l) throws CelEvaluationException {
    long longSum = 0;
    double doubleSum = 0;
    boolean anyDouble = false;
    for (Object o : l) {
      if (o instanceof Long n) {
        try {
          longSum = Math.addExact(longSum, n);
        } catch (ArithmeticException e) {
          throw new CelEvaluationException("sum() overflows int");
        }
      } else if (o instanceof Double d) {
        doubleSum += d;
        anyDouble = true;
      } else {
        throw new CelEvaluationException("sum() of a list holding " + typeName(o));
      }
    }
    return anyDouble ? doubleSum + longSum : (Object) longSum;
  }

  private static Object extreme(List<?> l, int sign) throws CelEvaluationException {
    if (l.isEmpty()) {
      throw new CelEvaluationException((sign < 0 ? "min" : "max") + "() of an empty list");
    }
    Object best = l.get(0);
    for (Object o : l.subList(1, l.size())) {
      if (Integer.signum(compare(o, best)) == sign) {
        best = o;
      }
    }
    return best;
  }

  private static int indexOf(List<?> l, Object x, boolean last) throws CelEvaluationException {
    int found = -1;
    for (int i = 0; i < l.size(); i++) {
      if (equal(l.get(i), x)) {
        found = i;
        if (!last) {
          break;
        }
      }
    }
    return found;
  }

  private static boolean equal(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y && (a instanceof Double || b instanceof Double)) {
      return x.doubleValue() == y.doubleValue();
    }
    return a.equals(b);
  }

  /** CEL ordering of two values of comparable types. */
  static int compare(Object a, Object b) throws CelEvaluationException {
    if (a instanceof Long x && b instanceof Long y) {
      return Long.compare(x, y);
    }
    if ((a instanceof Long || a instanceof Double) && (b instanceof Long || b instanceof Double)) {
      return Double.compare(((Number) a).doubleValue(), ((Number) b).doubleValue());
    }
    if (a instanceof String x && b instanceof String y) {
      return x.compareTo(y);
    }
    if (a instanceof Boolean x && b instanceof Boolean y) {
      return Boolean.compare(x, y);
    }
    if (a instanceof Quantity x && b instanceof Quantity y) {
      return x.compareTo(y);
    }
    throw new CelEvaluationException("cannot compare " + typeName(a) + " with " + typeName(b));
  }

  private static String typeName(Object o) {
    return o == null ? "null" : o.getClass().getSimpleName();
  }
}
