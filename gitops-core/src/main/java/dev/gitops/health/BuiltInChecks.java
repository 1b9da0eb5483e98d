package dev.gitops.health;

import static dev.gitops.health.StatusFields.condition;
import static dev.gitops.health.StatusFields.conditionTrue;
import static dev.gitops.health.StatusFields.conditions;
import static dev.gitops.health.StatusFields.generationBehind;
import static dev.gitops.health.StatusFields.hasItems;
import static dev.gitops.health.StatusFields.isTrue;
import static dev.gitops.health.StatusFields.number;
import static dev.gitops.health.StatusFields.string;
import static dev.gitops.health.StatusFields.workloadGenerationBehind;

import dev.gitops.cluster.LiveObject;
import dev.gitops.health.StatusFields.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The built-in rules per kind, and the generic conditions rule for every other kind. The facts
 * (which fields and conditions mean what) are those the Kubernetes controllers document and that
 * Argo CD and kstatus read; each rule is a pure function of the object. Package-private.
 */
final class BuiltInChecks {
  /** Container waiting reasons that will not clear without a change (image, config, crash loop). */
  private static final Set<String> FAILED_WAITING_REASONS = Set.of(
      "CrashLoopBackOff", "ImagePullBackOff", "ErrImagePull", "CreateContainerConfigError",
      "CreateContainerError", "InvalidImageName", "RunContainerError");

  private BuiltInChecks() {}

  /** The built-in rule per group and kind. */
  static Map<GroupKind, HealthCheck> all() {
    return Map.ofEntries(
        rule("apps", "Deployment", BuiltInChecks::deployment),
        rule("apps", "StatefulSet", BuiltInChecks::statefulSet),
        rule("apps", "DaemonSet", BuiltInChecks::daemonSet),
        rule("apps", "ReplicaSet", BuiltInChecks::replicaSet),
        rule("", "Pod", BuiltInChecks::pod),
        rule("batch", "Job", BuiltInChecks::job),
        rule("batch", "CronJob", BuiltInChecks::cronJob),
        rule("", "PersistentVolumeClaim", BuiltInChecks::persistentVolumeClaim),
        rule("", "Service", BuiltInChecks::service),
        rule("networking.k8s.io", "Ingress", BuiltInChecks::ingress),
        rule("apiextensions.k8s.io", "CustomResourceDefinition", BuiltInChecks::customResourceDefinition),
        rule("", "Namespace", BuiltInChecks::namespace),
        rule("apiregistration.k8s.io", "APIService", BuiltInChecks::apiService),
        rule("autoscaling", "HorizontalPodAutoscaler", BuiltInChecks::horizontalPodAutoscaler));
  }

  private static Map.Entry<GroupKind, HealthCheck> rule(String group, String kind, Function<LiveObject, Health> rule) {
    return Map.entry(new GroupKind(group, kind), o -> Optional.of(rule.apply(o)));
  }

  static Health deployment(LiveObject o) {
    if (isTrue(o, "spec", "paused")) {
      return Health.suspended("rollout is paused");
    }
    Optional<String> behind = workloadGenerationBehind(o);
    if (behind.isPresent()) {
      return Health.progressing(behind.get());
    }
    Optional<Condition> progressing = condition(o, "Progressing");
    if (progressing.isPresent() && "ProgressDeadlineExceeded".equals(progressing.get().reason())) {
      return Health.degraded("rollout exceeded its progress deadline: " + progressing.get().explain());
    }
    long replicas = number(o, 1, "spec", "replicas");
    long updated = number(o, 0, "status", "updatedReplicas");
    long total = number(o, 0, "status", "replicas");
    long available = number(o, 0, "status", "availableReplicas");
    if (updated < replicas) {
      return Health.progressing(updated + " of " + replicas + " replicas updated");
    }
    if (total > updated) {
      return Health.progressing((total - updated) + " old replicas pending termination");
    }
    if (available < updated) {
      return Health.progressing(available + " of " + updated + " updated replicas are available");
    }
    return Health.healthy();
  }

