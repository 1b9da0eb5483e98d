package dev.gitops.cli;

import dev.gitops.apply.SyncOptions;
import dev.gitops.cluster.Cluster;
import dev.gitops.engine.Application;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The application of {@code sync}, {@code rollback} and {@code resume}, and the cluster it is in:
 * an app file ({@code --app FILE}), or flags ({@code --name}, SOURCE, {@code --namespace} and the
 * sync options). Not both: a file is the whole description.
 */
final class AppOptions {
  @Option(names = "--app", paramLabel = "FILE",
      description = "The application, described by a YAML app file (name, source, destination, syncOptions;"
          + " see docs/cli.md). Excludes SOURCE and the other application options.")
  Path appFile;

  @Parameters(index = "0", arity = "0..1", paramLabel = "SOURCE",
      description = "A local directory, or REPO_URL@REF[:PATH] (required unless --app is given).")
  String source;

  @Mixin
  NameOptions names;

  @Mixin
  CheckoutOptions checkout;

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

  @Mixin
  KubeconfigOptions kubeconfig;

  private AppSpec spec;

  /**
   * What {@link #run} opened for its action.
   *
   * @param spec the application as described
   * @param checkout its source, opened
   * @param application the engine's application in the cluster of the kubeconfig
   */
  record Opened(AppSpec spec, Checkout checkout, Application application) {
    /** The cluster's name, for reports. */
    String cluster() {
      return application.cluster().name();
    }
  }

  /**
   * Opens the application's source and cluster, runs the action on them and closes both. A
   * repository is not cloned until the action reads it.
   */
  <T> T run(Function<Opened, T> action) {
    AppSpec described = spec();
    try (Checkout opened = described.open(checkout.cacheDir); Cluster c = kubeconfig.open()) {
      return action.apply(new Opened(described, opened, described.application(opened, c)));
    }
  }

  /**
   * The application these options describe.
   *
   * @throws CliException if neither or both an app file and flags are given
   */
  AppSpec spec() {
    if (spec == null) {
      spec = describe();
    }
    return spec;
  }

  private AppSpec describe() {
    if (appFile != null) {
      List<String> flags = new ArrayList<>();
      if (source != null) {
        flags.add("SOURCE");
      }
      addIf(flags, names.name != null, "--name");
      addIf(flags, names.namespace != null, "--namespace");
      addIf(flags, checkout.root != null, "--root");
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
    return new AppSpec(names.name != null ? names.name : "", source, checkout.root, names.namespace(), options);
  }

  /**
   * The {@code gitops resume} command line for the application these options describe, with the
   * same app file or SOURCE, and the same kubeconfig and context.
   */
  String resumeCommand(String applicationName) {
    List<String> args = new ArrayList<>(List.of("gitops", "resume"));
    if (appFile != null) {
      args.addAll(List.of("--app", appFile.toString()));
    } else {
      args.addAll(List.of(source, "--name", applicationName));
      if (checkout.root != null) {
        args.addAll(List.of("--root", checkout.root.toString()));
      }
    }
    if (kubeconfig.kubeconfig != null) {
      args.addAll(List.of("--kubeconfig", kubeconfig.kubeconfig.toString()));
    }
    if (kubeconfig.context != null) {
      args.addAll(List.of("--context", kubeconfig.context));
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
