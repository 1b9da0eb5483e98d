package dev.gitops.cluster;

/**
 * A structural problem at one field found while walking an object by its schema (duplicate map
 * list keys, a scalar where a map list item belongs). Internal: operations turn it into an
 * {@link InvalidObjectException}. Package-private.
 */
final class InvalidFieldException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String field;

  InvalidFieldException(FieldPath field, String reason) {
    super(reason);
    this.field = field.fieldName();
  }

  String field() {
    return field;
  }

  InvalidObjectException.FieldCause cause() {
    return new InvalidObjectException.FieldCause(field, getMessage());
  }
}