  // A StatefulSet has no failure state of its own: a pod that cannot start keeps it progressing.
  static Health statefulSet(LiveObject o) {
    if (number(o, "status", "observedGeneration").isEmpty()) {
      return Health.progressing("waiting for the controller to observe generation " + o.generation());
    }
    Optional<String> behind = workloadGenerationBehind(o);
    if (behind.isPresent()) {
      return Health.progressing(behind.get());
    }
    long replicas = number(o, 1, "spec", "replicas");
    long ready = number(o, 0, "status", "readyReplicas");
    if (ready < replicas) {
      return Health.progressing(ready + " of " + replicas + " pods ready");
    }
    if ("OnDelete".equals(string(o, "spec", "updateStrategy", "type"))) {
      // The controller replaces pods only when they are deleted: nothing to wait for.
      return Health.healthy(ready + " pods ready; pods are updated when deleted");
    }
    Optional<Long> partition = number(o, "spec", "updateStrategy", "rollingUpdate", "partition");
    long updated = number(o, 0, "status", "updatedReplicas");
    if (partition.isPresent()) {
      // Only pods with an ordinal at or above the partition are updated.
      long expected = Math.max(0, replicas - partition.get());
      return updated < expected
          ? Health.progressing(updated + " of " + expected + " pods above partition " + partition.get() + " updated")
          : Health.healthy("partitioned rollout complete: " + updated + " pods updated");
    }
    String current = string(o, "status", "currentRevision");
    String update = string(o, "status", "updateRevision");
    if (!current.equals(update)) {
      return Health.progressing(updated + " of " + replicas + " pods at revision " + update);
    }
    return Health.healthy();
  }

  // A DaemonSet has no failure state of its own either.
  static Health daemonSet(LiveObject o) {
    if (number(o, "status", "observedGeneration").isEmpty()) {
      return Health.progressing("waiting for the controller to observe generation " + o.generation());
    }
    Optional<String> behind = workloadGenerationBehind(o);
    if (behind.isPresent()) {
      return Health.progressing(behind.get());
    }
    long desired = number(o, 0, "status", "desiredNumberScheduled");
    long updated = number(o, 0, "status", "updatedNumberScheduled");
    long available = number(o, 0, "status", "numberAvailable");
    if ("OnDelete".equals(string(o, "spec", "updateStrategy", "type"))) {
      return Health.healthy(updated + " of " + desired + " pods updated; pods are updated when deleted");
    }
    if (updated < desired) {
      return Health.progressing(updated + " of " + desired + " pods updated");
    }
    if (available < desired) {
      return Health.progressing(available + " of " + desired + " updated pods are available");
    }
    return Health.healthy();
  }

  static Health replicaSet(LiveObject o) {
    Optional<String> behind = workloadGenerationBehind(o);
    if (behind.isPresent()) {
      return Health.progressing(behind.get());
    }
    Optional<Condition> failure = condition(o, "ReplicaFailure");
    if (failure.isPresent() && failure.get().isTrue()) {
      return Health.degraded("cannot create pods: " + failure.get().explain());
    }
    long replicas = number(o, 1, "spec", "replicas");
    long available = number(o, 0, "status", "availableReplicas");
    if (available < replicas) {
      return Health.progressing(available + " of " + replicas + " replicas available");
    }
    return Health.healthy();
  }

