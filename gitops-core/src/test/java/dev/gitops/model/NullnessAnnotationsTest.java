package dev.gitops.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.testing.NullMarkedPackages;
import org.junit.jupiter.api.Test;

/**
 * Every public package of gitops-core is {@code @NullMarked} (issue #14): a package added without
 * it fails here, so Kotlin and NullAway users keep seeing the nullness of the whole API.
 */
class NullnessAnnotationsTest {

  @Test
  void everyPublicPackageOfGitopsCoreIsNullMarked() {
    assertThat(NullMarkedPackages.publicPackages(Manifest.class).keySet())
        .as("the packages gitops-core's classes are in")
        .contains("dev.gitops.apply", "dev.gitops.cluster", "dev.gitops.diff",
            "dev.gitops.engine", "dev.gitops.gate", "dev.gitops.health", "dev.gitops.history",
            "dev.gitops.model", "dev.gitops.plan", "dev.gitops.render", "dev.gitops.source");
    assertThat(NullMarkedPackages.unmarked(Manifest.class))
        .as("public packages without @NullMarked in their package-info.java")
        .isEmpty();
  }
}
