package dev.gitops.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.testing.NullMarkedPackages;
import org.junit.jupiter.api.Test;

/**
 * Every public package of gitops-test is {@code @NullMarked} (issue #14), as gitops-core's are: a package
 * added without it fails here.
 */
class NullnessAnnotationsTest {

  @Test
  void everyPublicPackageOfGitopsTestIsNullMarked() {
    assertThat(NullMarkedPackages.publicPackages(GitOpsAssertions.class).keySet())
        .as("the packages gitops-test's classes are in")
        .contains("dev.gitops.test");
    assertThat(NullMarkedPackages.unmarked(GitOpsAssertions.class))
        .as("public packages without @NullMarked in their package-info.java")
        .isEmpty();
  }
}
