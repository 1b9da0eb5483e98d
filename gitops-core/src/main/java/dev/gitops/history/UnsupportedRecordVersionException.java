package dev.gitops.history;

/**
 * A stored record was written in a format version this SDK does not read (a newer major version).
 * Listing skips such a record with a warning; getting it by id throws this.
 */
public final class UnsupportedRecordVersionException extends UnreadableRecordException {
  private static final long serialVersionUID = 1L;
  private final long version;

  public UnsupportedRecordVersionException(String location, long version, long supported) {
    super(location, location + " holds a history record of format version " + version
        + "; this SDK reads version " + supported);
    this.version = version;
  }

  /** The version the record declares. */
  public long version() {
    return version;
  }
}
