package dev.gitops.cluster;

import static java.util.Objects.requireNonNull;

import dev.gitops.model.ObjectKey;
import java.util.List;
import java.util.Locale;

/**
 * The cluster refused an object as invalid; {@link #causes()} names each bad field. A refusal to
 * change a field that cannot change after creation (a Job's template, a Deployment's selector, a
 * Service's cluster IP, the data of an immutable ConfigMap) is told by {@link
 * #isImmutableFieldChange()}: such an object can only be changed by deleting and recreating it.
 */
public final class InvalidObjectException extends ClusterException {
  private static final long serialVersionUID = 1L;
  private final transient ObjectKey key;
  private final transient List<FieldCause> causes;

  public InvalidObjectException(ObjectKey key, String message, List<FieldCause> causes) {
    super(message);
    this.key = key;
    this.causes = List.copyOf(causes);
  }

  /** The object that was refused. */
  public ObjectKey key() {
    return key;
  }

  /** Each refused field, in the server's order. */
  public List<FieldCause> causes() {
    return causes;
  }

  /** Whether at least one cause is a change to a field that cannot change once set. */
  public boolean isImmutableFieldChange() {
    return causes.stream().anyMatch(FieldCause::immutable);
  }

  /** The fields whose change was refused because they cannot change once set, in cause order. */
  public List<String> immutableFields() {
    return causes.stream().filter(FieldCause::immutable).map(FieldCause::field).distinct().toList();
  }

  /**
   * One invalid field, as the API server reports it in a Status cause.
   *
   * @param field the field path, for example {@code metadata.name} or {@code spec.replicas}
   * @param reason why it is invalid: the server's message, for example {@code Invalid value:
   *     "x": field is immutable}
   * @param type the server's cause type: {@code FieldValueInvalid}, {@code FieldValueRequired},
   *     {@code FieldValueForbidden}, {@code FieldValueDuplicate}, ...; empty when not known
   */
  public record FieldCause(String field, String reason, String type) {
    /** Cause type of a value that is not allowed, immutable fields among them. */
    public static final String INVALID = "FieldValueInvalid";
    /** Cause type of a change that is not allowed at all, such as a StatefulSet's other spec fields. */
    public static final String FORBIDDEN = "FieldValueForbidden";

    /** Messages (of the API server's validation) that refuse a change to a field that cannot change. */
    private static final List<String> IMMUTABLE_MARKERS = List.of(
        "field is immutable", "may not change once set", "is immutable after creation",
        "may not change fields other than");

    public FieldCause {
      requireNonNull(field, "field");
      requireNonNull(reason, "reason");
      requireNonNull(type, "type");
    }

    /** A cause whose type is read from the message's prefix, as the server writes them ({@code Invalid value: ...}). */
    public FieldCause(String field, String reason) {
      this(field, reason, typeOf(reason));
    }

    /** Whether this cause refuses a change to a field that cannot change once set. */
    public boolean immutable() {
      if (!type.isEmpty() && !type.equals(INVALID) && !type.equals(FORBIDDEN)) {
        return false;
      }
      String lower = reason.toLowerCase(Locale.ROOT);
      return IMMUTABLE_MARKERS.stream().anyMatch(lower::contains);
    }

    /** The Status cause type of a message such as {@code Required value: ...}; empty if unknown. */
    private static String typeOf(String message) {
      String[][] prefixes = {
          {"Invalid value", INVALID}, {"Required value", "FieldValueRequired"},
          {"Forbidden", FORBIDDEN}, {"Duplicate value", "FieldValueDuplicate"},
          {"Unsupported value", "FieldValueNotSupported"}, {"Not found", "FieldValueNotFound"},
          {"Too long", "FieldValueTooLong"}, {"Too many", "FieldValueTooMany"},
          {"Internal error", "InternalError"}, {"Type error", "FieldValueTypeInvalid"}};
      for (String[] p : prefixes) {
        if (message.startsWith(p[0])) {
          return p[1];
        }
      }
      return "";
    }
  }
}
