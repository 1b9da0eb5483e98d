package dev.gitops.policy.rules;

import dev.gitops.policy.Rule;
import dev.gitops.policy.Severity;
import dev.gitops.policy.rules.PodSpecs.Container;
import dev.gitops.policy.rules.PodSpecs.PodSpec;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rules on pod and container security contexts. Where a field exists at both levels the
 * container's value wins, as in Kubernetes; verdicts point at the container's field.
 */
public final class SecurityContextRules {
  /** Rule id {@value}. */
  public static final String NO_PRIVILEGED = "no-privileged";
  /** Rule id {@value}. */
  public static final String RUN_AS_NON_ROOT = "run-as-non-root";
  /** Rule id {@value}. */
  public static final String NO_PRIVILEGE_ESCALATION = "no-privilege-escalation";
  /** Rule id {@value}. */
  public static final String DROP_ALL_CAPABILITIES = "drop-all-capabilities";
  /** Rule id {@value}. */
  public static final String BASELINE_CAPABILITIES = "baseline-capabilities";
  /** Rule id {@value}. */
  public static final String SECCOMP_PROFILE = "seccomp-profile";
  /** Rule id {@value}. */
  public static final String NO_UNCONFINED_SECCOMP = "no-unconfined-seccomp";
  /** Rule id {@value}. */
  public static final String READ_ONLY_ROOT_FILESYSTEM = "read-only-root-filesystem";
  /** Rule id {@value}. */
  public static final String DEFAULT_PROC_MOUNT = "default-proc-mount";
  /** Rule id {@value}. */
  public static final String NO_HOST_PROCESS = "no-host-process";
  /** Rule id {@value}. */
  public static final String RESTRICTED_VOLUME_TYPES = "restricted-volume-types";
  /** Rule id {@value}. */
  public static final String NO_UNCONFINED_APPARMOR = "no-unconfined-apparmor";
  /** Rule id {@value}. */
  public static final String SELINUX_OPTIONS = "selinux-options";
  /** Rule id {@value}. */
  public static final String SAFE_SYSCTLS = "safe-sysctls";

  /** SELinux types the baseline level allows (besides none). */
  public static final Set<String> BASELINE_SELINUX_TYPES =
      Set.of("container_t", "container_init_t", "container_kvm_t", "container_engine_t");

  /** Sysctls the baseline level allows pods to set. */
  public static final Set<String> SAFE_SYSCTL_NAMES = Set.of("kernel.shm_rmid_forced",
      "net.ipv4.ip_local_port_range", "net.ipv4.ip_unprivileged_port_start",
      "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range", "net.ipv4.ip_local_reserved_ports",
      "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_keepalive_intvl",
      "net.ipv4.tcp_keepalive_probes");

  private static final String APPARMOR_ANNOTATION = "container.apparmor.security.beta.kubernetes.io/";

  /** Capabilities the Pod Security Standards' baseline level lets containers add. */
  public static final Set<String> BASELINE_ADDABLE = Set.of("AUDIT_WRITE", "CHOWN",
      "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE", "SETFCAP", "SETGID",
      "SETPCAP", "SETUID", "SYS_CHROOT");

  /** Volume types the restricted level allows. */
  public static final Set<String> RESTRICTED_VOLUMES = Set.of("configMap", "csi", "downwardAPI",
      "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret");

  private static final Set<String> CONFINED_SECCOMP = Set.of("RuntimeDefault", "Localhost");

  private SecurityContextRules() {}

  /** No container runs privileged. */
  public static Rule noPrivileged() {
    return Rule.of(NO_PRIVILEGED, Severity.CRITICAL, "containers do not run privileged",
        ContainerCheck.inAll((pod, c, out) -> {
          if (Tree.isTrue(c.securityContext(), "privileged")) {
            out.add(c.path("securityContext.privileged"), c.label() + ": runs privileged");
          }
        }));
  }

