package dev.gitops.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.cluster.InMemoryCluster;
import dev.gitops.cluster.ResourceType;
import dev.gitops.test.apiserver.KubeApiServer;
import dev.gitops.test.apiserver.KubeApiServerExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The in-memory cluster serves the built-in kinds a real kube-apiserver of the pinned version
 * serves: same kinds, plurals and scopes, each in a version the real server serves too (the
 * in-memory cluster serves one version per kind). Kinds that store nothing are left out: the
 * create-only requests (reviews, a Pod's Binding) and the read-only ComponentStatus view.
 */
@Tag("heavy")
@ExtendWith(KubeApiServerExtension.class)
class ServedKindsDifferentialTest {
  private static final Set<String> NOT_STORED = Set.of("/Binding", "/ComponentStatus",
      "authentication.k8s.io/TokenReview", "authentication.k8s.io/SelfSubjectReview",
      "authorization.k8s.io/SubjectAccessReview", "authorization.k8s.io/LocalSubjectAccessReview",
      "authorization.k8s.io/SelfSubjectAccessReview", "authorization.k8s.io/SelfSubjectRulesReview");

  private final KubeApiServer server;

  ServedKindsDifferentialTest(KubeApiServer server) {
    this.server = server;
  }

  @Test
  void inMemoryClusterServesEveryBuiltInKindOfTheRealServerDiscovery() {
    Map<String, List<ResourceType>> real;
    try (FabricCluster cluster = FabricCluster.builder().config(server.config()).name("real").build()) {
      real = cluster.resourceTypes().stream().filter(t -> !NOT_STORED.contains(groupKind(t))).collect(Collectors.groupingBy(ServedKindsDifferentialTest::groupKind,
          TreeMap::new, Collectors.toList()));
    }
    Map<String, ResourceType> memory = new TreeMap<>();
    InMemoryCluster.create().resourceTypes().forEach(t -> memory.put(groupKind(t), t));

    List<String> differences = new ArrayList<>();
    real.forEach((gk, types) -> {
      ResourceType served = memory.get(gk);
      if (served == null) {
        differences.add(gk + ": only the real server serves it, as " + types);
      } else if (types.stream().noneMatch(t -> t.version().equals(served.version())
          && t.plural().equals(served.plural()) && t.namespaced() == served.namespaced())) {
        differences.add(gk + ": real " + types + " vs in-memory " + served);
      }
    });
    memory.keySet().stream().filter(gk -> !real.containsKey(gk))
        .forEach(gk -> differences.add(gk + ": only the in-memory cluster serves it"));
    assertThat(differences).as(String.join("\n", differences)).isEmpty();
  }

  private static String groupKind(ResourceType t) {
    return t.group() + "/" + t.kind();
  }
}
