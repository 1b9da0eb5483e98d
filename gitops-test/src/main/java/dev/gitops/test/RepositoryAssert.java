package dev.gitops.test;

import dev.gitops.model.Manifest;
import dev.gitops.model.ObjectKey;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractAssert;
import org.jspecify.annotations.Nullable;

/** Assertions about a {@link GitOpsRepository}; made by {@link GitOpsAssertions#assertThat}. */
public final class RepositoryAssert extends AbstractAssert<RepositoryAssert, GitOpsRepository> {

  RepositoryAssert(@Nullable GitOpsRepository actual) {
    super(actual, RepositoryAssert.class);
  }

  /**
   * Assertions about one application directory of the repository.
   *
   * @param path the directory, relative to the repository root
   * @throws AssertionError if there is no such directory
   */
  public ApplicationAssert application(String path) {
    isNotNull();
    Application application = actual.application(path);
    if (!Files.isDirectory(actual.directory().resolve(application.path()))) {
      failWithMessage("%s", "Expected an application directory " + application.path() + " in "
          + actual.directory() + ", but there is no such directory");
    }
    return new ApplicationAssert(application);
  }

  /**
   * Every application directory found by {@link GitOpsRepository#applications()} renders without
   * an error (skipped documents are allowed here; {@link ApplicationAssert#rendersCleanly()}
   * refuses them).
   *
   * @throws AssertionError listing each directory that does not render and why, or if none is found
   */
  public RepositoryAssert allApplicationsRender() {
    isNotNull();
    List<Application> found = actual.applications();
    if (found.isEmpty()) {
      failWithMessage("%s", "Expected application directories in " + actual.directory()
          + ", but found none (no directory holds a kustomization, a Chart.yaml or YAML files)");
    }
    return allRender(found);
  }

  /**
   * Each of these application directories renders without an error.
   *
   * @param applications directories relative to the repository root
   * @throws AssertionError listing each directory that does not render and why
   */
  public RepositoryAssert allApplicationsRender(String... applications) {
    isNotNull();
    return allRender(List.of(applications).stream().map(actual::application).toList());
  }

  /**
   * No object is declared by two of these applications: applications synced to one cluster must
   * not fight over an object. (A Kustomize base and its overlays do declare the same objects, so
   * name the applications that go to one cluster.)
   *
   * @param applications directories relative to the repository root, at least two
   * @throws AssertionError naming each shared object and both places it comes from
   */
  public RepositoryAssert hasNoDuplicateObjectsAcross(String... applications) {
    isNotNull();
    if (applications.length < 2) {
      throw new IllegalArgumentException("name at least two applications, got "
          + List.of(applications));
    }
    Map<ObjectKey, Manifest> firstSeen = new LinkedHashMap<>();
    Map<ObjectKey, String> firstApp = new LinkedHashMap<>();
    List<String> duplicates = new ArrayList<>();
    for (String path : applications) {
      Application app = actual.application(path);
      List<Manifest> objects;
      try {
        objects = app.render().objects();
      } catch (RuntimeException e) {
        failWithMessage("%s", "Expected " + app + " to render, but it does not: "
            + Describe.error(e));
        return this;
      }
      for (Manifest m : objects) {
        Manifest earlier = firstSeen.putIfAbsent(m.key(), m);
        if (earlier == null) {
          firstApp.put(m.key(), app.path());
        } else if (!firstApp.get(m.key()).equals(app.path())) {
          duplicates.add(m.key() + " is declared by " + firstApp.get(m.key()) + " ("
              + Describe.where(earlier.source()) + ") and by " + app.path() + " ("
              + Describe.where(m.source()) + ")");
        }
      }
    }
    if (!duplicates.isEmpty()) {
      failWithMessage("%s", "Expected no object in two of " + List.of(applications) + ", but "
          + duplicates.size() + " are:" + Describe.list(duplicates));
    }
    return this;
  }

  private RepositoryAssert allRender(List<Application> applications) {
    List<String> failures = new ArrayList<>();
    for (Application app : applications) {
      try {
        app.render();
      } catch (RuntimeException e) {
        failures.add(app.path() + ": " + Describe.error(e));
      }
    }
    if (!failures.isEmpty()) {
      failWithMessage("%s", "Expected every application of " + actual.directory()
          + " to render, but " + failures.size() + " of " + applications.size() + " did not:"
          + Describe.list(failures));
    }
    return this;
  }
}
