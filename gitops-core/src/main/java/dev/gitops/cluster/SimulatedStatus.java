package dev.gitops.cluster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The status {@link ControllerSimulator} writes per kind: what the built-in controllers and the
 * kubelet report once everything has gone well. Timestamps already in the live status are kept, so
 * that a status computed again for the same object is the same status. Package-private.
 */
final class SimulatedStatus {
  private SimulatedStatus() {}

  /** The status to write, or null when the simulator has nothing to say about the object. */
  static Map<String, Object> of(LiveObject live, String now) {
    Map<?, ?> old = live.get("status").orElse(Map.of()) instanceof Map<?, ?> m ? m : Map.of();
    return switch (live.key().group() + "/" + live.key().kind()) {
      case "apps/Deployment" -> deployment(live, old, now);
      case "apps/StatefulSet" -> statefulSet(live);
      case "apps/DaemonSet" -> daemonSet(live);
      case "apps/ReplicaSet" -> replicaSet(live);
      case "batch/Job" -> job(live, old, now);
      case "/Pod" -> pod(live, old, now);
      case "/PersistentVolumeClaim" -> claim(live);
      case "/Service" -> service(live);
      default -> null;
    };
  }

  /**
   * Whether the live status already says everything {@code desired} says. Absent numbers count as
   * zero (the API server drops zero counts), and live fields the simulator does not write (added
   * by the server, such as a Pod's qosClass) do not matter.
   */
  static boolean satisfiedBy(Object desired, Object live) {
    if (desired instanceof Map<?, ?> d) {
      Map<?, ?> l = live instanceof Map<?, ?> m ? m : Map.of();
      for (Map.Entry<?, ?> e : d.entrySet()) {
        Object lv = l.get(e.getKey());
        boolean zero = e.getValue() instanceof Number n && n.longValue() == 0;
        if (!(lv == null && zero) && !satisfiedBy(e.getValue(), lv)) {
          return false;
        }
      }
      return true;
    }
    if (desired instanceof List<?> d) {
      if (!(live instanceof List<?> l) || l.size() != d.size()) {
        return false;
      }
      for (int i = 0; i < d.size(); i++) {
        if (!satisfiedBy(d.get(i), l.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (desired instanceof Number d && live instanceof Number l) {
      return d.longValue() == l.longValue();
    }
    return Objects.equals(desired, live);
  }

  private static Map<String, Object> deployment(LiveObject live, Map<?, ?> old, String now) {
    long replicas = replicas(live);
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("observedGeneration", live.generation());
    s.put("replicas", replicas);
    s.put("updatedReplicas", replicas);
    s.put("readyReplicas", replicas);
    s.put("availableReplicas", replicas);
    String replicaSet = live.key().name() + "-" + templateHash(live);
    s.put("conditions", List.of(
        condition(old, now, "lastUpdateTime", "Available", "True", "MinimumReplicasAvailable",
            "Deployment has minimum availability."),
        condition(old, now, "lastUpdateTime", "Progressing", "True", "NewReplicaSetAvailable",
            "ReplicaSet \"" + replicaSet + "\" has successfully progressed.")));
    return s;
  }

  private static Map<String, Object> statefulSet(LiveObject live) {
    long replicas = replicas(live);
    String revision = live.key().name() + "-" + templateHash(live);
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("observedGeneration", live.generation());
    s.put("replicas", replicas);
    s.put("readyReplicas", replicas);
    s.put("currentReplicas", replicas);
    s.put("updatedReplicas", replicas);
    s.put("availableReplicas", replicas);
    s.put("currentRevision", revision);
    s.put("updateRevision", revision);
    return s;
  }

  /** As on a cluster of one node. */
  private static Map<String, Object> daemonSet(LiveObject live) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("observedGeneration", live.generation());
    s.put("desiredNumberScheduled", 1L);
    s.put("currentNumberScheduled", 1L);
    s.put("updatedNumberScheduled", 1L);
    s.put("numberReady", 1L);
    s.put("numberAvailable", 1L);
    s.put("numberMisscheduled", 0L);
    return s;
  }

  private static Map<String, Object> replicaSet(LiveObject live) {
    long replicas = replicas(live);
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("observedGeneration", live.generation());
    s.put("replicas", replicas);
    s.put("fullyLabeledReplicas", replicas);
    s.put("readyReplicas", replicas);
    s.put("availableReplicas", replicas);
    return s;
  }

  /**
   * A finished Job. The API server accepts Complete only after SuccessCriteriaMet and Failed only
   * after FailureTarget, and a completion time only with Complete.
   */
  private static Map<String, Object> job(LiveObject live, Map<?, ?> old, String now) {
    if (Boolean.TRUE.equals(live.get("spec", "suspend").orElse(null))) {
      return null; // a suspended Job runs nothing
    }
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("startTime", old.get("startTime") instanceof String t ? t : now);
    if ("fail".equals(live.get("metadata", "annotations", ControllerSimulator.OUTCOME_ANNOTATION).orElse(null))) {
      long backoffLimit = live.get("spec", "backoffLimit").orElse(6L) instanceof Number n ? n.longValue() : 6L;
      String message = "Job has reached the specified backoff limit";
      s.put("failed", backoffLimit + 1);
      s.put("conditions", List.of(
          condition(old, now, "lastProbeTime", "FailureTarget", "True", "BackoffLimitExceeded", message),
          condition(old, now, "lastProbeTime", "Failed", "True", "BackoffLimitExceeded", message)));
      return s;
    }
    long completions = live.get("spec", "completions").orElse(1L) instanceof Number n ? n.longValue() : 1L;
    String message = "Reached expected number of succeeded pods";
    s.put("completionTime", old.get("completionTime") instanceof String t ? t : now);
    s.put("succeeded", completions);
    s.put("conditions", List.of(
        condition(old, now, "lastProbeTime", "SuccessCriteriaMet", "True", "CompletionsReached", message),
        condition(old, now, "lastProbeTime", "Complete", "True", "CompletionsReached", message)));
    return s;
  }

  /** Running and Ready; Succeeded when its containers are not restarted after they exit. */
  private static Map<String, Object> pod(LiveObject live, Map<?, ?> old, String now) {
    String restart = live.get("spec", "restartPolicy").orElse("Always") instanceof String r ? r : "Always";
    boolean runsToCompletion = restart.equals("Never") || restart.equals("OnFailure");
    String started = old.get("startTime") instanceof String t ? t : now;
    List<Object> containers = new ArrayList<>();
    if (live.get("spec", "containers").orElse(List.of()) instanceof List<?> l) {
      for (Object o : l) {
        Map<?, ?> c = o instanceof Map<?, ?> m ? m : Map.of();
        Map<String, Object> st = new LinkedHashMap<>();
        st.put("name", c.get("name"));
        st.put("image", c.get("image"));
        st.put("imageID", "");
        st.put("ready", !runsToCompletion);
        st.put("started", !runsToCompletion);
        st.put("restartCount", 0L);
        Map<String, Object> state = new LinkedHashMap<>();
        if (runsToCompletion) {
          Map<String, Object> terminated = new LinkedHashMap<>();
          terminated.put("exitCode", 0L);
          terminated.put("reason", "Completed");
          terminated.put("startedAt", started);
          terminated.put("finishedAt", started);
          state.put("terminated", terminated);
        } else {
          state.put("running", new LinkedHashMap<>(Map.of("startedAt", started)));
        }
        st.put("state", state);
        containers.add(st);
      }
    }
    String ready = runsToCompletion ? "False" : "True";
    String reason = runsToCompletion ? "PodCompleted" : null;
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("phase", runsToCompletion ? "Succeeded" : "Running");
    s.put("conditions", List.of(
        condition(old, now, null, "PodScheduled", "True", null, null),
        condition(old, now, null, "Initialized", "True", null, null),
        condition(old, now, null, "ContainersReady", ready, reason, null),
        condition(old, now, null, "Ready", ready, reason, null)));
    s.put("startTime", started);
    s.put("containerStatuses", containers);
    return s;
  }

  private static Map<String, Object> claim(LiveObject live) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("phase", "Bound");
    live.get("spec", "accessModes").ifPresent(modes -> s.put("accessModes", Trees.copy(modes)));
    live.get("spec", "resources", "requests", "storage")
        .ifPresent(size -> s.put("capacity", new LinkedHashMap<>(Map.of("storage", size))));
    return s;
  }

  private static Map<String, Object> service(LiveObject live) {
    if (!"LoadBalancer".equals(live.get("spec", "type").orElse(null))) {
      return null;
    }
    Map<String, Object> ingress = new LinkedHashMap<>();
    ingress.put("ip", ControllerSimulator.LOAD_BALANCER_IP);
    ingress.put("ipMode", "VIP"); // what the API server fills in when the load balancer gives none
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("loadBalancer", new LinkedHashMap<>(Map.of("ingress", List.of(ingress))));
    return s;
  }

  private static long replicas(LiveObject live) {
    return live.get("spec", "replicas").orElse(1L) instanceof Number n ? n.longValue() : 1L;
  }

  /** A stable stand-in for the pod-template-hash of the template (controllers name revisions with it). */
  private static String templateHash(LiveObject live) {
    String json = Json.write(live.get("spec", "template").orElse(Map.of()));
    return Long.toString(Integer.toUnsignedLong(json.hashCode()), 36);
  }

  /**
   * A condition; its times are taken from the live condition of the same type and status, so that
   * they only move on a transition.
   *
   * @param timeField the kind's second condition time, {@code lastUpdateTime} (apps) or {@code
   *     lastProbeTime} (Jobs); null for none (Pods, whose kubelet leaves lastProbeTime null)
   */
  private static Map<String, Object> condition(Map<?, ?> old, String now, String timeField, String type,
      String status, String reason, String message) {
    Map<?, ?> previous = Map.of();
    if (old.get("conditions") instanceof List<?> l) {
      for (Object o : l) {
        if (o instanceof Map<?, ?> m && type.equals(m.get("type")) && status.equals(m.get("status"))) {
          previous = m;
        }
      }
    }
    String since = previous.get("lastTransitionTime") instanceof String t ? t : now;
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("type", type);
    c.put("status", status);
    if (timeField != null) {
      c.put(timeField, previous.get(timeField) instanceof String t ? t : now);
    }
    c.put("lastTransitionTime", since);
    if (reason != null) {
      c.put("reason", reason);
    }
    if (message != null) {
      c.put("message", message);
    }
    return c;
  }
}