  /**
   * Every container must run as non-root: {@code runAsNonRoot: true} on the container or the pod,
   * and no {@code runAsUser: 0} at either level.
   */
  public static Rule runAsNonRoot() {
    return Rule.of(RUN_AS_NON_ROOT, Severity.HIGH,
        "containers set runAsNonRoot (directly or through the pod) and do not run as user 0",
        ContainerCheck.inAll((pod, c, out) -> {
          Boolean nonRoot = effective(pod, c, "runAsNonRoot") instanceof Boolean b ? b : null;
          if (!Boolean.TRUE.equals(nonRoot)) {
            out.add(c.path("securityContext.runAsNonRoot"), c.label()
                + (nonRoot == null ? ": runAsNonRoot is not set" : ": sets runAsNonRoot false"));
          }
          if (effective(pod, c, "runAsUser") instanceof Number n && n.longValue() == 0) {
            boolean own = c.securityContext().containsKey("runAsUser");
            out.add(own ? c.path("securityContext.runAsUser") : pod.path("securityContext.runAsUser"),
                c.label() + ": runs as user 0");
          }
        }));
  }

  /** Containers set {@code allowPrivilegeEscalation: false} (an unset field means true). */
  public static Rule noPrivilegeEscalation() {
    return Rule.of(NO_PRIVILEGE_ESCALATION, Severity.HIGH,
        "containers set allowPrivilegeEscalation to false",
        ContainerCheck.inAll((pod, c, out) -> {
          if (!Boolean.FALSE.equals(Tree.bool(c.securityContext(), "allowPrivilegeEscalation"))) {
            out.add(c.path("securityContext.allowPrivilegeEscalation"),
                c.label() + ": allowPrivilegeEscalation is not false");
          }
        }));
  }

  /** Drop ALL capabilities and add back at most NET_BIND_SERVICE, as the restricted level asks. */
  public static Rule dropAllCapabilities() {
    return dropAllCapabilities(Set.of("NET_BIND_SERVICE"));
  }

  /**
   * Containers drop ALL capabilities and add back only allowed ones.
   *
   * @param allowedAdd capabilities that may be added, without the {@code CAP_} prefix
   */
  public static Rule dropAllCapabilities(Set<String> allowedAdd) {
    Set<String> allowed = Set.copyOf(allowedAdd);
    return Rule.of(DROP_ALL_CAPABILITIES, Severity.HIGH,
        "containers drop ALL capabilities and add only " + String.join(", ", allowed.stream().sorted().toList()),
        ContainerCheck.inAll((pod, c, out) -> {
          Map<String, Object> caps = Tree.map(c.securityContext(), "capabilities");
          if (!Tree.list(caps, "drop").contains("ALL")) {
            out.add(c.path("securityContext.capabilities.drop"),
                c.label() + ": does not drop ALL capabilities");
          }
          addedOutside(c, caps, allowed, out);
        }));
  }

  /** Containers add no capabilities beyond the baseline level's list ({@link #BASELINE_ADDABLE}). */
  public static Rule baselineCapabilities() {
    return Rule.of(BASELINE_CAPABILITIES, Severity.HIGH,
        "containers add only capabilities of the Pod Security Standards baseline list",
        ContainerCheck.inAll((pod, c, out) -> addedOutside(
            c, Tree.map(c.securityContext(), "capabilities"), BASELINE_ADDABLE, out)));
  }

  private static void addedOutside(
      Container c, Map<String, Object> caps, Set<String> allowed, dev.gitops.policy.Violations out) {
    List<Object> add = Tree.list(caps, "add");
    for (int i = 0; i < add.size(); i++) {
      String cap = String.valueOf(add.get(i));
      if (!allowed.contains(cap.startsWith("CAP_") ? cap.substring(4) : cap)) {
        out.add(c.path("securityContext.capabilities.add[" + i + "]"),
            c.label() + ": adds capability " + cap);
      }
    }
  }

