package dev.gitops.cli;

import static dev.gitops.cli.Cli.resource;
import static dev.gitops.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.TimeZone;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code render REPO_URL@REF:PATH} over a repository made with JGit: fetched through the SDK's JGitSource. */
class GitRenderTest {
  @TempDir
  static Path tmp;

  static String url;
  static RevCommit first;

  /** Commit 1 (tag v1): shop under apps/shop; commit 2 on main: replicas 2 -> 5. */
  @BeforeAll
  static void repository() throws Exception {
    Path work = tmp.resolve("repo");
    PersonIdent who = new PersonIdent("Test", "test@example.com", Instant.parse("2026-01-01T00:00:00Z"),
        TimeZone.getTimeZone("UTC").toZoneId());
    try (Git git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
      copy(Path.of(resource("shop")), work.resolve("apps/shop"));
      Files.writeString(work.resolve("README.md"), "not a manifest\n");
      git.add().addFilepattern(".").call();
      first = git.commit().setMessage("Add the shop").setAuthor(who).setCommitter(who).setSign(false).call();
      git.tag().setName("v1").setObjectId(first).setAnnotated(false).call();
      Path web = work.resolve("apps/shop/web.yaml");
      Files.writeString(web, Files.readString(web).replace("replicas: 2", "replicas: 5"));
      git.add().addFilepattern(".").call();
      git.commit().setMessage("Scale the shop").setAuthor(who).setCommitter(who).setSign(false).call();
    }
    url = work.toUri().toString(); // file:///...
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  @Test
  void aTagRendersAsTheLocalDirectoryDoes() {
    Cli.Result git = run("render", url + "@refs/tags/v1:apps/shop");
    Cli.Result local = run("render", resource("shop"));

    assertThat(git.code()).as(git.toString()).isZero();
    assertThat(git.out()).isEqualTo(local.out()).contains("replicas: 2");
  }

  @Test
  void aBranchRendersItsNewestCommit() {
    Cli.Result r = run("render", url + "@main:apps/shop", "--show-source");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).contains("replicas: 5").contains("# source: apps/shop/web.yaml:2\n");
  }

  @Test
  void aFullCommitIdSelectsThatCommit() {
    Cli.Result r = run("render", url + "@" + first.name() + ":/apps/shop/");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).contains("replicas: 2");
  }

  @Test
  void aCacheDirectoryKeepsTheCloneForTheNextRun() throws IOException {
    Path cache = tmp.resolve("cache");
    Cli.Result once = run("render", url + "@main:apps/shop", "--cache-dir", cache.toString());
    Cli.Result again = run("render", url + "@main:apps/shop", "--cache-dir", cache.toString());

    assertThat(once.code()).as(once.toString()).isZero();
    assertThat(again.out()).isEqualTo(once.out());
    try (Stream<Path> kept = Files.list(cache)) {
      assertThat(kept).isNotEmpty();
    }
  }

  @Test
  void rootIsForLocalDirectoriesOnly() {
    Cli.Result r = run("render", url + "@main", "--root", tmp.toString());

    assertThat(r.code()).isEqualTo(ExitCode.ERROR);
    assertThat(r.err()).startsWith("error: --root applies to a local directory");
  }

  @Test
  void aMissingBranchIsOneErrorLineNamingTheRef() {
    Cli.Result r = run("render", url + "@nope:apps/shop");

    assertThat(r.code()).isEqualTo(ExitCode.ERROR);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("error: cannot read ").contains("nope").hasLineCount(1).doesNotContain("\tat ");
  }

  @Test
  void aMissingPathIsAnError() {
    Cli.Result r = run("render", url + "@main:apps/none");

    assertThat(r.code()).isEqualTo(ExitCode.ERROR);
    assertThat(r.err()).contains("apps/none").hasLineCount(1);
  }

  @Test
  void verifyJudgesTheFetchedCommit() {
    Cli.Result r = run("verify", url + "@main:apps/shop", "--rules", resource("rules/max-replicas.yaml"));

    assertThat(r.code()).isEqualTo(ExitCode.DENIED);
    assertThat(r.out()).contains("max-one-replica").contains("at apps/shop/web.yaml:2");
  }
}
