package dev.gitops.cluster;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a kube-apiserver's create and update strategies do to some built-in kinds beyond defaults
 * ({@link BuiltInDefaults}), as the in-memory cluster mimics them: a Secret's {@code stringData}
 * merged into {@code data}; a Service's cluster IP, IP families and node ports allocated; a Job's
 * selector and pod labels generated from its uid; a DaemonSet's template generation annotation; a
 * Pod's not-ready and unreachable tolerations. Values the server allocates differ between servers
 * by nature; their shape is the same. One per cluster (allocations are per cluster); thread-safe.
 */
final class ServerStrategies {
  static final String TEMPLATE_GENERATION = "deprecated.daemonset.template.generation";
  private static final String CONTROLLER_UID = "batch.kubernetes.io/controller-uid";
  private static final String JOB_NAME = "batch.kubernetes.io/job-name";

  private final AtomicInteger nextIp = new AtomicInteger(10);
  private final AtomicInteger nextNodePort = new AtomicInteger(30000);

  /**
   * Applies the strategies of the object's kind to {@code next}, the object about to be stored.
   *
   * @param live the stored object before this write; null when it is created
   */
  void apply(String group, String kind, Map<String, Object> next, Map<String, Object> live) {
    String gk = group + "/" + kind;
    switch (gk) {
      case "/Secret" -> mergeStringData(next);
      case "/Service" -> allocate(next);
      case "batch/Job" -> {
        if (live == null) {
          generateSelector(next);
        }
      }
      case "apps/DaemonSet" -> templateGeneration(next, live);
      case "/Pod" -> {
        if (live == null) {
          defaultTolerations(next);
        }
      }
      default -> { }
    }
  }

  private static void mergeStringData(Map<String, Object> secret) {
    if (!(secret.remove("stringData") instanceof Map<?, ?> stringData) || stringData.isEmpty()) {
      return;
    }
    Map<String, Object> data = Trees.child(secret, "data");
    stringData.forEach((k, v) -> data.put(String.valueOf(k),
        Base64.getEncoder().encodeToString(String.valueOf(v).getBytes(StandardCharsets.UTF_8))));
  }

  private void allocate(Map<String, Object> service) {
    Map<String, Object> spec = Trees.child(service, "spec");
    Object type = spec.get("type");
    if ("ExternalName".equals(type)) {
      return;
    }
    if (!spec.containsKey("clusterIP")) {
      int n = nextIp.getAndIncrement();
      spec.put("clusterIP", "10.96." + (n / 250) % 250 + "." + (n % 250 + 1));
    }
    spec.putIfAbsent("clusterIPs", new ArrayList<>(List.of(spec.get("clusterIP"))));
    spec.putIfAbsent("ipFamilies", new ArrayList<>(List.of("IPv4")));
    spec.putIfAbsent("ipFamilyPolicy", "SingleStack");
    if (("NodePort".equals(type) || "LoadBalancer".equals(type)) && spec.get("ports") instanceof List<?> ports) {
      for (Object p : ports) {
        if (p instanceof Map<?, ?> port && !port.containsKey("nodePort")) {
          @SuppressWarnings("unchecked")
          Map<String, Object> m = (Map<String, Object>) port;
          m.put("nodePort", (long) (30000 + (nextNodePort.getAndIncrement() - 30000) % 2768));
        }
      }
    }
  }

  /** Without {@code manualSelector: true}, the server selects the Job's pods by its uid. */
  private static void generateSelector(Map<String, Object> job) {
    Map<String, Object> spec = Trees.child(job, "spec");
    if (Boolean.TRUE.equals(spec.get("manualSelector"))) {
      return;
    }
    Map<String, Object> meta = Trees.child(job, "metadata");
    String uid = String.valueOf(meta.get("uid"));
    String name = String.valueOf(meta.get("name"));
    spec.put("manualSelector", false);
    Map<String, Object> matchLabels = new LinkedHashMap<>();
    matchLabels.put(CONTROLLER_UID, uid);
    Map<String, Object> selector = new LinkedHashMap<>();
    selector.put("matchLabels", matchLabels);
    spec.put("selector", selector);
    Map<String, Object> labels = Trees.child(Trees.child(Trees.child(spec, "template"), "metadata"), "labels");
    labels.put(CONTROLLER_UID, uid);
    labels.put(JOB_NAME, name);
    labels.put("controller-uid", uid);
    labels.put("job-name", name);
    if (!(meta.get("labels") instanceof Map<?, ?> own) || own.isEmpty()) {
      meta.put("labels", Trees.copy(labels));
    }
  }

  private static void templateGeneration(Map<String, Object> daemonSet, Map<String, Object> live) {
    Map<String, Object> annotations = Trees.child(Trees.child(daemonSet, "metadata"), "annotations");
    long generation = 1;
    if (live != null) {
      Object before = Trees.mapAt(live, "metadata", "annotations").get(TEMPLATE_GENERATION);
      generation = before instanceof String s && s.matches("[0-9]{1,18}") ? Long.parseLong(s) : 1;
      if (!Objects.equals(Trees.mapAt(live, "spec").get("template"), Trees.mapAt(daemonSet, "spec").get("template"))) {
        generation++;
      }
    }
    annotations.put(TEMPLATE_GENERATION, Long.toString(generation));
  }

  /** As the DefaultTolerationSeconds admission plugin: 300 s on not-ready and unreachable nodes. */
  private static void defaultTolerations(Map<String, Object> pod) {
    Map<String, Object> spec = Trees.child(pod, "spec");
    List<Object> tolerations = spec.get("tolerations") instanceof List<?> l ? new ArrayList<>(l) : new ArrayList<>();
    for (String taint : List.of("node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable")) {
      boolean tolerated = tolerations.stream().anyMatch(t -> t instanceof Map<?, ?> m
          && (taint.equals(m.get("key")) || (m.get("key") == null && "Exists".equals(m.get("operator"))))
          && (m.get("effect") == null || "NoExecute".equals(m.get("effect"))));
      if (!tolerated) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("key", taint);
        t.put("operator", "Exists");
        t.put("effect", "NoExecute");
        t.put("tolerationSeconds", 300L);
        tolerations.add(t);
      }
    }
    spec.put("tolerations", tolerations);
  }
}
