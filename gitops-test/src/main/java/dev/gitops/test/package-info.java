/**
 * The test kit: AssertJ assertions a team writes about its own GitOps repository, and JUnit 5
 * extensions that hand a test a ready cluster.
 *
 * <pre>{@code
 * GitOpsRepository repo = GitOpsRepository.at(Path.of("config"));
 * assertThat(repo).application("apps/prod")
 *     .rendersCleanly()
 *     .passes(RulePolicy.of(RuleSets.podSecurityRestricted()))
 *     .isAcceptedByTheApiServer();
 * assertThat(repo.change("HEAD~1", "HEAD", "apps/prod"))
 *     .deletesNo("PersistentVolumeClaim", "CustomResourceDefinition")
 *     .dropsReplicasByAtMost(50);
 * }</pre>
 *
 * <p>Entry point: {@link dev.gitops.test.GitOpsAssertions}. Extensions:
 * {@link dev.gitops.test.WithInMemoryCluster} and {@link dev.gitops.test.WithKubeApiServer}.
 * See {@code docs/test-kit.md}.
 *
 * <p>Nothing in this package accepts or returns null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.gitops.test;

import org.jspecify.annotations.NullMarked;
