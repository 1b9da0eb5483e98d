package dev.gitops.test;

import dev.gitops.cluster.ApplyOptions;
import dev.gitops.cluster.Cluster;
import dev.gitops.cluster.ClusterException;
import dev.gitops.cluster.ResourceType;
import dev.gitops.model.Manifest;
import dev.gitops.model.ObjectKey;
import dev.gitops.model.SourceLocation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Server-side dry run of rendered objects. What the objects need to exist first is created for
 * real: the Namespaces they are in (the declared Namespace object when there is one, else a bare
 * one) and the CustomResourceDefinitions they declare, so that a custom resource is judged by its
 * own definition. Everything else is only dry-run.
 */
final class ApiServerCheck {
  private static final String CRD_GROUP = "apiextensions.k8s.io";
  private static final Duration CRD_WAIT = Duration.ofSeconds(30);
  private static final ApplyOptions DRY_RUN = ApplyOptions.defaults().withDryRun(true);

  private final Cluster cluster;
  private final List<String> rejections = new ArrayList<>();

  private ApiServerCheck(Cluster cluster) {
    this.cluster = cluster;
  }

  /** One line per object the server refuses: the object, its file:line and the server's reason. */
  static List<String> rejections(Cluster cluster, List<Manifest> objects) {
    ApiServerCheck check = new ApiServerCheck(cluster);
    check.run(objects);
    return check.rejections;
  }

  private void run(List<Manifest> objects) {
    Map<String, Manifest> declaredNamespaces = new LinkedHashMap<>();
    List<Manifest> rest = new ArrayList<>();
    for (Manifest m : objects) {
      if (m.key().group().isEmpty() && m.kind().equals("Namespace")) {
        declaredNamespaces.put(m.name(), m);
      } else if (isDefinition(m.key())) {
        if (applyForReal(m)) {
          awaitServed(m);
        }
      } else {
        rest.add(m);
      }
    }
    declaredNamespaces.values().forEach(this::applyForReal);
    for (Manifest m : rest) {
      Optional<ResourceType> type = resourceType(m);
      if (type.isEmpty()) {
        reject(m, "the server does not serve " + m.apiVersion() + " " + m.kind()
            + " (no such built-in kind, and no CustomResourceDefinition for it is declared)");
        continue;
      }
      Manifest object = m;
      if (type.get().namespaced()) {
        if (m.namespace().isEmpty()) { // as kubectl and the engine do: the default namespace
          object = inNamespace(m, "default");
        }
        if (!ensureNamespace(object.namespace(), declaredNamespaces.get(object.namespace()))) {
          continue;
        }
      }
      try {
        cluster.apply(object, DRY_RUN);
      } catch (ClusterException e) {
        reject(m, e.getMessage());
      }
    }
  }

  private boolean applyForReal(Manifest m) {
    try {
      cluster.apply(m, ApplyOptions.defaults());
      return true;
    } catch (ClusterException e) {
      reject(m, e.getMessage());
      return false;
    }
  }

  private boolean ensureNamespace(String name, Manifest declared) {
    ObjectKey key = new ObjectKey("", "Namespace", "", name);
    try {
      if (cluster.get(key).isPresent()) {
        return true;
      }
      Manifest bare = declared != null ? declared : Manifest.of(Map.of("apiVersion", "v1",
          "kind", "Namespace", "metadata", Map.of("name", name)), SourceLocation.unknown());
      cluster.apply(bare, ApplyOptions.defaults());
      return true;
    } catch (ClusterException e) {
      rejections.add("namespace " + name + " cannot be created: " + e.getMessage());
      return false;
    }
  }

  /** A real server serves a new definition's kind a moment after accepting the definition. */
  private void awaitServed(Manifest definition) {
    Object group = definition.get("spec", "group").orElse("");
    Object kind = definition.get("spec", "names", "kind").orElse("");
    long deadline = System.nanoTime() + CRD_WAIT.toNanos();
    while (cluster.resourceType(group.toString(), kind.toString()).isEmpty()) {
      if (System.nanoTime() > deadline) {
        reject(definition, "the definition was accepted but " + group + "/" + kind
            + " was not served within " + CRD_WAIT.toSeconds() + "s");
        return;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + kind, e);
      }
    }
  }

  private Optional<ResourceType> resourceType(Manifest m) {
    // An unreachable server throws: that is no verdict on the objects, so it is not caught.
    return cluster.resourceType(m.key().group(), m.kind());
  }

  private void reject(Manifest m, String reason) {
    rejections.add(Describe.object(m) + ": " + reason);
  }

  private static boolean isDefinition(ObjectKey key) {
    return key.group().equals(CRD_GROUP) && key.kind().equals("CustomResourceDefinition");
  }

  private static Manifest inNamespace(Manifest m, String namespace) {
    Map<String, Object> tree = m.toMutableMap();
    @SuppressWarnings("unchecked")
    Map<String, Object> metadata = (Map<String, Object>) tree.get("metadata");
    metadata.put("namespace", namespace);
    return m.withObject(tree);
  }
}
