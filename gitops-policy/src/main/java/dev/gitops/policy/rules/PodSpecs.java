package dev.gitops.policy.rules;

import dev.gitops.model.Manifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the pod spec inside workload objects, one table for every kind: where a Pod, a workload's
 * pod template or a CronJob's job template keeps it.
 */
public final class PodSpecs {
  /** Path to the pod spec by kind (core and apps/batch kinds; groups are not compared). */
  private static final Map<String, List<String>> LOCATIONS = Map.of(
      "Pod", List.of("spec"),
      "Deployment", List.of("spec", "template", "spec"),
      "StatefulSet", List.of("spec", "template", "spec"),
      "DaemonSet", List.of("spec", "template", "spec"),
      "ReplicaSet", List.of("spec", "template", "spec"),
      "ReplicationController", List.of("spec", "template", "spec"),
      "Job", List.of("spec", "template", "spec"),
      "PodTemplate", List.of("template", "spec"),
      "CronJob", List.of("spec", "jobTemplate", "spec", "template", "spec"));

  /** The container lists of a pod spec, in the order rules report them. */
  static final List<String> CONTAINER_LISTS =
      List.of("containers", "initContainers", "ephemeralContainers");

  private PodSpecs() {}

  /** Whether objects of this kind carry a pod spec. */
  public static boolean hasPodSpec(String kind) {
    return LOCATIONS.containsKey(kind);
  }

  /** The object's pod spec, empty for kinds without one or when it is missing. */
  @SuppressWarnings("unchecked")
  public static Optional<PodSpec> of(Manifest object) {
    List<String> path = LOCATIONS.get(object.kind());
    if (path == null) {
      return Optional.empty();
    }
    // The pod's metadata sits beside its spec: the object's for a Pod, the template's otherwise.
    List<String> metadataPath = new java.util.ArrayList<>(path.subList(0, path.size() - 1));
    metadataPath.add("metadata");
    Map<String, Object> metadata = object.get(metadataPath.toArray(String[]::new))
        .filter(Map.class::isInstance).map(m -> (Map<String, Object>) m).orElse(Map.of());
    return object.get(path.toArray(String[]::new))
        .filter(Map.class::isInstance)
        .map(spec -> new PodSpec((Map<String, Object>) spec, String.join(".", path), metadata));
  }

  /**
   * A pod spec and its field path in the object.
   *
   * @param spec the pod spec
   * @param path its path, for example {@code spec.template.spec}
   * @param metadata the pod's metadata (the template's for workloads), empty if not set
   */
  public record PodSpec(Map<String, Object> spec, String path, Map<String, Object> metadata) {
    /** The pod's annotations (the template's for workloads). */
    public Map<String, Object> annotations() {
      return Tree.map(metadata, "annotations");
    }

    /** Path of a field of the pod's metadata, for example {@code spec.template.metadata.annotations}. */
    public String metadataPath(String field) {
      String prefix = path.substring(0, path.length() - "spec".length());
      return prefix + "metadata." + field;
    }

    /** Path of a field below the pod spec. */
    public String path(String field) {
      return path + "." + field;
    }

    /** The pod-level security context, empty if not set. */
    public Map<String, Object> securityContext() {
      return Tree.map(spec, "securityContext");
    }

    /** Containers, then init containers, then ephemeral containers. */
    public List<Container> allContainers() {
      List<Container> out = new ArrayList<>();
      for (String list : CONTAINER_LISTS) {
        out.addAll(containers(list));
      }
      return out;
    }

    /** The containers of one list ({@code containers}, {@code initContainers}, ...). */
    public List<Container> containers(String list) {
      List<Object> items = Tree.list(spec, list);
      List<Container> out = new ArrayList<>(items.size());
      for (int i = 0; i < items.size(); i++) {
        if (items.get(i) instanceof Map<?, ?> c) {
          @SuppressWarnings("unchecked")
          Map<String, Object> container = (Map<String, Object>) c;
          out.add(new Container(container, path + "." + list + "[" + i + "]", list));
        }
      }
      return out;
    }
  }

  /**
   * One container and its field path.
   *
   * @param spec the container
   * @param path for example {@code spec.template.spec.initContainers[0]}
   * @param list which list it is in: {@code containers}, {@code initContainers} or
   *     {@code ephemeralContainers}
   */
  public record Container(Map<String, Object> spec, String path, String list) {
    public String name() {
      return Tree.string(spec, "name");
    }

    public String image() {
      return Tree.string(spec, "image");
    }

    public Map<String, Object> securityContext() {
      return Tree.map(spec, "securityContext");
    }

    /** Path of a field below the container. */
    public String path(String field) {
      return path + "." + field;
    }

    /** How messages name it: {@code container app}, {@code init container setup}. */
    public String label() {
      return switch (list) {
        case "initContainers" -> "init container " + name();
        case "ephemeralContainers" -> "ephemeral container " + name();
        default -> "container " + name();
      };
    }
  }
}
