package dev.gitops.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gitops.model.Manifest;
import dev.gitops.model.ObjectKey;
import dev.gitops.model.SourceLocation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The simulator's own lifecycle: which watches it opens and that it closes them. */
class ControllerSimulatorTest {
  private final InMemoryCluster cluster = InMemoryCluster.create();
  private final List<String> watched = new ArrayList<>();
  private final List<Watch> opened = new ArrayList<>();
  private final List<Watch> closed = new ArrayList<>();

  @Test
  void watchesEveryKindItSimulatesAndClosesThemOnClose() {
    ControllerSimulator simulator = ControllerSimulator.builder(recording(List.of())).start();
    assertThat(watched).containsExactlyInAnyOrder("apps/Deployment", "apps/StatefulSet", "apps/DaemonSet",
        "apps/ReplicaSet", "batch/Job", "/Pod", "/PersistentVolumeClaim", "/Service");

    simulator.close();
    assertThat(closed).containsExactlyInAnyOrderElementsOf(opened);
  }

  @Test
  void watchesOnlyKindsTheClusterServes() {
    try (ControllerSimulator simulator = ControllerSimulator.builder(recording(List.of("batch/Job", "/Pod"))).start()) {
      assertThat(watched).hasSize(6).doesNotContain("batch/Job", "/Pod");
    }
  }

  @Test
  @Timeout(60)
  void writesUnderTheFieldManagerItIsGiven() {
    try (ControllerSimulator simulator = ControllerSimulator.builder(cluster).fieldManager("kube-controller-manager")
        .namespace("default").start()) {
      cluster.apply(Manifest.of(Map.of(
          "apiVersion", "v1", "kind", "PersistentVolumeClaim",
          "metadata", Map.of("name", "data", "namespace", "default"),
          "spec", Map.of("accessModes", List.of("ReadWriteOnce"))), SourceLocation.unknown()), ApplyOptions.defaults());
      ObjectKey key = ObjectKey.of("v1", "PersistentVolumeClaim", "default", "data");
      LiveObject bound = await(key);

      assertThat(bound.managedFields()).anySatisfy(e -> {
        assertThat(e.manager()).isEqualTo("kube-controller-manager");
        assertThat(e.subresource()).isEqualTo("status");
      });
    }
  }

  @Test
  void blankFieldManagerIsRefused() {
    assertThatThrownBy(() -> ControllerSimulator.builder(cluster).fieldManager(" "))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private LiveObject await(ObjectKey key) {
    while (true) {
      Optional<LiveObject> live = cluster.get(key).filter(o -> o.get("status", "phase").isPresent());
      if (live.isPresent()) {
        return live.get();
      }
      Thread.onSpinWait();
    }
  }

  private final class RecordedWatch implements Watch {
    private final Watch inner;

    RecordedWatch(Watch inner) {
      this.inner = inner;
    }

    @Override
    public void close() {
      closed.add(this);
      inner.close();
    }
  }

  /** The in-memory cluster, minus some kinds, recording the watches opened and closed. */
  private Cluster recording(List<String> hidden) {
    return (Cluster) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Cluster.class},
        (proxy, method, args) -> {
          if (method.getName().equals("resourceType") && hidden.contains(args[0] + "/" + args[1])) {
            return Optional.empty();
          }
          Object result;
          try {
            result = method.invoke(cluster, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
          if (method.getName().equals("watch")) {
            WatchRequest request = (WatchRequest) args[0];
            watched.add(request.group() + "/" + request.kind());
            Watch recorded = new RecordedWatch((Watch) result);
            opened.add(recorded);
            return recorded;
          }
          return result;
        });
  }
}
