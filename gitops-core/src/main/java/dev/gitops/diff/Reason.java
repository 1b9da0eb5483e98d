package dev.gitops.diff;

import static java.util.Objects.requireNonNull;

/**
 * Why a field is reported as changed or left out of the comparison.
 *
 * @param kind the rule that applied
 * @param detail for people: which value, rule, default or manager
 */
public record Reason(Kind kind, String detail) {
  /** The rules a diff applies. */
  public enum Kind {
    /** A declared value differs from the live one, or is absent from it. */
    DECLARED,
    /** A declared value differs and another field manager owns the live value. */
    CHANGED_BY_MANAGER,
    /** Our field manager owns the live field but the desired object no longer declares it. */
    NO_LONGER_DECLARED,
    /** An ignore rule by JSON pointer matched. */
    IGNORE_RULE,
    /** The field is owned by a field manager whose fields are ignored. */
    IGNORED_MANAGER,
    /** The field is populated by the server (status, uid, ...). */
    SERVER_FIELD,
    /** Not declared; the API server defaults it. */
    DEFAULT
  }

  public Reason {
    requireNonNull(kind, "kind");
    requireNonNull(detail, "detail");
  }

  public static Reason of(Kind kind, String detail) {
    return new Reason(kind, detail);
  }

  @Override
  public String toString() {
    return kind + ": " + detail;
  }
}
