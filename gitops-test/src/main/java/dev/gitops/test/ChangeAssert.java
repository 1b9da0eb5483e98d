package dev.gitops.test;

import static java.util.Objects.requireNonNull;

import dev.gitops.policy.ObjectChange;
import dev.gitops.policy.Policy;
import dev.gitops.policy.Rule;
import dev.gitops.policy.RulePolicy;
import dev.gitops.policy.RuleSet;
import dev.gitops.policy.Verdict;
import dev.gitops.policy.rules.ChangeRules;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.AbstractAssert;
import org.jspecify.annotations.Nullable;

/**
 * Assertions about a {@link RepositoryChange}: what a merge would do to the cluster. The limits
 * are the change rules of {@code gitops-policy} ({@link ChangeRules}), so a test fails on what the
 * gate would deny at sync time.
 *
 * <pre>{@code
 * assertThat(repo.change("HEAD~1", "HEAD", "apps/prod"))
 *     .deletesNo("PersistentVolumeClaim", "CustomResourceDefinition")
 *     .dropsReplicasByAtMost(50);
 * }</pre>
 */
public final class ChangeAssert extends AbstractAssert<ChangeAssert, RepositoryChange> {

  ChangeAssert(@Nullable RepositoryChange actual) {
    super(actual, ChangeAssert.class);
  }

  /**
   * The change deletes no object of these kinds (as {@link ChangeRules#noProtectedDeletion}).
   *
   * @param kinds kind names ({@code PersistentVolumeClaim}, any group) or {@code group/Kind}
   *     ({@code apiextensions.k8s.io/CustomResourceDefinition}; {@code /Namespace} for the core
   *     group)
   * @throws AssertionError naming each deleted object and the file and line it was declared at
   */
  public ChangeAssert deletesNo(String... kinds) {
    isNotNull();
    if (kinds.length == 0) {
      throw new IllegalArgumentException("name at least one kind");
    }
    Set<String> protectedKinds = new LinkedHashSet<>();
    for (String kind : kinds) {
      if (kind.contains("/")) {
        protectedKinds.add(kind);
      } else { // a bare kind protects it in whichever group the deleted objects have
        protectedKinds.add("/" + kind);
        for (ObjectChange c : actual.changes(ObjectChange.Operation.DELETE)) {
          if (c.key().kind().equals(kind)) {
            protectedKinds.add(c.key().group() + "/" + kind);
          }
        }
      }
    }
    return judged("delete no " + String.join(", ", kinds),
        rule(ChangeRules.noProtectedDeletion(protectedKinds)));
  }

  /**
   * No update lowers an object's {@code spec.replicas} by more than this share of its current
   * value (as {@link ChangeRules#maxReplicaDrop}); creates and deletes are not drops.
   *
   * @param percent the largest allowed drop, 0 to 100
   * @throws AssertionError naming each object, its file and line, and the replicas before and after
   */
  public ChangeAssert dropsReplicasByAtMost(int percent) {
    isNotNull();
    if (percent < 0 || percent > 100) {
      throw new IllegalArgumentException("percent must be between 0 and 100, was " + percent);
    }
    return judged("drop replicas by at most " + percent + "%",
        rule(ChangeRules.maxReplicaDrop(percent / 100.0)));
  }

  /**
   * The policy denies none of the changes (change rules see the object before and after).
   *
   * @throws AssertionError listing each denial: object, file and line, rule and message
   */
  public ChangeAssert passes(Policy policy) {
    isNotNull();
    return judged("pass the policy", requireNonNull(policy, "policy"));
  }

  private static Policy rule(Rule rule) {
    // Exemption annotations count, as they do at the gate.
    return RulePolicy.of(RuleSet.of("test-kit", rule));
  }

  private ChangeAssert judged(String expectation, Policy policy) {
    List<String> denials = policy.evaluateChanges(actual.changes()).stream()
        .filter(Verdict::denies)
        .map(v -> Describe.verdict(v) + where(v))
        .toList();
    if (!denials.isEmpty()) {
      failWithMessage("%s", "Expected the change " + actual.describe() + " to " + expectation
          + ", but:" + Describe.list(denials));
    }
    return this;
  }

  /** A deleted object's file and line are in the earlier commit; say so. */
  private String where(Verdict v) {
    boolean deleted = actual.changes(ObjectChange.Operation.DELETE).stream()
        .anyMatch(c -> c.key().equals(v.object()));
    return deleted ? " (declared at " + actual.from().shortId() + ", deleted at "
        + actual.to().shortId() + ")" : "";
  }
}
