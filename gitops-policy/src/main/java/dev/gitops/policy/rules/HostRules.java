package dev.gitops.policy.rules;

import dev.gitops.policy.Rule;
import dev.gitops.policy.Severity;
import java.util.List;
import java.util.Map;

/** Rules that keep pods off the node's own resources (Pod Security Standards, baseline). */
public final class HostRules {
  /** Rule id {@value}. */
  public static final String NO_HOST_PATH = "no-host-path";
  /** Rule id {@value}. */
  public static final String NO_HOST_NAMESPACES = "no-host-namespaces";
  /** Rule id {@value}. */
  public static final String NO_HOST_PORTS = "no-host-ports";

  private static final List<String> HOST_NAMESPACES = List.of("hostNetwork", "hostPID", "hostIPC");

  private HostRules() {}

  /** Pods mount no hostPath volumes. */
  public static Rule noHostPath() {
    return Rule.of(NO_HOST_PATH, Severity.HIGH, "pods mount no hostPath volumes",
        (m, out) -> PodSpecs.of(m).ifPresent(pod -> {
          List<Map<String, Object>> volumes = Tree.maps(pod.spec(), "volumes");
          for (int i = 0; i < volumes.size(); i++) {
            Map<String, Object> v = volumes.get(i);
            if (v.containsKey("hostPath")) {
              out.add(pod.path("volumes[" + i + "].hostPath"), "volume " + Tree.string(v, "name")
                  + " mounts host path " + Tree.string(Tree.map(v, "hostPath"), "path"));
            }
          }
        }));
  }

  /** Pods share none of the node's network, PID or IPC namespaces. */
  public static Rule noHostNamespaces() {
    return Rule.of(NO_HOST_NAMESPACES, Severity.HIGH,
        "pods do not use the host's network, PID or IPC namespace",
        (m, out) -> PodSpecs.of(m).ifPresent(pod -> {
          for (String field : HOST_NAMESPACES) {
            if (Tree.isTrue(pod.spec(), field)) {
              out.add(pod.path(field), "pod sets " + field);
            }
          }
        }));
  }

  /** Containers bind no host ports. */
  public static Rule noHostPorts() {
    return Rule.of(NO_HOST_PORTS, Severity.HIGH, "containers bind no host ports",
        ContainerCheck.inAll((pod, c, out) -> {
          List<Map<String, Object>> ports = Tree.maps(c.spec(), "ports");
          for (int i = 0; i < ports.size(); i++) {
            long hostPort = Tree.number(ports.get(i), "hostPort");
            if (hostPort != 0) {
              out.add(c.path("ports[" + i + "].hostPort"),
                  c.label() + ": binds host port " + hostPort);
            }
          }
        }));
  }
}
