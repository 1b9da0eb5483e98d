package dev.gitops.cli;

/** The output formats of {@code verify}, {@code diff} and {@code plan}. */
enum ReportFormat {
  /** Lines for people (coloured only on a terminal). */
  text,
  /** One JSON document for programs; the schema is in docs/cli.md. */
  json
}