  static Health pod(LiveObject o) {
    String restartPolicy = string(o, "spec", "restartPolicy");
    boolean restartsAlways = restartPolicy.isEmpty() || "Always".equals(restartPolicy);
    if (restartsAlways) {
      // A pod that runs to completion (a hook, a job's pod) may recover from a waiting error by
      // itself finishing later; only long-running pods are failed by one.
      List<String> failures = new ArrayList<>();
      for (Map<?, ?> status : containerStatuses(o)) {
        if (status.get("state") instanceof Map<?, ?> state && state.get("waiting") instanceof Map<?, ?> waiting) {
          String reason = waiting.get("reason") instanceof String r ? r : "";
          if (isFailedWaitingReason(reason)) {
            String message = waiting.get("message") instanceof String m && !m.isEmpty() ? ": " + m : "";
            failures.add("container " + status.get("name") + " " + reason + message);
          }
        }
      }
      if (!failures.isEmpty()) {
        return Health.degraded(String.join("; ", failures));
      }
    }
    String phase = string(o, "status", "phase");
    String message = string(o, "status", "message");
    switch (phase) {
      case "Succeeded":
        return Health.healthy(message);
      case "Failed":
        return Health.degraded(message.isEmpty() ? failedContainer(o).orElse("pod failed") : message);
      case "Pending":
        return Health.progressing(message.isEmpty() ? "pod is pending" : message);
      case "Running":
        if (!restartsAlways) {
          // Runs to completion: running is on the way to Succeeded, not the goal.
          return Health.progressing(message.isEmpty() ? "pod is running" : message);
        }
        if (conditionTrue(o, "Ready")) {
          return Health.healthy(message);
        }
        for (Map<?, ?> status : containerStatuses(o)) {
          if (status.get("lastState") instanceof Map<?, ?> last && last.get("terminated") instanceof Map<?, ?>) {
            return Health.degraded("container " + status.get("name") + " restarted and is not ready");
          }
        }
        return Health.progressing("pod is running but not ready");
      default:
        return Health.unknown(message.isEmpty() ? "pod has no phase yet" : message);
    }
  }

  private static boolean isFailedWaitingReason(String reason) {
    return FAILED_WAITING_REASONS.contains(reason)
        || reason.startsWith("Err") || reason.endsWith("Error") || reason.endsWith("BackOff");
  }

  private static List<Map<?, ?>> containerStatuses(LiveObject o) {
    List<Map<?, ?>> out = new ArrayList<>();
    for (String field : List.of("initContainerStatuses", "containerStatuses")) {
      if (o.get("status", field).orElse(null) instanceof List<?> list) {
        list.stream().filter(Map.class::isInstance).forEach(m -> out.add((Map<?, ?>) m));
      }
    }
    return out;
  }

  private static Optional<String> failedContainer(LiveObject o) {
    for (Map<?, ?> status : containerStatuses(o)) {
      if (status.get("state") instanceof Map<?, ?> state && state.get("terminated") instanceof Map<?, ?> t) {
        if (t.get("message") instanceof String m && !m.isEmpty()) {
          return Optional.of(m);
        }
        if ("OOMKilled".equals(t.get("reason"))) {
          return Optional.of("container " + status.get("name") + " was OOMKilled");
        }
        if (t.get("exitCode") instanceof Number code && code.intValue() != 0) {
          return Optional.of("container " + status.get("name") + " failed with exit code " + code);
        }
      }
    }
    return Optional.empty();
  }

  static Health job(LiveObject o) {
    Optional<Condition> failed = condition(o, "Failed");
    if (failed.isPresent() && failed.get().isTrue()) {
      return Health.degraded("job failed: " + failed.get().explain());
    }
    if (conditionTrue(o, "Complete")) {
      return Health.healthy(condition(o, "Complete").map(Condition::message).orElse(""));
    }
    if (isTrue(o, "spec", "suspend") || conditionTrue(o, "Suspended")) {
      return Health.suspended("job is suspended");
    }
    return Health.progressing(number(o, 0, "status", "active") + " pods active, "
        + number(o, 0, "status", "succeeded") + " succeeded");
  }

  // A CronJob cannot be degraded on its own: a failing run shows on that run's Job.
  static Health cronJob(LiveObject o) {
    if (isTrue(o, "spec", "suspend")) {
      return Health.suspended("cron job is suspended");
    }
    String last = string(o, "status", "lastScheduleTime");
    return Health.healthy(last.isEmpty() ? "not scheduled yet" : "last scheduled at " + last);
  }

  static Health persistentVolumeClaim(LiveObject o) {
    String phase = string(o, "status", "phase");
    return switch (phase) {
      case "Bound" -> Health.healthy();
      case "Lost" -> Health.degraded("claim lost its volume " + string(o, "spec", "volumeName"));
      case "Pending" -> Health.progressing("waiting for a volume to be bound");
      default -> Health.unknown(phase.isEmpty() ? "claim has no phase yet" : "claim is in phase " + phase);
    };
  }

