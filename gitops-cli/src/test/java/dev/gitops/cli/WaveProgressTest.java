package dev.gitops.cli;

import static dev.gitops.cli.Cli.resource;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.apply.SyncOptions;
import dev.gitops.cluster.InMemoryCluster;
import dev.gitops.engine.Application;
import dev.gitops.engine.Engine;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The progress lines {@code sync} prints on a terminal: one per wave reached, then the prunes. */
class WaveProgressTest {
  @Test
  void aLinePerWaveAndOneForThePrunes() {
    InMemoryCluster cluster = InMemoryCluster.create();
    StringWriter err = new StringWriter();
    WaveProgress progress = new WaveProgress(cluster, new PrintWriter(err));
    try (Engine engine = Engine.builder().watchLiveChanges(false).build();
        Checkout v1 = Checkout.local(Path.of(resource("shop")), null);
        Checkout v2 = Checkout.local(Path.of(resource("shop-v2")), null)) {
      Application first = app(v1, progress);
      progress.expect(engine.plan(first));
      engine.sync(first);
      assertThat(err.toString()).isEqualTo("Sync wave 0: 4 to apply of 4\n");

      err.getBuffer().setLength(0);
      Application second = app(v2, progress);
      progress.expect(engine.plan(second));
      engine.sync(second);
      assertThat(err.toString()).isEqualTo("Sync wave 0: 1 to apply of 3\nPrune: 1 to delete\n");
    }
  }

  private static Application app(Checkout checkout, WaveProgress cluster) {
    return Application.builder("shop").source(checkout.source()).ref(checkout.ref()).path(checkout.path())
        .destination(cluster, "default").options(SyncOptions.defaults().withHealthTimeout(Duration.ZERO)).build();
  }
}
