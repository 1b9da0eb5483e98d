package dev.gitops.policy.rules;

import dev.gitops.policy.Rule;
import dev.gitops.policy.Severity;
import java.util.List;
import java.util.Map;

/** Rules on Services. */
public final class ServiceRules {
  /** Rule id {@value}. */
  public static final String NO_NODE_PORT = "no-node-port";
  /** Rule id {@value}. */
  public static final String NO_EXTERNAL_IPS = "no-external-ips";

  private ServiceRules() {}

  /** Services are not of type NodePort and do not pin node ports. */
  public static Rule noNodePort() {
    return Rule.of(NO_NODE_PORT, Severity.MEDIUM,
        "Services do not open ports on every node (type NodePort or an explicit nodePort)",
        (m, out) -> {
          if (!isService(m.kind(), m.apiVersion())) {
            return;
          }
          Map<String, Object> spec = Tree.map(m.object(), "spec");
          if (Tree.string(spec, "type").equals("NodePort")) {
            out.add("spec.type", "Service is of type NodePort");
          }
          List<Map<String, Object>> ports = Tree.maps(spec, "ports");
          for (int i = 0; i < ports.size(); i++) {
            if (Tree.number(ports.get(i), "nodePort") != 0) {
              out.add("spec.ports[" + i + "].nodePort",
                  "port " + i + " pins node port " + Tree.number(ports.get(i), "nodePort"));
            }
          }
        });
  }

  /** Services set no externalIPs (a Service can intercept traffic to any IP: CVE-2020-8554). */
  public static Rule noExternalIps() {
    return Rule.of(NO_EXTERNAL_IPS, Severity.HIGH, "Services set no externalIPs",
        (m, out) -> {
          if (isService(m.kind(), m.apiVersion())
              && !Tree.list(Tree.map(m.object(), "spec"), "externalIPs").isEmpty()) {
            out.add("spec.externalIPs", "Service sets externalIPs");
          }
        });
  }

  private static boolean isService(String kind, String apiVersion) {
    return kind.equals("Service") && apiVersion.equals("v1");
  }
}
