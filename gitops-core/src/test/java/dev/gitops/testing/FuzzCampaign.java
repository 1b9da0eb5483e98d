package dev.gitops.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs one coverage-guided fuzz target with Jazzer in a child JVM for a bounded time, starting
 * from a committed seed corpus, and reports executions and findings. A target is a class with
 * {@code public static void fuzzerTestOneInput(byte[])} (and optionally {@code fuzzerInitialize()},
 * run once before, outside the time limit); a finding is any throwable it lets escape, an input
 * that runs over 30 s, or exceeding the memory limit.
 */
public final class FuzzCampaign {
  private static final Pattern EXECUTED = Pattern.compile("stat::number_of_executed_units:\\s*(\\d+)");

  private FuzzCampaign() {}

  /** The outcome of one campaign. */
  public record Result(String target, long executions, int exitCode, List<Path> findings,
      String logTail) {
    public boolean clean() {
      return exitCode == 0 && findings.isEmpty();
    }
  }

  /**
   * @param seeds a directory of seed inputs (read only)
   * @param work a directory for the growing corpus and any finding
   */
  public static Result run(Class<?> target, Path seeds, Path work, Duration duration)
      throws IOException, InterruptedException {
    work = work.toAbsolutePath();
    seeds = seeds.toAbsolutePath();
    Path corpus = Files.createDirectories(work.resolve("corpus"));
    Path findings = Files.createDirectories(work.resolve("findings"));
    try (Stream<Path> old = Files.list(findings)) {
      for (Path f : old.toList()) {
        Files.delete(f); // findings of an earlier campaign are not this one's
      }
    }
    Path log = work.resolve("jazzer.log");
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx2g", "-cp", System.getProperty("java.class.path"),
        "com.code_intelligence.jazzer.Jazzer",
        "--target_class=" + target.getName(),
        "--instrumentation_includes=dev.gitops.**:org.snakeyaml.**",
        "-max_total_time=" + Math.max(1, duration.toSeconds()),
        "-timeout=30", "-rss_limit_mb=3072", "-print_final_stats=1",
        "-artifact_prefix=" + findings + File.separator,
        corpus.toString(), seeds.toString()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
        .directory(work.toFile()).start();
    if (!p.waitFor(duration.toSeconds() + 300, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("fuzzing " + target.getName() + " did not end; see " + log);
    }
    String out = Files.readString(log, StandardCharsets.UTF_8);
    long executions = 0;
    Matcher m = EXECUTED.matcher(out);
    while (m.find()) {
      executions = Long.parseLong(m.group(1));
    }
    List<Path> found;
    try (Stream<Path> s = Files.list(findings)) {
      // libFuzzer's artifacts of a failure; slow-unit-* files only record the slowest input
      // (class loading of the first one, on a loaded machine) and are not findings.
      found = s.filter(f -> f.getFileName().toString().matches("(crash|timeout|oom|leak)-.*")
          && !f.getFileName().toString().endsWith(".java")).toList();
    }
    String tail = out.length() > 4000 ? out.substring(out.length() - 4000) : out;
    return new Result(target.getName(), executions, p.exitValue(), found, tail);
  }
}