  // A Service cannot be degraded: a load balancer that never comes leaves it progressing.
  static Health service(LiveObject o) {
    if ("LoadBalancer".equals(string(o, "spec", "type")) && !hasItems(o, "status", "loadBalancer", "ingress")) {
      return Health.progressing("waiting for a load balancer address");
    }
    return Health.healthy();
  }

  // An Ingress cannot be degraded either.
  static Health ingress(LiveObject o) {
    return hasItems(o, "status", "loadBalancer", "ingress")
        ? Health.healthy()
        : Health.progressing("waiting for a load balancer address");
  }

  static Health customResourceDefinition(LiveObject o) {
    Optional<Condition> names = condition(o, "NamesAccepted");
    if (names.isPresent() && "False".equals(names.get().status())) {
      return Health.degraded("names not accepted: " + names.get().explain());
    }
    Optional<Condition> nonStructural = condition(o, "NonStructuralSchema");
    if (nonStructural.isPresent() && nonStructural.get().isTrue()) {
      return Health.degraded("schema is not structural: " + nonStructural.get().explain());
    }
    if (conditionTrue(o, "Established")) {
      return Health.healthy();
    }
    return Health.progressing("waiting for the definition to be established");
  }

  // A Namespace cannot be degraded: it is either there or on its way out.
  static Health namespace(LiveObject o) {
    return "Terminating".equals(string(o, "status", "phase"))
        ? Health.progressing("namespace is terminating")
        : Health.healthy();
  }

  // An unavailable APIService is progressing, not degraded: its backing service may still come up.
  static Health apiService(LiveObject o) {
    Optional<Condition> available = condition(o, "Available");
    if (available.isEmpty()) {
      return Health.progressing("waiting for the API service to be checked");
    }
    return available.get().isTrue()
        ? Health.healthy(available.get().explain())
        : Health.progressing("API service not available: " + available.get().explain());
  }

  /** Condition type and reason pairs that say the autoscaler cannot work. */
  private static final Set<List<String>> AUTOSCALER_FAILURES = Set.of(
      List.of("AbleToScale", "FailedGetScale"),
      List.of("AbleToScale", "FailedUpdateScale"),
      List.of("ScalingActive", "FailedGetResourceMetric"),
      List.of("ScalingActive", "InvalidSelector"));

  static Health horizontalPodAutoscaler(LiveObject o) {
    List<Condition> all = conditions(o).stream().map(Condition::of).toList();
    // Any failure wins over a healthy condition listed before it.
    for (Condition c : all) {
      if (AUTOSCALER_FAILURES.contains(List.of(c.type(), c.reason()))) {
        return Health.degraded(c.explain());
      }
    }
    for (Condition c : all) {
      if (c.isTrue() && (c.type().equals("AbleToScale") || c.type().equals("ScalingLimited"))) {
        return Health.healthy(c.message());
      }
    }
    return Health.progressing("waiting to autoscale");
  }

  /**
   * The generic rule for every kind without a rule of its own, as kstatus reads custom
   * resources: a controller behind the spec, then the Stalled, Reconciling and Ready conditions.
   * A kind without status or conditions (a ConfigMap) has nothing to wait for.
   */
  static Health generic(LiveObject o) {
    Optional<String> behind = generationBehind(o);
    if (behind.isPresent()) {
      return Health.progressing(behind.get());
    }
    Optional<Condition> stalled = condition(o, "Stalled");
    if (stalled.isPresent() && stalled.get().isTrue()) {
      return Health.degraded("stalled: " + stalled.get().explain());
    }
    Optional<Condition> reconciling = condition(o, "Reconciling");
    if (reconciling.isPresent() && reconciling.get().isTrue()) {
      return Health.progressing("reconciling: " + reconciling.get().explain());
    }
    Optional<Condition> ready = condition(o, "Ready");
    if (ready.isPresent() && !ready.get().isTrue()) {
      return Health.progressing("not ready: " + ready.get().explain());
    }
    return ready.map(c -> Health.healthy(c.message())).orElseGet(Health::healthy);
  }

  /** A group and kind, the key of the rules. */
  record GroupKind(String group, String kind) {}
}
