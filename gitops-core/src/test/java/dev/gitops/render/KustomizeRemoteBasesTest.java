package dev.gitops.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gitops.model.Manifest;
import dev.gitops.model.Snapshot;
import dev.gitops.source.GitRef;
import dev.gitops.source.InMemoryGitRepository;
import org.junit.jupiter.api.Test;

/** Remote bases: refused by default, read from configured Git sources when allowed. */
class KustomizeRemoteBasesTest {
  private static final String PLATFORM = "https://git.example.com/platform/bases";

  private final InMemoryGitRepository platform = InMemoryGitRepository.create("platform");
  private final InMemoryGitRepository app = InMemoryGitRepository.create("app");

  private static String cm(String name, String value) {
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\ndata:\n  v: \"" + value + "\"\n";
  }

  private Snapshot overlay(String resource) {
    app.commit().add("prod/kustomization.yaml", "namePrefix: prod-\nresources:\n- " + resource + "\n").call();
    return app.source().fetch(GitRef.branch("main"), "prod");
  }

  private KustomizeRenderer allowingPlatform() {
    return KustomizeRenderer.builder().remoteBases(GitRemoteBases.builder()
        .allow(PLATFORM + ".git", platform.source(), GitRef.branch("main")).build()).build();
  }

  @Test
  void remoteBasesAreRefusedByDefault() {
    platform.commit().add("web/kustomization.yaml", "resources: [cm.yaml]\n").add("web/cm.yaml", cm("web", "1")).call();

    assertThatThrownBy(() -> KustomizeRenderer.create().render(overlay(PLATFORM + "//web?ref=main")))
        .isInstanceOf(RemoteResourceException.class)
        .hasMessageContaining("prod/kustomization.yaml")
        .hasMessageContaining("is not allowed");
  }

  @Test
  void allowedBaseIsReadAtItsTagAndTransformedByTheOverlay() {
    String v1 = platform.commit().add("web/kustomization.yaml", "resources: [cm.yaml]\n")
        .add("web/cm.yaml", cm("web", "1")).call();
    platform.tag("v1.0.0", v1);
    platform.commit().add("web/cm.yaml", cm("web", "2")).call();

    RenderResult result = allowingPlatform().render(overlay(PLATFORM + ".git//web?ref=v1.0.0"));

    Manifest web = result.objects().get(0);
    assertThat(web.name()).isEqualTo("prod-web");
    assertThat(web.get("data", "v")).contains("1");
    assertThat(web.source().path()).isEqualTo(PLATFORM + ".git//web web/cm.yaml");
  }

  @Test
  void refIsABranchWhenNoTagHasItsNameAndDefaultsWhenAbsent() {
    platform.commit().add("web/kustomization.yaml", "resources: [cm.yaml]\n").add("web/cm.yaml", cm("web", "main")).call();
    platform.commit().branch("next").add("web/kustomization.yaml", "resources: [cm.yaml]\n")
        .add("web/cm.yaml", cm("web", "next")).call();

    assertThat(allowingPlatform().render(overlay(PLATFORM + "//web?ref=next")).objects().get(0)
        .get("data", "v")).contains("next");
    assertThat(allowingPlatform().render(overlay("git::" + PLATFORM + "/web")).objects().get(0)
        .get("data", "v")).contains("main");
  }

  @Test
  void urlOutsideTheConfiguredRepositoriesIsRefusedNamingThem() {
    assertThatThrownBy(() -> allowingPlatform().render(overlay("https://git.example.com/other//web")))
        .isInstanceOf(RemoteResourceException.class)
        .hasMessageContaining("is not in a configured repository (" + PLATFORM + ")");
    assertThatThrownBy(() -> allowingPlatform().render(overlay(PLATFORM + "-fork//web")))
        .isInstanceOf(RemoteResourceException.class);
  }

  @Test
  void remoteBasesThatIncludeEachOtherAreACycle() {
    platform.commit().add("a/kustomization.yaml", "resources:\n- " + PLATFORM + "//b\n")
        .add("b/kustomization.yaml", "resources:\n- " + PLATFORM + "//a\n").call();

    assertThatThrownBy(() -> allowingPlatform().render(overlay(PLATFORM + "//a")))
        .isInstanceOf(KustomizationCycleException.class)
        .hasMessageContaining(PLATFORM + "//a");
  }
}