  /** Containers run under a RuntimeDefault or Localhost seccomp profile (theirs or the pod's). */
  public static Rule seccompProfile() {
    return Rule.of(SECCOMP_PROFILE, Severity.MEDIUM,
        "containers run with seccomp profile RuntimeDefault or Localhost",
        ContainerCheck.inAll((pod, c, out) -> {
          String type = seccompType(pod, c);
          if (!CONFINED_SECCOMP.contains(type)) {
            out.add(c.path("securityContext.seccompProfile.type"), c.label()
                + (type.isEmpty() ? ": no seccomp profile" : ": seccomp profile " + type));
          }
        }));
  }

  /** No container or pod sets the Unconfined seccomp profile (the baseline level's check). */
  public static Rule noUnconfinedSeccomp() {
    return Rule.of(NO_UNCONFINED_SECCOMP, Severity.HIGH,
        "no seccomp profile of type Unconfined",
        (m, out) -> PodSpecs.of(m).ifPresent(pod -> {
          if (Tree.string(Tree.map(pod.securityContext(), "seccompProfile"), "type")
              .equals("Unconfined")) {
            out.add(pod.path("securityContext.seccompProfile.type"), "pod: seccomp Unconfined");
          }
          for (Container c : pod.allContainers()) {
            if (Tree.string(Tree.map(c.securityContext(), "seccompProfile"), "type")
                .equals("Unconfined")) {
              out.add(c.path("securityContext.seccompProfile.type"),
                  c.label() + ": seccomp Unconfined");
            }
          }
        }));
  }

  /** Containers mount their root filesystem read-only. */
  public static Rule readOnlyRootFilesystem() {
    return Rule.of(READ_ONLY_ROOT_FILESYSTEM, Severity.MEDIUM,
        "containers set readOnlyRootFilesystem",
        ContainerCheck.inAll((pod, c, out) -> {
          if (!Tree.isTrue(c.securityContext(), "readOnlyRootFilesystem")) {
            out.add(c.path("securityContext.readOnlyRootFilesystem"),
                c.label() + ": root filesystem is writable");
          }
        }));
  }

  /** Containers keep the default /proc mount (procMount unset or Default). */
  public static Rule defaultProcMount() {
    return Rule.of(DEFAULT_PROC_MOUNT, Severity.HIGH, "containers use the default /proc mount",
        ContainerCheck.inAll((pod, c, out) -> {
          String mount = Tree.string(c.securityContext(), "procMount");
          if (!mount.isEmpty() && !mount.equals("Default")) {
            out.add(c.path("securityContext.procMount"), c.label() + ": procMount " + mount);
          }
        }));
  }

  /** No Windows host-process containers (pod or container {@code windowsOptions.hostProcess}). */
  public static Rule noHostProcess() {
    return Rule.of(NO_HOST_PROCESS, Severity.CRITICAL, "no Windows HostProcess containers",
        (m, out) -> PodSpecs.of(m).ifPresent(pod -> {
          if (Tree.isTrue(Tree.map(pod.securityContext(), "windowsOptions"), "hostProcess")) {
            out.add(pod.path("securityContext.windowsOptions.hostProcess"), "pod: hostProcess");
          }
          for (Container c : pod.allContainers()) {
            if (Tree.isTrue(Tree.map(c.securityContext(), "windowsOptions"), "hostProcess")) {
              out.add(c.path("securityContext.windowsOptions.hostProcess"),
                  c.label() + ": hostProcess");
            }
          }
        }));
  }

  /** Pods use only the volume types the restricted level allows ({@link #RESTRICTED_VOLUMES}). */
  public static Rule restrictedVolumeTypes() {
    return Rule.of(RESTRICTED_VOLUME_TYPES, Severity.MEDIUM,
        "pods use only configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, "
            + "projected and secret volumes",
        (m, out) -> PodSpecs.of(m).ifPresent(pod -> {
          List<Map<String, Object>> volumes = Tree.maps(pod.spec(), "volumes");
          for (int i = 0; i < volumes.size(); i++) {
            for (String field : volumes.get(i).keySet()) {
              if (!field.equals("name") && !RESTRICTED_VOLUMES.contains(field)) {
                out.add(pod.path("volumes[" + i + "]." + field), "volume "
                    + Tree.string(volumes.get(i), "name") + " is of type " + field);
              }
            }
          }
        }));
  }

