package dev.gitops.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code -o, --output}: text, or the report's document as JSON or YAML; shared by every command but {@code render}. */
final class OutputOptions {
  // The command's spec, not the mixin's: its writers are the ones the command line was given.
  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
      description = "text, json or yaml (the json document as YAML); default ${DEFAULT-VALUE}.")
  ReportFormat format = ReportFormat.text;

  /**
   * Prints the report in the format asked for: the text, or the document as JSON or YAML. Only the
   * one asked for is built.
   */
  void print(Supplier<String> text, Supplier<Map<String, Object>> document) {
    PrintWriter out = command.commandLine().getOut();
    out.print(switch (format) {
      case text -> text.get();
      case json -> Serialization.json(document.get());
      case yaml -> Serialization.yaml(document.get());
    });
    out.flush();
  }
}
