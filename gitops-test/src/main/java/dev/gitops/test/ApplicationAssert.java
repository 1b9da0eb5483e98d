package dev.gitops.test;

import static java.util.Objects.requireNonNull;

import dev.gitops.cluster.Cluster;
import dev.gitops.cluster.InMemoryCluster;
import dev.gitops.model.Manifest;
import dev.gitops.model.ObjectKey;
import dev.gitops.policy.Gate;
import dev.gitops.policy.Policy;
import dev.gitops.policy.Verdict;
import dev.gitops.render.DuplicateObjectException;
import dev.gitops.render.RenderResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractAssert;
import org.jspecify.annotations.Nullable;

/**
 * Assertions about one application directory, as it is on disk. The directory is rendered once,
 * on the first assertion that needs its objects, and the result is reused by the assertions
 * chained after it.
 *
 * <pre>{@code
 * assertThat(repo).application("apps/prod")
 *     .rendersCleanly()
 *     .hasNoDuplicateObjects()
 *     .passes(RulePolicy.of(RuleSets.podSecurityBaseline()))
 *     .isAcceptedByTheApiServer();
 * }</pre>
 */
public final class ApplicationAssert extends AbstractAssert<ApplicationAssert, Application> {
  private @Nullable RenderResult rendered;

  ApplicationAssert(@Nullable Application actual) {
    super(actual, ApplicationAssert.class);
  }

  /**
   * The directory renders with no error and no skipped document (a renderer told to skip invalid
   * or duplicate documents lists them; here each one fails the assertion).
   *
   * @throws AssertionError with the renderer's error (file and line), or each skipped document
   */
  public ApplicationAssert rendersCleanly() {
    RenderResult result = rendered();
    if (!result.skipped().isEmpty()) {
      failWithMessage("%s", "Expected " + actual + " to render cleanly, but "
          + result.skipped().size() + " document(s) were skipped:"
          + Describe.list(result.skipped()));
    }
    return this;
  }

  /**
   * Two renders of the directory, each from a fresh read of the files with a fresh renderer, are
   * equal byte for byte: the same objects, fields in the same order, from the same places, in the
   * same order. A generator that adds a timestamp or a random suffix breaks this, and with it every
   * diff and sync.
   *
   * @throws AssertionError naming the first object that differs, with both versions
   */
  public ApplicationAssert rendersDeterministically() {
    List<String> first = Canonical.entries(rendered());
    List<String> second = Canonical.entries(render());
    int n = Math.min(first.size(), second.size());
    for (int i = 0; i < n; i++) {
      if (!first.get(i).equals(second.get(i))) {
        String object = i < rendered.objects().size()
            ? Describe.object(rendered.objects().get(i)) : "skipped document " + (i + 1);
        failWithMessage("%s", "Expected " + actual + " to render the same twice, but object "
            + (i + 1) + ", " + object + ", differs:\n  first:  " + first.get(i)
            + "\n  second: " + second.get(i));
      }
    }
    if (first.size() != second.size()) {
      failWithMessage("%s", "Expected " + actual + " to render the same twice, but it rendered "
          + first.size() + " and then " + second.size() + " objects and skipped documents");
    }
    return this;
  }

  /**
   * No object is declared twice in the directory (same group, kind, namespace and name; the
   * version does not count). The default renderers already refuse duplicates; this names both
   * places whichever renderer is used.
   *
   * @throws AssertionError naming each duplicated object and both files and lines
   */
  public ApplicationAssert hasNoDuplicateObjects() {
    isNotNull();
    RenderResult result;
    try {
      result = rendered();
    } catch (AssertionError e) {
      if (e.getCause() instanceof DuplicateObjectException d) {
        failWithMessage("%s", "Expected no duplicate objects in " + actual + ", but " + d.key()
            + " is declared at " + d.first() + " and again at " + d.second());
      }
      throw e;
    }
    Map<ObjectKey, Manifest> seen = new LinkedHashMap<>();
    List<String> duplicates = new ArrayList<>();
    for (Manifest m : result.objects()) {
      Manifest earlier = seen.putIfAbsent(m.key(), m);
      if (earlier != null) {
        duplicates.add(m.key() + " is declared at " + Describe.where(earlier.source())
            + " and again at " + Describe.where(m.source()));
      }
    }
    if (!duplicates.isEmpty()) {
      failWithMessage("%s", "Expected no duplicate objects in " + actual + ", but "
          + duplicates.size() + " are:" + Describe.list(duplicates));
    }
    return this;
  }

