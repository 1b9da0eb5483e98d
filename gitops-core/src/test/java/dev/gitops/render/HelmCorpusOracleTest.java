package dev.gitops.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.model.Manifest;
import dev.gitops.model.ObjectKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The oracle: each chart of the corpus rendered by the real helm CLI ({@code helm template
 * --include-crds}, built by tools/helm-oracle.sh) and by HelmRenderer must give the same objects,
 * compared as parsed trees (order, comments and formatting aside). Known differences are in
 * docs/helm.md.
 */
@Tag("heavy")
class HelmCorpusOracleTest {
  /** The Helm version that tools/helm-oracle.sh builds and helm-java embeds. */
  static final String HELM_VERSION = "v3.21.0";

  private static Path helm;

  @TempDir
  static Path helmHome;

  static List<HelmCorpus> cases() {
    return HelmCorpus.all();
  }

  @BeforeAll
  static void findHelm() {
    String dir = System.getenv("GITOPS_TOOLS_DIR");
    Path tools = dir != null && !dir.isEmpty() ? Path.of(dir)
        : Path.of(System.getProperty("user.home"), ".cache", "gitops-sdk", "tools");
    // "-release": built with the ldflags of helm's Makefile, as the released binary is.
    helm = tools.resolve("helm-" + HELM_VERSION + "-release").resolve("helm");
    if (!Files.isExecutable(helm)) {
      throw new IllegalStateException(helm + " does not exist. Run tools/helm-oracle.sh (with "
          + "GITOPS_TOOLS_DIR=" + tools + " if it is not the default) to build it.");
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void rendersTheSameObjectsAsHelmTemplate(HelmCorpus c) throws Exception {
    Map<ObjectKey, Manifest> expected = byKey(helmTemplate(c));
    RenderResult ours = c.renderer().render(c.snapshot());

    assertThat(byKey(ours.objects())).isEqualTo(expected);
    assertThat(ours.objects()).hasSize(expected.size()); // no object twice
  }

  private static Map<ObjectKey, Manifest> byKey(List<Manifest> objects) {
    Map<ObjectKey, Manifest> out = new TreeMap<>(java.util.Comparator.comparing(ObjectKey::toString));
    objects.forEach(m -> out.put(m.key(), m));
    return out;
  }

  private static List<Manifest> helmTemplate(HelmCorpus c) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(c.helmArgs(helm)).redirectErrorStream(false);
    // No kubeconfig, no user configuration: helm template must not reach a cluster or the network.
    pb.environment().put("KUBECONFIG", helmHome.resolve("no-kubeconfig").toString());
    pb.environment().put("HELM_CACHE_HOME", helmHome.resolve("cache").toString());
    pb.environment().put("HELM_CONFIG_HOME", helmHome.resolve("config").toString());
    pb.environment().put("HELM_DATA_HOME", helmHome.resolve("data").toString());
    pb.environment().remove("HELM_NAMESPACE");
    Path err = helmHome.resolve(c.name() + ".stderr");
    pb.redirectError(err.toFile());
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("helm template %s: %s", c, Files.readString(err)).isZero();
    return YamlDocuments.parse(c.name() + " (helm template)", out).stream()
        .filter(d -> d.value() != null)
        .map(d -> {
          @SuppressWarnings("unchecked")
          Map<String, ?> object = (Map<String, ?>) d.value();
          return Manifest.of(object, d.location());
        })
        .toList();
  }
}
