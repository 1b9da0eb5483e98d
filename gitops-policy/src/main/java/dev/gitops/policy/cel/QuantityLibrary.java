package dev.gitops.policy.cel;

import static dev.cel.common.CelFunctionDecl.newFunctionDeclaration;
import static dev.cel.common.CelOverloadDecl.newGlobalOverload;
import static dev.cel.common.CelOverloadDecl.newMemberOverload;

import dev.cel.common.types.OpaqueType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import java.util.List;

/**
 * The Kubernetes CEL quantity functions: {@code quantity(s)}, {@code isQuantity(s)}, and on a
 * quantity {@code isInteger()}, {@code asInteger()}, {@code asApproximateFloat()}, {@code sign()},
 * {@code add(q|int)}, {@code sub(q|int)}, {@code isGreaterThan(q)}, {@code isLessThan(q)},
 * {@code compareTo(q)}. Quantities compare by value with {@code ==}.
 */
final class QuantityLibrary {
  static final OpaqueType QUANTITY = OpaqueType.create("kubernetes.Quantity");

  private QuantityLibrary() {}

  static CelLibrary library() {
    return new CelLibrary("quantity",
        List.of(
            newFunctionDeclaration("quantity",
                newGlobalOverload("quantity_string", QUANTITY, SimpleType.STRING)),
            newFunctionDeclaration("isQuantity",
                newGlobalOverload("isQuantity_string", SimpleType.BOOL, SimpleType.STRING)),
            newFunctionDeclaration("isInteger",
                newMemberOverload("quantity_isInteger", SimpleType.BOOL, QUANTITY)),
            newFunctionDeclaration("asInteger",
                newMemberOverload("quantity_asInteger", SimpleType.INT, QUANTITY)),
            newFunctionDeclaration("asApproximateFloat",
                newMemberOverload("quantity_asApproximateFloat", SimpleType.DOUBLE, QUANTITY)),
            newFunctionDeclaration("sign",
                newMemberOverload("quantity_sign", SimpleType.INT, QUANTITY)),
            newFunctionDeclaration("add",
                newMemberOverload("quantity_add", QUANTITY, QUANTITY, QUANTITY),
                newMemberOverload("quantity_add_int", QUANTITY, QUANTITY, SimpleType.INT)),
            newFunctionDeclaration("sub",
                newMemberOverload("quantity_sub", QUANTITY, QUANTITY, QUANTITY),
                newMemberOverload("quantity_sub_int", QUANTITY, QUANTITY, SimpleType.INT)),
            newFunctionDeclaration("isGreaterThan",
                newMemberOverload("quantity_isGreaterThan", SimpleType.BOOL, QUANTITY, QUANTITY)),
            newFunctionDeclaration("isLessThan",
                newMemberOverload("quantity_isLessThan", SimpleType.BOOL, QUANTITY, QUANTITY)),
            newFunctionDeclaration("compareTo",
                newMemberOverload("quantity_compareTo", SimpleType.INT, QUANTITY, QUANTITY))),
        List.of(
            CelFunctionBinding.from("quantity_string", String.class, QuantityLibrary::parse),
            CelFunctionBinding.from("isQuantity_string", String.class, Quantity::isQuantity),
            CelFunctionBinding.from("quantity_isInteger", Quantity.class, Quantity::isInteger),
            CelFunctionBinding.from("quantity_asInteger", Quantity.class, q -> {
              try {
                return q.asInteger();
              } catch (ArithmeticException e) {
                throw new CelEvaluationException("quantity " + q + " is not an int");
              }
            }),
            CelFunctionBinding.from("quantity_asApproximateFloat", Quantity.class,
                Quantity::asApproximateFloat),
            CelFunctionBinding.from("quantity_sign", Quantity.class, q -> (long) q.sign()),
            CelFunctionBinding.from("quantity_add", Quantity.class, Quantity.class, Quantity::add),
            CelFunctionBinding.from("quantity_add_int", Quantity.class, Long.class,
                (q, n) -> q.add(new Quantity(java.math.BigDecimal.valueOf(n)))),
            CelFunctionBinding.from("quantity_sub", Quantity.class, Quantity.class, Quantity::sub),
            CelFunctionBinding.from("quantity_sub_int", Quantity.class, Long.class,
                (q, n) -> q.sub(new Quantity(java.math.BigDecimal.valueOf(n)))),
            CelFunctionBinding.from("quantity_isGreaterThan", Quantity.class, Quantity.class,
                (a, b) -> a.compareTo(b) > 0),
            CelFunctionBinding.from("quantity_isLessThan", Quantity.class, Quantity.class,
                (a, b) -> a.compareTo(b) < 0),
            CelFunctionBinding.from("quantity_compareTo", Quantity.class, Quantity.class,
                (a, b) -> (long) Integer.signum(a.compareTo(b)))));
  }

  private static Quantity parse(String s) throws CelEvaluationException {
    try {
      return Quantity.parse(s);
    } catch (IllegalArgumentException e) {
      throw new CelEvaluationException(e.getMessage());
    }
  }
}
