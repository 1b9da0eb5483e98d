package dev.gitops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** docs/cli.md documents every command, every option and every built-in rule set. */
class CliDocsTest {
  @Test
  void everyCommandAndOptionIsDocumented() throws Exception {
    String docs = Files.readString(Path.of("..", "docs", "cli.md"));
    CommandLine cl = GitOpsCommand.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));

    assertThat(cl.getSubcommands()).containsOnlyKeys("render", "verify", "diff", "plan", "sync", "history", "rollback", "resume");
    cl.getSubcommands().forEach((name, sub) -> {
      assertThat(docs).containsPattern("\n## .*`gitops " + name + "[ `]");
      for (OptionSpec o : sub.getCommandSpec().options()) {
        if (!o.usageHelp() && !o.versionHelp()) {
          // In a code span: `--unified`, `-o, --output json`, ...
          assertThat(docs).as("docs/cli.md mentions %s of %s", o.longestName(), name)
              .containsPattern("`[^`\\n]*" + Pattern.quote(o.longestName()) + "[ `]");
        }
      }
    });
    PolicyOptions.BUILT_IN.keySet().forEach(set -> assertThat(docs).contains("`" + set + "`"));
  }
}
