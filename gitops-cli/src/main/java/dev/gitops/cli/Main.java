package dev.gitops.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Entry point of the runnable jar: {@code java -jar gitops-cli-VERSION-all.jar render DIR}. */
public final class Main {
  private Main() {}

  /** Runs one command and exits with its exit code (see {@link ExitCode}). */
  public static void main(String[] args) {
    // UTF-8 whatever the platform default: manifests and YAML output are UTF-8.
    PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
    PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8));
    int code = GitOpsCommand.run(out, err, args);
    out.flush();
    err.flush();
    System.exit(code);
  }
}
