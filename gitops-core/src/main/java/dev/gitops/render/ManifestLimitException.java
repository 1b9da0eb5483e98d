package dev.gitops.render;

import dev.gitops.model.GitOpsException;

/**
 * A file exceeds a {@link YamlLimits} limit: a document too large, too many aliases, or aliases
 * that would copy too much. Names the file, the line of the document and the limit.
 */
public final class ManifestLimitException extends GitOpsException {
  private static final long serialVersionUID = 1L;
  private final String path;
  private final int line;
  private final String limit;
  private final long value;

  /**
   * @param limit the name of the {@link YamlLimits} component exceeded, e.g. {@code maxAliases}
   * @param value the limit's value
   */
  public ManifestLimitException(String path, int line, String limit, long value, String problem) {
    super(path + (line > 0 ? ":" + line : "") + ": " + problem + " (limit " + limit + " = "
        + value + ")");
    this.path = path;
    this.line = line;
    this.limit = limit;
    this.value = value;
  }

  /** The file's repository path. */
  public String path() {
    return path;
  }

  /** 1-based line of the document, 0 if unknown. */
  public int line() {
    return line;
  }

  /** The name of the limit exceeded ({@code maxDocumentBytes}, {@code maxAliases}, ...). */
  public String limit() {
    return limit;
  }

  /** The value of that limit. */
  public long value() {
    return value;
  }
}
