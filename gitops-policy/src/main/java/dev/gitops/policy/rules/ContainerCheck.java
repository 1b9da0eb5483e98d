package dev.gitops.policy.rules;

import dev.gitops.policy.Check;
import dev.gitops.policy.Violations;
import dev.gitops.policy.rules.PodSpecs.Container;
import dev.gitops.policy.rules.PodSpecs.PodSpec;
import java.util.Set;

/** A check of one container in its pod; {@link #inAll} and {@link #in} make it a {@link Check}. */
@FunctionalInterface
interface ContainerCheck {
  void check(PodSpec pod, Container container, Violations out);

  /** Runs on every container of every pod-bearing object, ephemeral and init ones included. */
  static Check inAll(ContainerCheck check) {
    return (m, out) -> PodSpecs.of(m).ifPresent(
        pod -> pod.allContainers().forEach(c -> check.check(pod, c, out)));
  }

  /** Runs on the containers of the given lists only. */
  static Check in(Set<String> lists, ContainerCheck check) {
    return (m, out) -> PodSpecs.of(m).ifPresent(pod -> {
      for (String list : PodSpecs.CONTAINER_LISTS) {
        if (lists.contains(list)) {
          pod.containers(list).forEach(c -> check.check(pod, c, out));
        }
      }
    });
  }
}
