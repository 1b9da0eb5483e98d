package dev.gitops.cli;

import static dev.gitops.cli.Cli.resource;
import static dev.gitops.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

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
  void outputIsPlainWithoutATerminal() {
    // Tests run without a console, as piped output does: no escape sequences anywhere.
    Cli.Result r = run("diff", resource("shop-v2"), "--live", resource("shop"), "--unified");

    assertThat(r.out()).doesNotContain("\u001b[");
  }
}
