package dev.gitops.render;

import dev.gitops.model.GitOpsException;
import org.jspecify.annotations.Nullable;

/** A file is not valid YAML or JSON; names the file, line and column. */
public final class ManifestParseException extends GitOpsException {
  private static final long serialVersionUID = 1L;
  private final String path;
  private final int line;
  private final int column;

  public ManifestParseException(String path, int line, int column, String problem, @Nullable Throwable cause) {
    super(path + ":" + line + ":" + column + ": " + problem, cause);
    this.path = path;
    this.line = line;
    this.column = column;
  }

  /** The file's repository path. */
  public String path() {
    return path;
  }

  /** 1-based line, 0 if unknown. */
  public int line() {
    return line;
  }

  /** 1-based column, 0 if unknown. */
  public int column() {
    return column;
  }
}
