package dev.gitops.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.testing.NullMarkedPackages;
import org.junit.jupiter.api.Test;

/**
 * Every public package of gitops-policy is {@code @NullMarked} (issue #14), as gitops-core's are: a package
 * added without it fails here.
 */
class NullnessAnnotationsTest {

  @Test
  void everyPublicPackageOfGitopsPolicyIsNullMarked() {
    assertThat(NullMarkedPackages.publicPackages(Gate.class).keySet())
        .as("the packages gitops-policy's classes are in")
        .contains("dev.gitops.policy", "dev.gitops.policy.cel", "dev.gitops.policy.rules");
    assertThat(NullMarkedPackages.unmarked(Gate.class))
        .as("public packages without @NullMarked in their package-info.java")
        .isEmpty();
  }
}
