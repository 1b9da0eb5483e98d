package dev.gitops.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The {@code gitops} command: its subcommands do the work. */
// scope INHERIT: every subcommand gets --help, --version and the exit code list.
@Command(name = "gitops", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true,
    versionProvider = GitOpsCommand.Version.class,
    description = "Render, check, compare and sync what a Git repository declares for a Kubernetes cluster.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:done; allowed; in sync; synced", "1:denied by policy; differences found; sync failed or unhealthy",
        "2:error (bad arguments, unreadable input, unreachable cluster)"})
public final class GitOpsCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Option(names = "--debug", scope = ScopeType.INHERIT,
      description = "On an error, print its stack trace too.")
  boolean debug;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "a command is required: render, verify, diff, plan, sync, history, rollback or resume");
  }

  /**
   * The subcommands, by name, in the order help lists them. Registered by {@link #commandLine}:
   * picocli builds the model of every registered command up front (reflection over its options,
   * mixins and their types), so a run registers only the command it runs.
   */
  static final Map<String, Supplier<Object>> COMMANDS = commands();

  private static Map<String, Supplier<Object>> commands() {
    Map<String, Supplier<Object>> m = new LinkedHashMap<>();
    m.put("render", RenderCommand::new);
    m.put("verify", VerifyCommand::new);
    m.put("diff", DiffCommand::new);
    m.put("plan", PlanCommand::new);
    m.put("sync", SyncCommand::new);
    m.put("history", HistoryCommand::new);
    m.put("rollback", RollbackCommand::new);
    m.put("resume", ResumeCommand::new);
    return Collections.unmodifiableMap(m);
  }

  /**
   * The command line with every subcommand, printing to the given writers; errors become one
   * {@code error: } line on {@code err} and exit code {@link ExitCode#ERROR}.
   */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    return commandLine(out, err, COMMANDS.keySet());
  }

  /**
   * The command line for these arguments: with only the subcommand they name (the first argument
   * that is a subcommand's name), or with all when they name none (help, a typo, nothing).
   */
  static CommandLine commandLine(PrintWriter out, PrintWriter err, String... args) {
    for (String a : args) {
      if (COMMANDS.containsKey(a)) {
        return commandLine(out, err, List.of(a));
      }
    }
    return commandLine(out, err);
  }

  private static CommandLine commandLine(PrintWriter out, PrintWriter err, Collection<String> names) {
    CommandLine cl = new CommandLine(new GitOpsCommand());
    names.forEach(n -> cl.addSubcommand(n, COMMANDS.get(n).get()));
    cl.setOut(out);
    cl.setErr(err);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExecutionExceptionHandler(GitOpsCommand::onError);
    cl.setParameterExceptionHandler(GitOpsCommand::onUsageError);
    return cl;
  }

  /** Runs the arguments as a user would on the command line; returns the exit code. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    int code = commandLine(out, err, args).execute(args);
    out.flush();
    err.flush();
    return code;
  }

  private static int onError(Exception e, CommandLine cl, ParseResult parsed) {
    PrintWriter err = cl.getErr();
    err.println("error: " + Errors.describe(e));
    if (debugRequested(parsed)) {
      e.printStackTrace(err);
    }
    err.flush();
    return ExitCode.ERROR;
  }

  private static int onUsageError(ParameterException e, String[] args) {
    CommandLine cl = e.getCommandLine();
    PrintWriter err = cl.getErr();
    err.println("error: " + Errors.describe(e) + " (see '" + cl.getCommandSpec().qualifiedName() + " --help')");
    err.flush();
    return ExitCode.ERROR;
  }

  // --debug is inherited: it may have been given to the top command or to the subcommand.
  private static boolean debugRequested(ParseResult parsed) {
    for (ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--debug")) {
        return true;
      }
    }
    return false;
  }

  /** The version from the jar's build (gitops-cli.properties, filtered by Maven). */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties p = new Properties();
      try (InputStream in = GitOpsCommand.class.getResourceAsStream("/gitops-cli.properties")) {
        if (in != null) {
          p.load(in);
        }
      }
      return new String[] {"gitops " + p.getProperty("version", "unknown")};
    }
  }
}
