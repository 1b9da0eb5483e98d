package dev.gitops.test;

import org.jspecify.annotations.Nullable;

/**
 * Entry point of the test kit's assertions; import statically next to AssertJ's.
 * Like AssertJ's, they take a null actual value and fail on it with a message.
 *
 * <pre>{@code
 * import static dev.gitops.test.GitOpsAssertions.assertThat;
 *
 * assertThat(GitOpsRepository.at(Path.of("config"))).application("apps/prod").rendersCleanly();
 * }</pre>
 */
public final class GitOpsAssertions {
  private GitOpsAssertions() {}

  /** Assertions about a whole repository: every application renders, no overlaps. */
  public static RepositoryAssert assertThat(@Nullable GitOpsRepository repository) {
    return new RepositoryAssert(repository);
  }

  /** Assertions about one application directory. */
  public static ApplicationAssert assertThat(@Nullable Application application) {
    return new ApplicationAssert(application);
  }

  /** Assertions about what a change between two commits does. */
  public static ChangeAssert assertThat(@Nullable RepositoryChange change) {
    return new ChangeAssert(change);
  }
}
