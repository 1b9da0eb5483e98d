package dev.gitops.cli;

import dev.gitops.render.RenderResult;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gitops render SOURCE}: prints the objects the directory renders to. */
@Command(name = "render",
    description = "Render a directory (Kustomize, Helm chart or plain manifests, picked by what it holds)"
        + " and print the objects.")
final class RenderCommand implements Callable<Integer> {
  /** The output formats of {@code render}. */
  enum Format { yaml, json }

  @Spec
  CommandSpec spec;

  @Mixin
  SourceOptions source;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "yaml",
      description = "yaml (documents separated by ---) or json (a v1 List); default ${DEFAULT-VALUE}.")
  Format output;

  @Option(names = "--show-source",
      description = "Add each object's file and line: a '# source:' comment in YAML, a 'source' field in JSON.")
  boolean showSource;

  @Override
  public Integer call() {
    RenderResult result;
    try (Checkout checkout = source.open()) {
      result = source.render(checkout);
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    result.skipped().forEach(s -> err.println("warning: skipped " + s));
    ManifestPrinter printer = new ManifestPrinter(showSource);
    out.print(output == Format.json ? printer.json(result.objects()) : printer.yaml(result.objects()));
    out.flush();
    return ExitCode.OK;
  }
}
