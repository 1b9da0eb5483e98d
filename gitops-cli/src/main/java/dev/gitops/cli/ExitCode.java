package dev.gitops.cli;

/** The exit codes of every command; see docs/cli.md. */
public final class ExitCode {
  /** Done: allowed ({@code verify}, {@code plan}), no difference ({@code diff}), or printed. */
  public static final int OK = 0;
  /** The gate denied ({@code verify}, {@code plan}), or the cluster differs ({@code diff}). */
  public static final int DENIED = 1;
  /** A {@code sync} or {@code rollback} failed, was denied, or ended unhealthy (the same code as {@link #DENIED}). */
  public static final int FAILED = 1;
  /** The command could not do its work: bad arguments, unreadable input, unreachable cluster. */
  public static final int ERROR = 2;

  private ExitCode() {}
}
