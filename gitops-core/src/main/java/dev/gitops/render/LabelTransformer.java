package dev.gitops.render;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kustomize's commonLabels, labels and commonAnnotations: where each puts its pairs (metadata,
 * selectors, pod and job templates), as in Kustomize's default field specs; package-private.
 */
final class LabelTransformer {
  private static final String POD_AFFINITY = "spec/template/spec/affinity/";
  private static final List<String> AFFINITY_SELECTORS = List.of(
      POD_AFFINITY + "podAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels",
      POD_AFFINITY + "podAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels",
      POD_AFFINITY + "podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels",
      POD_AFFINITY + "podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels",
      "spec/template/spec/topologySpreadConstraints/labelSelector/matchLabels");

  /** Metadata and template labels: where labels go without selectors. */
  static final List<FieldSpec> TEMPLATE_LABELS = List.of(
      FieldSpec.any("metadata/labels", true),
      new FieldSpec("", "v1", "ReplicationController", "spec/template/metadata/labels", true),
      FieldSpec.of("", "Deployment", "spec/template/metadata/labels", true),
      FieldSpec.of("", "ReplicaSet", "spec/template/metadata/labels", true),
      FieldSpec.of("", "DaemonSet", "spec/template/metadata/labels", true),
      FieldSpec.of("apps", "StatefulSet", "spec/template/metadata/labels", true),
      FieldSpec.of("apps", "StatefulSet", "spec/volumeClaimTemplates[]/metadata/labels", true),
      FieldSpec.of("batch", "Job", "spec/template/metadata/labels", true),
      FieldSpec.of("batch", "CronJob", "spec/jobTemplate/metadata/labels", true),
      FieldSpec.of("batch", "CronJob", "spec/jobTemplate/spec/template/metadata/labels", true));

  /** Everything commonLabels touches: templates plus selectors. */
  static final List<FieldSpec> COMMON_LABELS = commonLabels();

  static final List<FieldSpec> COMMON_ANNOTATIONS = List.of(
      FieldSpec.any("metadata/annotations", true),
      new FieldSpec("", "v1", "ReplicationController", "spec/template/metadata/annotations", true),
      FieldSpec.of("", "Deployment", "spec/template/metadata/annotations", true),
      FieldSpec.of("", "ReplicaSet", "spec/template/metadata/annotations", true),
      FieldSpec.of("", "DaemonSet", "spec/template/metadata/annotations", true),
      FieldSpec.of("", "StatefulSet", "spec/template/metadata/annotations", true),
      FieldSpec.of("batch", "Job", "spec/template/metadata/annotations", true),
      FieldSpec.of("batch", "CronJob", "spec/jobTemplate/metadata/annotations", true),
      FieldSpec.of("batch", "CronJob", "spec/jobTemplate/spec/template/metadata/annotations", true));

  private LabelTransformer() {}

  private static List<FieldSpec> commonLabels() {
    List<FieldSpec> out = new ArrayList<>();
    out.add(new FieldSpec("", "v1", "Service", "spec/selector", true));
    out.add(new FieldSpec("", "v1", "ReplicationController", "spec/selector", true));
    out.add(FieldSpec.of("", "Deployment", "spec/selector/matchLabels", true));
    AFFINITY_SELECTORS.forEach(p -> out.add(FieldSpec.of("apps", "Deployment", p, false)));
    out.add(FieldSpec.of("", "ReplicaSet", "spec/selector/matchLabels", true));
    out.add(FieldSpec.of("", "DaemonSet", "spec/selector/matchLabels", true));
    out.add(FieldSpec.of("apps", "StatefulSet", "spec/selector/matchLabels", true));
    AFFINITY_SELECTORS.forEach(p -> out.add(FieldSpec.of("apps", "StatefulSet", p, false)));
    out.add(FieldSpec.of("batch", "Job", "spec/selector/matchLabels", false));
    out.add(FieldSpec.of("batch", "CronJob", "spec/jobTemplate/spec/selector/matchLabels", false));
    out.add(FieldSpec.of("policy", "PodDisruptionBudget", "spec/selector/matchLabels", false));
    out.add(FieldSpec.of("networking.k8s.io", "NetworkPolicy", "spec/podSelector/matchLabels", false));
    out.add(FieldSpec.of("networking.k8s.io", "NetworkPolicy", "spec/ingress/from/podSelector/matchLabels", false));
    out.add(FieldSpec.of("networking.k8s.io", "NetworkPolicy", "spec/egress/to/podSelector/matchLabels", false));
    out.addAll(TEMPLATE_LABELS);
    return List.copyOf(out);
  }

  /** Runs a kustomization's labels entries, then its commonLabels, then commonAnnotations. */
  static void run(Kustomization k, List<KObject> objects, TransformerConfig config) {
    List<FieldSpec> commonLabels = new ArrayList<>(COMMON_LABELS);
    commonLabels.addAll(config.commonLabels);
    List<FieldSpec> commonAnnotations = new ArrayList<>(COMMON_ANNOTATIONS);
    commonAnnotations.addAll(config.commonAnnotations);
    for (Map<String, Object> entry : k.maps("labels")) {
      Map<String, String> pairs = k.stringMap(entry.get("pairs"), "labels.pairs");
      List<FieldSpec> specs = new ArrayList<>(customFields(k, entry.get("fields")));
      if (Boolean.TRUE.equals(entry.get("includeSelectors"))) {
        specs.addAll(commonLabels);
      } else {
        if (Boolean.TRUE.equals(entry.get("includeTemplates"))) {
          specs.addAll(TEMPLATE_LABELS);
        }
        specs.add(FieldSpec.any("metadata/labels", true));
      }
      apply(objects, pairs, specs);
    }
    apply(objects, k.stringMap(k.fields().get("commonLabels"), "commonLabels"), commonLabels);
    apply(objects, k.stringMap(k.fields().get("commonAnnotations"), "commonAnnotations"),
        commonAnnotations);
  }

  private static List<FieldSpec> customFields(Kustomization k, Object fields) {
    if (fields == null) {
      return List.of();
    }
    List<FieldSpec> out = new ArrayList<>();
    if (!(fields instanceof List<?> l)) {
      throw new KustomizeException(k.file(), "labels.fields must be a list");
    }
    for (Object o : l) {
      Map<String, Object> m = k.asMap(o, "labels.fields");
      out.add(new FieldSpec(str(m.get("group")), str(m.get("version")), str(m.get("kind")),
          str(m.get("path")), Boolean.TRUE.equals(m.get("create"))));
    }
    return out;
  }

  private static String str(Object o) {
    return o == null ? "" : String.valueOf(o);
  }

  @SuppressWarnings("unchecked")
  static void apply(List<KObject> objects, Map<String, String> pairs, List<FieldSpec> specs) {
    if (pairs.isEmpty()) {
      return;
    }
    for (KObject o : objects) {
      for (FieldSpec spec : specs) {
        spec.apply(o, current -> {
          Map<String, Object> m = current instanceof Map<?, ?> cm
              ? (Map<String, Object>) cm : new LinkedHashMap<>();
          m.putAll(pairs);
          return m;
        });
      }
    }
  }
}
