package dev.gitops.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** Runs the command line in-process as a user would, capturing stdout, stderr and the exit code. */
final class Cli {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private Cli() {}

  /**
   * What a run printed and returned.
   *
   * @param code the exit code
   * @param out standard output
   * @param err standard error
   */
  record Result(int code, String out, String err) {
    /** Standard output read as a JSON object. */
    @SuppressWarnings("unchecked")
    Map<String, Object> json() {
      return JSON.readValue(out, Map.class);
    }

    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = GitOpsCommand.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Result(code, out.toString(), err.toString());
  }

  /** A directory or file under src/test/resources, as a path string. */
  static String resource(String name) {
    try {
      return Path.of(Cli.class.getResource("/" + name).toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
