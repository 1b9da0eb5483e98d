package consumer;

import dev.gitops.k8s.FabricCluster;
import dev.gitops.policy.Gate;
import dev.gitops.policy.GateDecision;
import dev.gitops.policy.RulePolicy;
import dev.gitops.policy.rules.RuleSets;
import dev.gitops.render.RenderResult;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/** Every module: render, gate with a built-in policy, apply, diff; and gitops-k8s's client setup. */
public final class FullFlow {
  private FullFlow() {}

  /** The SDK first (its checks run at first use), then a fabric8 client of the consumer's own. */
  public static void run() throws Exception {
    sdk();
    try (KubernetesClient client = new KubernetesClientBuilder()
        .withConfig(new ConfigBuilder().withMasterUrl("https://127.0.0.1:1").build())
        .build()) {
      fabric(client);
    }
  }

  /** With the application's own fabric8 client. */
  public static void run(KubernetesClient client) throws Exception {
    sdk();
    fabric(client);
  }

  /** Render, gate, apply into the in-memory cluster, diff. */
  static void sdk() throws Exception {
    RenderResult rendered = CoreFlow.render();
    GateDecision decision =
        Gate.of(RulePolicy.of(RuleSets.podSecurityRestricted())).check(rendered);
    CoreFlow.check(decision.allowed(), "gate allows: " + decision.verdicts());
    System.out.println("gate: allowed");
    CoreFlow.applyAndDiff(rendered.objects());
  }

  /** A FabricCluster over the application's client (nothing is sent: no API server runs here). */
  static void fabric(KubernetesClient client) {
    try (FabricCluster cluster = FabricCluster.builder().client(client).build()) {
      CoreFlow.check(cluster.client() == client, "FabricCluster uses the application's client");
      System.out.println("fabric8: " + io.fabric8.kubernetes.client.Version.clientVersion()
          + ", HTTP client " + client.getHttpClient().getClass().getName()
          + ", FabricCluster " + cluster.name());
    }
  }
}
