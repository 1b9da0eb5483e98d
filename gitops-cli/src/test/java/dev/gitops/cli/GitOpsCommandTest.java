package dev.gitops.cli;

import static dev.gitops.cli.Cli.resource;
import static dev.gitops.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import tools.jackson.dataformat.yaml.YAMLMapper;

class GitOpsCommandTest {
  @Test
  void withoutACommandItSaysWhichExist() {
    Cli.Result r = run();

    assertThat(r.code()).isEqualTo(ExitCode.ERROR);
    assertThat(r.err()).isEqualTo("error: a command is required: render, verify, diff, plan, sync, history, rollback or resume (see 'gitops --help')\n");
  }

  @Test
  void helpListsTheCommandsAndExitCodes() {
    Cli.Result r = run("--help");

    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("render", "verify", "diff", "plan", "Exit codes:");
  }

  @Test
  void versionComesFromTheBuild() {
    Cli.Result r = run("--version");

    assertThat(r.code()).isZero();
    assertThat(r.out()).matches("gitops \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\n");
  }

  @Test
  void everyCommandHasHelpAndVersion() {
    for (String command : new String[] {"render", "verify", "diff", "plan"}) {
      Cli.Result help = run(command, "--help");
      assertThat(help.code()).isZero();
      assertThat(help.out()).startsWith("Usage: gitops " + command + " ").contains("SOURCE", "Exit codes:");
      assertThat(run(command, "-V").out()).startsWith("gitops ");
    }
  }

  @Test
  void anUnknownOptionIsOneUsageLine() {
    Cli.Result r = run("render", "--frobnicate", resource("shop"));

    assertThat(r.code()).isEqualTo(ExitCode.ERROR);
    assertThat(r.err()).startsWith("error: Unknown option: '--frobnicate'").hasLineCount(1);
  }

  @Test
  void neitherDirectoryNorRepositoryIsNamed() {
    Cli.Result r = run("render", "no/such/dir");

    assertThat(r.code()).isEqualTo(ExitCode.ERROR);
    assertThat(r.err()).isEqualTo("error: 'no/such/dir' is neither a directory nor REPO_URL@REF[:PATH]\n");
  }

  @Test
  void anOptionSharedByCommandsIsDeclaredOnceAndReadsTheSameInEach() {
    CommandLine cl = GitOpsCommand.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    Map<String, String> first = new HashMap<>();
    Map<String, String> seenIn = new HashMap<>();
    cl.getSubcommands().forEach((name, sub) -> {
      for (OptionSpec o : sub.getCommandSpec().options()) {
        // render's -o chooses how objects are printed, not a report's format, and history's --app
        // and --name are a required choice of one (only a name is needed): options of their own.
        if (name.equals("render") && o.longestName().equals("--output") || o.group() != null) {
          continue;
        }
        String text = String.join(" ", o.names()) + " " + o.paramLabel() + ": " + String.join(" ", o.description());
        String before = first.putIfAbsent(o.longestName(), text);
        seenIn.putIfAbsent(o.longestName(), name);
        assertThat(text).as("%s of %s, as in %s", o.longestName(), name, seenIn.get(o.longestName()))
            .isEqualTo(before == null ? text : before);
      }
    });
    assertThat(seenIn).containsKeys("--output", "--name", "--namespace", "--root", "--cache-dir", "--kubeconfig",
        "--context", "--unified");
  }

  @Test
  void everyReportIsTheSameDocumentInJsonAndYaml() {
    String[][] commands = {
        {"verify", resource("shop"), "--policy", "workload-hygiene"},
        {"diff", resource("shop-v2"), "--live", resource("shop"), "--unified"},
        {"plan", resource("shop-v2"), "--live", resource("shop"), "--policy", "workload-hygiene"},
    };
    for (String[] command : commands) {
      Cli.Result json = run(concat(command, "-o", "json"));
      Cli.Result yaml = run(concat(command, "-o", "yaml"));

      assertThat(yaml.code()).as(yaml.toString()).isEqualTo(json.code());
      assertThat(yaml.out()).as(command[0]).doesNotStartWith("{");
      assertThat(YAMLMapper.builder().build().readValue(yaml.out(), Map.class)).as(command[0]).isEqualTo(json.json());
    }
  }

  private static String[] concat(String[] a, String... b) {
    String[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  @Test
  void outputIsPlainWithoutATerminal() {
    // Tests run without a console, as piped output does: no escape sequences anywhere.
    Cli.Result r = run("diff", resource("shop-v2"), "--live", resource("shop"), "--unified");

    assertThat(r.out()).doesNotContain("\u001b[");
  }
}
