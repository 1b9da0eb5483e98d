package dev.gitops.k8s;

import dev.gitops.cluster.LiveObject;
import dev.gitops.cluster.ResourceType;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.LinkedHashMap;
import java.util.Map;

/** Conversions between fabric8's generic resources, JSON and the SPI's object trees. */
final class Trees {
  private final KubernetesSerialization serialization;

  Trees(KubernetesSerialization serialization) {
    this.serialization = serialization;
  }

  /**
   * A live object from a generic resource. Items of a list response carry no apiVersion and kind;
   * they are taken from the type that was listed.
   */
  LiveObject live(GenericKubernetesResource resource, ResourceType type) {
    Map<String, Object> tree = map(resource);
    if (tree.get("apiVersion") == null || tree.get("kind") == null) {
      Map<String, Object> withType = new LinkedHashMap<>();
      withType.put("apiVersion", type.apiVersion());
      withType.put("kind", type.kind());
      tree.forEach(withType::putIfAbsent);
      tree = withType;
    }
    return LiveObject.of(tree);
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> map(Object value) {
    return serialization.convertValue(value, Map.class);
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> parse(String json) {
    return serialization.unmarshal(json, Map.class);
  }

  String json(Object value) {
    return serialization.asJson(value);
  }
}