  /**
   * No AppArmor profile of type Unconfined: neither the pod's nor a container's
   * {@code appArmorProfile}, nor the older per-container annotation
   * ({@code container.apparmor.security.beta.kubernetes.io/<name>: unconfined}).
   */
  public static Rule noUnconfinedAppArmor() {
    return Rule.of(NO_UNCONFINED_APPARMOR, Severity.HIGH, "no AppArmor profile of type Unconfined",
        (m, out) -> PodSpecs.of(m).ifPresent(pod -> {
          if (Tree.string(Tree.map(pod.securityContext(), "appArmorProfile"), "type")
              .equals("Unconfined")) {
            out.add(pod.path("securityContext.appArmorProfile.type"), "pod: AppArmor Unconfined");
          }
          for (Container c : pod.allContainers()) {
            if (Tree.string(Tree.map(c.securityContext(), "appArmorProfile"), "type")
                .equals("Unconfined")) {
              out.add(c.path("securityContext.appArmorProfile.type"),
                  c.label() + ": AppArmor Unconfined");
            }
          }
          pod.annotations().forEach((key, value) -> {
            if (key.startsWith(APPARMOR_ANNOTATION) && "unconfined".equals(value)) {
              out.add(pod.metadataPath("annotations"), "container "
                  + key.substring(APPARMOR_ANNOTATION.length()) + ": AppArmor unconfined");
            }
          });
        }));
  }

  /**
   * SELinux options stay within the baseline level: no custom user or role, and a type that is
   * unset or one of {@link #BASELINE_SELINUX_TYPES}; pod and containers.
   */
  public static Rule seLinuxOptions() {
    return Rule.of(SELINUX_OPTIONS, Severity.HIGH,
        "SELinux options set no user or role and only a container type",
        (m, out) -> PodSpecs.of(m).ifPresent(pod -> {
          seLinux(Tree.map(pod.securityContext(), "seLinuxOptions"),
              pod.path("securityContext.seLinuxOptions"), "pod", out);
          for (Container c : pod.allContainers()) {
            seLinux(Tree.map(c.securityContext(), "seLinuxOptions"),
                c.path("securityContext.seLinuxOptions"), c.label(), out);
          }
        }));
  }

  private static void seLinux(Map<String, Object> options, String path, String who,
      dev.gitops.policy.Violations out) {
    String type = Tree.string(options, "type");
    if (!type.isEmpty() && !BASELINE_SELINUX_TYPES.contains(type)) {
      out.add(path + ".type", who + ": SELinux type " + type);
    }
    for (String field : List.of("user", "role")) {
      if (!Tree.string(options, field).isEmpty()) {
        out.add(path + "." + field, who + ": sets SELinux " + field);
      }
    }
  }

  /** Pods set only the sysctls the baseline level allows ({@link #SAFE_SYSCTL_NAMES}). */
  public static Rule safeSysctls() {
    return Rule.of(SAFE_SYSCTLS, Severity.HIGH, "pods set only safe sysctls",
        (m, out) -> PodSpecs.of(m).ifPresent(pod -> {
          List<Map<String, Object>> sysctls = Tree.maps(pod.securityContext(), "sysctls");
          for (int i = 0; i < sysctls.size(); i++) {
            String name = Tree.string(sysctls.get(i), "name");
            if (!SAFE_SYSCTL_NAMES.contains(name)) {
              out.add(pod.path("securityContext.sysctls[" + i + "].name"),
                  "pod: sets unsafe sysctl " + name);
            }
          }
        }));
  }

  private static Object effective(PodSpec pod, Container c, String field) {
    Map<String, Object> own = c.securityContext();
    return own.containsKey(field) ? own.get(field) : pod.securityContext().get(field);
  }

  private static String seccompType(PodSpec pod, Container c) {
    String own = Tree.string(Tree.map(c.securityContext(), "seccompProfile"), "type");
    return own.isEmpty()
        ? Tree.string(Tree.map(pod.securityContext(), "seccompProfile"), "type") : own;
  }
}
