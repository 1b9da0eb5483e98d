package dev.gitops.cli;

import dev.gitops.apply.SyncOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The application of {@code sync}, {@code rollback} and {@code resume}: an app file ({@code --app FILE}), or flags
 * ({@code --name}, SOURCE, {@code --namespace} and the sync options). Not both: a file is the
 * whole description.
 */
final class AppOptions {
  @Option(names = "--app", paramLabel = "FILE",
      description = "The application, described by a YAML app file (name, source, destination, syncOptions;"
          + " see docs/cli.md). Excludes SOURCE and the other application options.")
  Path appFile;

  @Option(names = "--name", paramLabel = "NAME",
      description = "The application's name (a DNS-1123 label), which names its inventory and history in the"
          + " cluster (default: the SOURCE directory's name).")
  String name;

  @Parameters(index = "0", arity = "0..1", paramLabel = "SOURCE",
      description = "A local directory, or REPO_URL@REF[:PATH] (required unless --app is given).")
  String source;

  @Option(names = {"-n", "--namespace"}, paramLabel = "NAME",
      description = "The namespace of namespaced objects that declare none; default default.")
  String namespace;

  @Option(names = "--root", paramLabel = "DIR",
      description = "For a local SOURCE: the directory '..' may reach (default: SOURCE itself).")
  Path root;

  @Option(names = "--no-prune", description = "Keep objects that are no longer declared (default: delete them).")
  boolean noPrune;

  @Option(names = "--create-namespace", description = "Create the --namespace first when it does not exist.")
  boolean createNamespace;

  @Option(names = "--force", description = "Take over fields other field managers own instead of failing.")
  boolean force;

  @Option(names = "--replace",
      description = "Delete and create again an object whose immutable fields changed.")
  boolean replace;

  @Option(names = "--health-timeout", paramLabel = "DURATION", converter = DurationText.class,
      description = "How long to wait for health: 0 (assess once), 30s, 5m, ... (default 5m, or the app file's).")
  Duration healthTimeout;

  @Option(names = "--cache-dir", paramLabel = "DIR",
      description = "For a repository: keep its clone here and reuse it (default: a temporary clone).")
  Path cacheDir;

  /**
   * The application these options describe.
   *
   * @throws CliException if neither or both an app file and flags are given
   */
  AppSpec spec() {
    if (appFile != null) {
      List<String> flags = new ArrayList<>();
      if (source != null) {
        flags.add("SOURCE");
      }
      addIf(flags, name != null, "--name");
      addIf(flags, namespace != null, "--namespace");
      addIf(flags, root != null, "--root");
      addIf(flags, noPrune, "--no-prune");
      addIf(flags, createNamespace, "--create-namespace");
      addIf(flags, force, "--force");
      addIf(flags, replace, "--replace");
      if (!flags.isEmpty()) {
        throw new CliException("--app " + appFile + " describes the whole application: " + String.join(", ", flags)
            + " cannot be combined with it (set it in the file)");
      }
      AppSpec spec = AppFile.read(appFile);
      return healthTimeout == null ? spec : new AppSpec(spec.name(), spec.source(), spec.root(), spec.namespace(),
          spec.options().withHealthTimeout(healthTimeout));
    }
    if (source == null) {
      throw new CliException("an application is required: --app FILE, or SOURCE (with --name NAME)");
    }
    SyncOptions options = SyncOptions.defaults().withPrune(!noPrune).withCreateNamespace(createNamespace)
        .withForce(force).withReplace(replace);
    if (healthTimeout != null) {
      options = options.withHealthTimeout(healthTimeout);
    }
    return new AppSpec(name != null ? name : "", source, root,
        namespace != null ? namespace : "default", options);
  }

  /**
   * The {@code gitops resume} command line for the application these options describe, with the
   * same app file or SOURCE, and the same kubeconfig and context.
   */
  String resumeCommand(String applicationName, KubeconfigOptions cluster) {
    List<String> args = new ArrayList<>(List.of("gitops", "resume"));
    if (appFile != null) {
      args.addAll(List.of("--app", appFile.toString()));
    } else {
      args.addAll(List.of(source, "--name", applicationName));
      if (root != null) {
        args.addAll(List.of("--root", root.toString()));
      }
    }
    if (cluster.kubeconfig != null) {
      args.addAll(List.of("--kubeconfig", cluster.kubeconfig.toString()));
    }
    if (cluster.context != null) {
      args.addAll(List.of("--context", cluster.context));
    }
    return String.join(" ", args.stream().map(AppOptions::shellWord).toList());
  }

  // Quoted only when needed, so that the common command stays readable and a pasted one still works.
  private static String shellWord(String s) {
    return s.matches("[A-Za-z0-9_./:@%+=,-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
  }

  private static void addIf(List<String> flags, boolean given, String flag) {
    if (given) {
      flags.add(flag);
    }
  }
}
