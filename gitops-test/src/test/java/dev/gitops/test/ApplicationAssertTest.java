package dev.gitops.test;

import static dev.gitops.test.Fixtures.configMap;
import static dev.gitops.test.Fixtures.deployment;
import static dev.gitops.test.Fixtures.namespace;
import static dev.gitops.test.Fixtures.widget;
import static dev.gitops.test.Fixtures.widgetDefinition;
import static dev.gitops.test.Fixtures.write;
import static dev.gitops.test.GitOpsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gitops.cluster.InMemoryCluster;
import dev.gitops.model.ObjectKey;
import dev.gitops.policy.Gate;
import dev.gitops.policy.RulePolicy;
import dev.gitops.policy.rules.RuleSets;
import dev.gitops.render.PlainRenderer;
import dev.gitops.render.RenderResult;
import dev.gitops.render.Renderer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApplicationAssertTest {
  private static final RulePolicy RESTRICTED = RulePolicy.of(RuleSets.podSecurityRestricted());

  @TempDir Path root;

  private ApplicationAssert prod() {
    return assertThat(GitOpsRepository.at(root)).application("apps/prod");
  }

  @Test
  void aCleanKustomizationPassesEveryAssertion() {
    write(root, "apps/prod/kustomization.yaml",
        "namespace: shop\nresources: [namespace.yaml, web.yaml, settings.yaml]\n");
    write(root, "apps/prod/namespace.yaml", namespace("shop"));
    write(root, "apps/prod/web.yaml", deployment("web", "", 3));
    write(root, "apps/prod/settings.yaml", configMap("settings", "shop"));

    prod().rendersCleanly()
        .rendersDeterministically()
        .hasNoDuplicateObjects()
        .passes(RESTRICTED)
        .passes(Gate.of(RESTRICTED))
        .isAcceptedByTheApiServer();
  }

  @Test
  void rendersCleanlyFailsWithTheParseErrorsFileAndLine() {
    write(root, "apps/prod/web.yaml", deployment("web", "shop", 1));
    write(root, "apps/prod/bad.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: [\n");

    assertThatThrownBy(() -> prod().rendersCleanly())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected apps/prod to render, but it does not")
        .hasMessageContaining("apps/prod/bad.yaml:4:1: while parsing");
  }

  @Test
  void rendersCleanlyFailsOnEachSkippedDocument() {
    write(root, "apps/prod/web.yaml", deployment("web", "shop", 1));
    write(root, "apps/prod/junk.yaml", "just: a map\n");
    GitOpsRepository lenient = GitOpsRepository.at(root)
        .withRenderer(() -> PlainRenderer.builder().skipInvalidDocuments().build());

    assertThatThrownBy(() -> assertThat(lenient).application("apps/prod").rendersCleanly())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected apps/prod to render cleanly, but 1 document(s) were skipped")
        .hasMessageContaining("apps/prod/junk.yaml:1");
  }

  @Test
  void rendersDeterministicallyNamesTheFirstObjectThatDiffers() {
    write(root, "apps/prod/web.yaml", deployment("web", "shop", 1));
    write(root, "apps/prod/settings.yaml", configMap("settings", "shop"));
    AtomicInteger renders = new AtomicInteger();
    // A generator that stamps each render, as a timestamp or a random suffix would.
    Renderer stamping = snapshot -> {
      RenderResult plain = PlainRenderer.strict().render(snapshot);
      var stamped = new ArrayList<>(plain.objects());
      int n = renders.incrementAndGet();
      stamped.set(1, stamped.get(1).withObject(withLabel(stamped.get(1).toMutableMap(), n)));
      return new RenderResult(plain.revision(), stamped, plain.skipped());
    };
    GitOpsRepository repo = GitOpsRepository.at(root).withRenderer(() -> stamping);

    assertThatThrownBy(() -> assertThat(repo).application("apps/prod").rendersDeterministically())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected apps/prod to render the same twice, but object 2, "
            + "apps/Deployment shop/web (apps/prod/web.yaml:1), differs")
        .hasMessageContaining("\"render\":\"1\"")
        .hasMessageContaining("\"render\":\"2\"");
  }

  @Test
  void hasNoDuplicateObjectsNamesBothPlacesOfADuplicate() {
    write(root, "apps/prod/a.yaml", configMap("settings", "shop"));
    write(root, "apps/prod/b.yaml", "# again\n---\n" + configMap("settings", "shop"));

    assertThatThrownBy(() -> prod().hasNoDuplicateObjects())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected no duplicate objects in apps/prod, but ConfigMap "
            + "shop/settings is declared at apps/prod/a.yaml:1 and again at apps/prod/b.yaml:3");
  }

  @Test
  void hasNoDuplicateObjectsAlsoChecksWhatALenientRendererReturns() {
    write(root, "apps/prod/a.yaml", configMap("settings", "shop"));
    Renderer twice = snapshot -> {
      RenderResult once = PlainRenderer.strict().render(snapshot);
      return new RenderResult(once.revision(),
          List.of(once.objects().get(0), once.objects().get(0)), List.of());
    };
    GitOpsRepository repo = GitOpsRepository.at(root).withRenderer(() -> twice);

    assertThatThrownBy(() -> assertThat(repo).application("apps/prod").hasNoDuplicateObjects())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("but 1 are:")
        .hasMessageContaining("ConfigMap shop/settings is declared at apps/prod/a.yaml:1 and "
            + "again at apps/prod/a.yaml:1");
  }

  @Test
  void passesListsEachDenialWithObjectFileLineAndRule() {
    write(root, "apps/prod/web.yaml", deployment("web", "shop", 1));
    write(root, "apps/prod/debug.yaml", "# a debug pod left behind\n"
        + deployment("debug", "shop", 1, true));

    assertThatThrownBy(() -> prod().passes(RESTRICTED))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected apps/prod to pass the policy, but it denies")
        .hasMessageContaining("apps/Deployment shop/debug (apps/prod/debug.yaml:2): rule "
            + "no-privileged [DENY]")
        .hasMessageNotContaining("shop/web");
    assertThatThrownBy(() -> prod().passes(Gate.of(RESTRICTED)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("to pass the gate")
        .hasMessageContaining("apps/prod/debug.yaml:2");
  }

  @Test
  void isAcceptedByTheApiServerCreatesNamespacesAndDefinitionsItNeeds() {
    write(root, "apps/prod/web.yaml", deployment("web", "shop", 1)); // namespace not declared
    write(root, "apps/prod/crd.yaml", widgetDefinition());
    write(root, "apps/prod/widget.yaml", widget("small", "shop", "3"));
    write(root, "apps/prod/unnamespaced.yaml", configMap("x", "ignored")
        .replace("  namespace: ignored\n", ""));

    try (InMemoryCluster cluster = InMemoryCluster.create()) {
      prod().isAcceptedByTheApiServer(cluster);

      // Only the prerequisites were stored; everything else was a dry run.
      Assertions.assertThat(cluster.get(new ObjectKey("", "Namespace", "", "shop"))).isPresent();
      Assertions.assertThat(cluster.get(new ObjectKey("apps", "Deployment", "shop", "web")))
          .isEmpty();
      Assertions.assertThat(cluster.get(new ObjectKey("", "ConfigMap", "default", "x"))).isEmpty();
    }
  }

  @Test
  void isAcceptedByTheApiServerNamesEachRefusedObjectItsFileAndTheReason() {
    write(root, "apps/prod/web.yaml", deployment("web", "shop", 1));
    write(root, "apps/prod/gadget.yaml", "apiVersion: example.com/v1\nkind: Gadget\n"
        + "metadata:\n  name: g\n  namespace: shop\n");
    write(root, "apps/prod/settings.yaml", "# a label value with a space\n"
        + "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: shop\n"
        + "  labels:\n    tier: front end\n");

    assertThatThrownBy(() -> prod().isAcceptedByTheApiServer())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected in-memory to accept every object of apps/prod, but it "
            + "refused 2")
        .hasMessageContaining("example.com/Gadget shop/g (apps/prod/gadget.yaml:1): the server "
            + "does not serve example.com/v1 Gadget")
        .hasMessageContaining("ConfigMap shop/settings (apps/prod/settings.yaml:2): ")
        .hasMessageContaining("metadata.labels")
        .hasMessageNotContaining("shop/web");
  }

  private static java.util.Map<String, Object> withLabel(java.util.Map<String, Object> tree, int n) {
    @SuppressWarnings("unchecked")
    var metadata = (java.util.Map<String, Object>) tree.get("metadata");
    metadata.put("labels", java.util.Map.of("render", String.valueOf(n)));
    return tree;
  }
}
