package dev.gitops.history;

import org.jspecify.annotations.Nullable;

/**
 * A stored record cannot be read: its JSON is malformed or lacks a field. Listing skips such a
 * record with a warning; getting it by id throws this.
 */
public class UnreadableRecordException extends HistoryException {
  private static final long serialVersionUID = 1L;
  private final String location;

  public UnreadableRecordException(String location, String message) {
    super(message);
    this.location = location;
  }

  public UnreadableRecordException(String location, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.location = location;
  }

  /** Where the record is kept, for example {@code ConfigMap gitops-system/web.history.7}. */
  public String location() {
    return location;
  }
}
