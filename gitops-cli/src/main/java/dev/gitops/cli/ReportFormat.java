package dev.gitops.cli;

/** The output formats of the commands that report (all but {@code render}, which prints objects). */
enum ReportFormat {
  /** Lines for people (coloured only on a terminal). */
  text,
  /** One JSON document for programs; the schema is in docs/cli.md. */
  json,
  /** The JSON document written as YAML. */
  yaml
}