  /**
   * No rendered object is denied by the policy (warnings and audits are allowed).
   *
   * @throws AssertionError listing each denial: object, file and line, rule, message and field
   */
  public ApplicationAssert passes(Policy policy) {
    requireNonNull(policy, "policy");
    return denials("the policy", policy.evaluate(rendered().objects()));
  }

  /**
   * The gate allows the rendered objects, as it would before a sync.
   *
   * @throws AssertionError listing each denial: object, file and line, rule, message and field
   */
  public ApplicationAssert passes(Gate gate) {
    requireNonNull(gate, "gate");
    return denials("the gate", gate.check(rendered()).verdicts());
  }

  /**
   * A fresh in-memory API server ({@link InMemoryCluster#create()}) accepts every rendered
   * object on a server-side dry run; see {@link #isAcceptedByTheApiServer(Cluster)}.
   *
   * @throws AssertionError listing each refused object, its file and line, and the server's reason
   */
  public ApplicationAssert isAcceptedByTheApiServer() {
    try (InMemoryCluster cluster = InMemoryCluster.create()) {
      return isAcceptedByTheApiServer(cluster);
    }
  }

  /**
   * The cluster accepts every rendered object on a server-side dry run
   * ({@link dev.gitops.cluster.ApplyOptions#withDryRun(boolean)}): validation, defaulting and
   * admission run, nothing is stored. What the objects need first is created for real: the
   * Namespaces they are in (the declared Namespace object, else a bare one) and the
   * CustomResourceDefinitions the directory declares. Namespaced objects without a namespace go
   * to {@code default}.
   *
   * @param cluster any backend: an {@link InMemoryCluster}, or a
   *     {@code dev.gitops.k8s.FabricCluster} on a real API server (see {@link WithKubeApiServer})
   * @throws AssertionError listing each refused object, its file and line, and the server's reason
   */
  public ApplicationAssert isAcceptedByTheApiServer(Cluster cluster) {
    requireNonNull(cluster, "cluster");
    List<String> rejections = ApiServerCheck.rejections(cluster, rendered().objects());
    if (!rejections.isEmpty()) {
      failWithMessage("%s", "Expected " + cluster.name() + " to accept every object of " + actual
          + ", but it refused " + rejections.size() + ":" + Describe.list(rejections));
    }
    return this;
  }

  /** The render result the assertions judge (rendered on first use). */
  public RenderResult rendered() {
    isNotNull();
    if (rendered == null) {
      rendered = render();
    }
    return rendered;
  }

  private RenderResult render() {
    try {
      return actual.render();
    } catch (RuntimeException e) {
      AssertionError error = new AssertionError(errorPrefix() + "Expected " + actual
          + " to render, but it does not: " + Describe.error(e), e);
      throw error;
    }
  }

  private String errorPrefix() {
    String description = descriptionText();
    return description == null || description.isEmpty() ? "" : "[" + description + "] ";
  }

  private ApplicationAssert denials(String judge, List<Verdict> verdicts) {
    List<String> denials = verdicts.stream().filter(Verdict::denies).map(Describe::verdict)
        .toList();
    if (!denials.isEmpty()) {
      failWithMessage("%s", "Expected " + actual + " to pass " + judge + ", but it denies "
          + denials.size() + " finding(s):" + Describe.list(denials));
    }
    return this;
  }
}
