package dev.gitops.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --root} and {@code --cache-dir}: how a SOURCE is read, for every command that takes one. */
final class CheckoutOptions {
  @Option(names = "--root", paramLabel = "DIR",
      description = "For a local SOURCE: the directory '..' may reach, e.g. the repository root of an"
          + " overlay whose base lies beside it (default: SOURCE itself).")
  Path root;

  @Option(names = "--cache-dir", paramLabel = "DIR",
      description = "For a repository: keep its clone here and reuse it (default: a temporary clone).")
  Path cacheDir;
}
