package dev.gitops.test;

import static java.util.Objects.requireNonNull;

import dev.gitops.model.Manifest;
import dev.gitops.model.Revision;
import dev.gitops.model.Snapshot;
import dev.gitops.model.SnapshotFileNotFoundException;
import dev.gitops.render.RenderResult;
import dev.gitops.render.Renderer;
import dev.gitops.render.Renderers;
import dev.gitops.source.GitRef;
import dev.gitops.source.RepositorySource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * A team's GitOps repository as its tests see it: a local directory, usually the working tree of
 * a Git repository, whose application directories are rendered as they are on disk (uncommitted
 * changes included), or as they were at a commit ({@link #change}).
 *
 * <pre>{@code
 * GitOpsRepository repo = GitOpsRepository.at(Path.of("..", "config"));
 * assertThat(repo).allApplicationsRender();
 * assertThat(repo).application("apps/prod").rendersCleanly();
 * }</pre>
 *
 * <p>Immutable; {@link #withRenderer} makes a copy that renders with other renderers.
 */
public final class GitOpsRepository {
  private final Path directory;
  private final Function<Snapshot, Renderer> renderers;

  private GitOpsRepository(Path directory, Function<Snapshot, Renderer> renderers) {
    this.directory = directory;
    this.renderers = renderers;
  }

  /**
   * The repository at a local directory: its root (the directory itself, never a parent) is what
   * application paths are relative to. Each directory renders with
   * {@link Renderers#forDirectory}: Kustomize, Helm or plain manifests by what it holds.
   *
   * @throws IllegalArgumentException if the path is not a directory
   */
  public static GitOpsRepository at(Path directory) {
    requireNonNull(directory, "directory");
    if (!Files.isDirectory(directory)) {
      throw new IllegalArgumentException("A GitOps repository must be a directory: " + directory
          + " (absolute: " + directory.toAbsolutePath() + ") is not one");
    }
    return new GitOpsRepository(directory.toAbsolutePath().normalize(), Renderers::forDirectory);
  }

  /**
   * The same repository, rendered by a renderer from this supplier (one per render, so renders
   * share no cache), for example a {@link Renderers#builder()} selector with Helm options or
   * variables.
   */
  public GitOpsRepository withRenderer(Supplier<? extends Renderer> renderer) {
    requireNonNull(renderer, "renderer");
    return new GitOpsRepository(directory, snapshot -> renderer.get());
  }

  /** The repository root, absolute. */
  public Path directory() {
    return directory;
  }

  /** One application directory, relative to the root; it need not exist (assertions check). */
  public Application application(String path) {
    return new Application(this, path);
  }

  /**
   * The application directories found under the root, sorted: a directory that holds a
   * kustomization file, a {@code Chart.yaml}, or {@code .yaml}/{@code .yml} files directly. Its
   * sub-directories belong to it and are not searched; hidden directories ({@code .git},
   * {@code .github}, ...) are skipped.
   */
  public List<Application> applications() {
    List<Application> found = new ArrayList<>();
    try {
      Files.walkFileTree(directory, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
            throws IOException {
          if (!dir.equals(directory) && dir.getFileName().toString().startsWith(".")) {
            return FileVisitResult.SKIP_SUBTREE;
          }
          if (isApplication(dir)) {
            found.add(application(relative(dir)));
            return FileVisitResult.SKIP_SUBTREE;
          }
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot search " + directory + " for applications", e);
    }
    return found.stream().sorted((a, b) -> a.path().compareTo(b.path())).toList();
  }

  /**
   * Renders an application directory as it is on disk now.
   *
   * @throws dev.gitops.model.SnapshotFileNotFoundException if there is no such directory
   * @throws RuntimeException whatever the renderer throws (a parse error, a duplicate object, ...)
   */
  public RenderResult render(String application) {
    String path = normalize(application);
    Snapshot root = Snapshot.ofDirectory(directory);
    Snapshot snapshot = path.isEmpty() ? root : root.scope(path);
    return renderers.apply(snapshot).render(snapshot);
  }

  /**
   * The change of an application's rendered objects between two commits of the Git repository
   * whose working tree holds this directory. Revisions are anything Git resolves to a commit:
   * {@code HEAD~1}, {@code main}, {@code v1.2.0}, a commit id. An application missing at a commit
   * has no objects there (its creation creates everything, its removal deletes everything).
   *
   * @throws IllegalStateException if the directory is in no Git repository, a revision does not
   *     resolve, or the application does not render at one of the commits; the message says which
   */
  public RepositoryChange change(String fromRevision, String toRevision, String application) {
    String app = normalize(application);
    try (Repository git = openGit()) {
      Path workTree = git.getWorkTree().toPath().toRealPath();
      String prefix = normalize(workTree.relativize(directory.toRealPath()).toString()
          .replace('\\', '/'));
      String path = prefix.isEmpty() ? app : app.isEmpty() ? prefix : prefix + "/" + app;
      RepositorySource source = RepositorySource.builder(git).build();
      Revision from = source.resolve(GitRef.commit(commitId(git, fromRevision)));
      Revision to = source.resolve(GitRef.commit(commitId(git, toRevision)));
      return RepositoryChange.between(app, from, renderAt(source, from, fromRevision, path),
          to, renderAt(source, to, toRevision, path));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the Git repository of " + directory, e);
    }
  }

  @Override
  public String toString() {
    return "GitOpsRepository[" + directory + "]";
  }

  private List<Manifest> renderAt(RepositorySource source, Revision revision, String asked,
      String path) {
    Snapshot snapshot;
    try {
      snapshot = source.fetch(GitRef.commit(revision.commitId()), path);
    } catch (SnapshotFileNotFoundException e) {
      return List.of(); // the application does not exist at that commit
    }
    try {
      return renderers.apply(snapshot).render(snapshot).objects();
    } catch (RuntimeException e) {
      throw new IllegalStateException(path + " does not render at " + asked + " ("
          + revision.shortId() + "): " + e.getMessage(), e);
    }
  }

  private Repository openGit() throws IOException {
    FileRepositoryBuilder builder = new FileRepositoryBuilder()
        .readEnvironment()
        .findGitDir(directory.toFile());
    if (builder.getGitDir() == null) {
      throw new IllegalStateException(directory + " is in no Git repository (no .git in it or "
          + "above it): a change between commits needs one");
    }
    return builder.build();
  }

  private static String commitId(Repository git, String revision) throws IOException {
    requireNonNull(revision, "revision");
    ObjectId id;
    try {
      id = git.resolve(revision + "^{commit}");
    } catch (RuntimeException e) { // RevisionSyntaxException, AmbiguousObjectException, ...
      throw new IllegalStateException("\"" + revision + "\" is not a revision of "
          + git.getDirectory() + ": " + e.getMessage(), e);
    }
    if (id == null) {
      throw new IllegalStateException("\"" + revision + "\" names no commit in "
          + git.getDirectory());
    }
    return id.name();
  }

  private String relative(Path dir) {
    return directory.relativize(dir).toString().replace('\\', '/');
  }

  private static boolean isApplication(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.filter(Files::isRegularFile)
          .map(p -> p.getFileName().toString())
          .anyMatch(name -> Renderers.KUSTOMIZATION_FILES.contains(name)
              || name.equals("Chart.yaml")
              || (!name.startsWith(".") && (name.endsWith(".yaml") || name.endsWith(".yml"))));
    }
  }

  /** {@code ./apps//prod/} to {@code apps/prod}; the root is the empty string. */
  static String normalize(String path) {
    return Snapshot.normalize(path.replace('\\', '/'));
  }
}
