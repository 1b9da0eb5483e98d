package dev.gitops.cli;

import picocli.CommandLine.Option;

/** {@code --unified} of {@code diff} and {@code plan}. */
final class UnifiedOption {
  @Option(names = "--unified", description = "Add a unified YAML diff (live to desired) of each object that differs.")
  boolean unified;
}
