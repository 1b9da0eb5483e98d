package dev.gitops.render;

import dev.gitops.model.GitOpsException;
import org.jspecify.annotations.Nullable;

/**
 * Helm could not render a chart: a template error, a missing dependency under {@code charts/},
 * a bad values file. Names the chart and, when Helm reports one, the template file and line.
 */
public final class HelmRenderException extends GitOpsException {
  private static final long serialVersionUID = 1L;
  private final String chart;
  private final String file;
  private final int line;

  /**
   * @param chart the chart's repository path (empty for the repository root) and name
   * @param file repository path of the template at fault, empty if Helm did not name one
   * @param line 1-based line in that file, 0 if unknown
   */
  public HelmRenderException(String chart, String file, int line, String problem, @Nullable Throwable cause) {
    super("chart " + chart + (file.isEmpty() ? "" : " at " + file + (line > 0 ? ":" + line : ""))
        + ": " + problem, cause);
    this.chart = chart;
    this.file = file;
    this.line = line;
  }

  /** The chart, as its repository path and name. */
  public String chart() {
    return chart;
  }

  /** Repository path of the template at fault, empty if unknown. */
  public String file() {
    return file;
  }

  /** 1-based line in {@link #file()}, 0 if unknown. */
  public int line() {
    return line;
  }
}
