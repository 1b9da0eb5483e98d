package dev.gitops.render;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites references by name (a Deployment's ConfigMap volume, a RoleBinding's subjects...) to
 * the final names of the objects they name, after prefixes, suffixes and content hashes changed
 * them; package-private. An object matches a reference when it ever had the referenced name and,
 * for namespaced objects, is in the referrer's namespace.
 */
final class NameReferences {
  private static final Map<String, String> POD_SPEC = Map.of(
      "Pod", "spec",
      "PodTemplate", "template/spec",
      "Deployment", "spec/template/spec",
      "ReplicaSet", "spec/template/spec",
      "DaemonSet", "spec/template/spec",
      "StatefulSet", "spec/template/spec",
      "Job", "spec/template/spec",
      "ReplicationController", "spec/template/spec",
      "CronJob", "spec/jobTemplate/spec/template/spec");

  /** One reference: objects the spec selects name a {@code referentKind} at its path. */
  record Ref(String referentKind, FieldSpec referrer) {}

  static final List<Ref> REFS = refs();

  private NameReferences() {}

  private static List<Ref> refs() {
    List<Ref> out = new ArrayList<>();
    Map<String, List<String>> inPodSpec = Map.of(
        "ConfigMap", List.of("volumes/configMap/name", "containers/env/valueFrom/configMapKeyRef/name",
            "initContainers/env/valueFrom/configMapKeyRef/name", "containers/envFrom/configMapRef/name",
            "initContainers/envFrom/configMapRef/name", "volumes/projected/sources/configMap/name"),
        "Secret", List.of("volumes/secret/secretName", "containers/env/valueFrom/secretKeyRef/name",
            "initContainers/env/valueFrom/secretKeyRef/name", "containers/envFrom/secretRef/name",
            "initContainers/envFrom/secretRef/name", "imagePullSecrets/name",
            "volumes/projected/sources/secret/name"),
        "ServiceAccount", List.of("serviceAccountName"),
        "PersistentVolumeClaim", List.of("volumes/persistentVolumeClaim/claimName"),
        "PriorityClass", List.of("priorityClassName"));
    inPodSpec.forEach((referent, paths) -> POD_SPEC.forEach((kind, prefix) -> {
      for (String p : paths) {
        out.add(new Ref(referent, FieldSpec.of("", kind, prefix + "/" + p, false)));
      }
    }));
    out.add(new Ref("Secret", FieldSpec.of("", "Ingress", "spec/tls/secretName", false)));
    out.add(new Ref("Secret", FieldSpec.of("", "ServiceAccount", "imagePullSecrets/name", false)));
    out.add(new Ref("Service", FieldSpec.of("", "Ingress", "spec/rules/http/paths/backend/service/name", false)));
    out.add(new Ref("Service", FieldSpec.of("", "Ingress", "spec/defaultBackend/service/name", false)));
    out.add(new Ref("Service", FieldSpec.of("", "Ingress", "spec/backend/serviceName", false)));
    out.add(new Ref("Service", FieldSpec.of("", "Ingress", "spec/rules/http/paths/backend/serviceName", false)));
    out.add(new Ref("Service", FieldSpec.of("", "StatefulSet", "spec/serviceName", false)));
    out.add(new Ref("Service", FieldSpec.of("", "APIService", "spec/service/name", false)));
    out.add(new Ref("PersistentVolume", FieldSpec.of("", "PersistentVolumeClaim", "spec/volumeName", false)));
    out.add(new Ref("StorageClass", FieldSpec.of("", "PersistentVolume", "spec/storageClassName", false)));
    out.add(new Ref("StorageClass", FieldSpec.of("", "PersistentVolumeClaim", "spec/storageClassName", false)));
    out.add(new Ref("StorageClass", FieldSpec.of("", "StatefulSet", "spec/volumeClaimTemplates/spec/storageClassName", false)));
    out.add(new Ref("IngressClass", FieldSpec.of("", "Ingress", "spec/ingressClassName", false)));
    out.add(new Ref("ValidatingAdmissionPolicy", FieldSpec.of("", "ValidatingAdmissionPolicyBinding", "spec/policyName", false)));
    return List.copyOf(out);
  }

  static void fix(String rootFile, List<KObject> objects, List<Ref> custom) {
    List<Ref> refs = new ArrayList<>(REFS);
    refs.addAll(custom);
    Index index = new Index(objects);
    // Most references apply to one kind of referrer: each referrer walks only those of its kind,
    // still in their listed order.
    Map<String, List<Ref>> refsByKind = new HashMap<>();
    for (KObject referrer : objects) {
      List<Ref> mine = refsByKind.computeIfAbsent(referrer.kind(), kind -> {
        List<Ref> out = new ArrayList<>();
        for (Ref ref : refs) {
          if (ref.referrer().kind().isEmpty() || ref.referrer().kind().equals(kind)) {
            out.add(ref);
          }
        }
        return out;
      });
      for (Ref ref : mine) {
        ref.referrer().apply(referrer, v -> rewrite(rootFile, index, ref.referentKind(), v, referrer));
      }
      roleBinding(rootFile, referrer, index);
      scaleTarget(rootFile, referrer, index);
      webhooks(rootFile, referrer, index);
      resourceNames(rootFile, referrer, index);
    }
  }

  /**
   * The objects by kind and by every name each had, in build order. Reference fixing renames no
   * object, so one index serves a whole pass; a lookup by name instead of a scan keeps the pass
   * linear in the number of references.
   */
  private static final class Index {
    final Map<String, List<KObject>> byKind = new HashMap<>();
    final Map<String, Map<String, List<KObject>>> byKindAndName = new HashMap<>();

    Index(List<KObject> objects) {
      for (KObject o : objects) {
        byKind.computeIfAbsent(o.kind(), k -> new ArrayList<>()).add(o);
        Map<String, List<KObject>> byName = byKindAndName.computeIfAbsent(o.kind(), k -> new HashMap<>());
        for (String n : o.previousNames()) {
          add(byName, n, o);
        }
        add(byName, o.name(), o);
      }
    }

    private static void add(Map<String, List<KObject>> byName, String name, KObject o) {
      List<KObject> list = byName.computeIfAbsent(name, n -> new ArrayList<>(1));
      if (list.isEmpty() || list.get(list.size() - 1) != o) {
        list.add(o);
      }
    }

    List<KObject> ofKind(String kind) {
      return byKind.getOrDefault(kind, List.of());
    }

    List<KObject> named(String kind, String name) {
      return byKindAndName.getOrDefault(kind, Map.of()).getOrDefault(name, List.of());
    }
  }

  /** A name, or a list of names, pointed at the referents' current names; null when unchanged. */
  private static Object rewrite(String rootFile, Index objects, String kind, Object value,
      KObject referrer) {
    if (value instanceof String s) {
      return newName(rootFile, objects, kind, s, referrer.namespace(), referrer);
    }
    if (value instanceof List<?> names) {
      List<Object> out = new ArrayList<>();
      for (Object n : names) {
        String updated = n instanceof String s
            ? newName(rootFile, objects, kind, s, referrer.namespace(), referrer) : null;
        out.add(updated == null ? n : updated);
      }
      return out;
    }
    return null;
  }

  /** The referent's current name, or null when no object matches. */
  private static String newName(String rootFile, Index objects, String kind, String name,
      String namespace, KObject referrer) {
    KObject target = find(rootFile, objects, kind, name, null, referrer);
    return target == null ? null : target.name();
  }

  /**
   * The object a reference names: one of {@code kind} that had the name; for a reference with a
   * namespace field ({@code inNamespace} not null), declared in (or else now in) that namespace;
   * and in the referrer's namespace unless either is cluster-scoped or it is a ServiceAccount.
   */
  private static KObject find(String rootFile, Index index, String kind, String name,
      String inNamespace, KObject referrer) {
    List<KObject> candidates;
    if (inNamespace != null) {
      // Which namespace counts (declared or current) is decided over all objects of the kind.
      String ns = effective(inNamespace);
      List<KObject> declared = new ArrayList<>();
      List<KObject> now = new ArrayList<>();
      for (KObject o : index.ofKind(kind)) {
        if (effective(o.originalNamespace()).equals(ns)) {
          declared.add(o);
        }
        if (effective(o.namespace()).equals(ns)) {
          now.add(o);
        }
      }
      candidates = new ArrayList<>();
      for (KObject o : declared.isEmpty() ? now : declared) {
        if (o.hadName(name)) {
          candidates.add(o);
        }
      }
    } else {
      candidates = index.named(kind, name);
    }
    if (candidates.isEmpty()) {
      return null;
    }
    List<KObject> found = new ArrayList<>();
    boolean referrerClusterScoped = NamespaceTransformer.isClusterScoped(referrer);
    for (KObject o : candidates) {
      if (referrerClusterScoped || NamespaceTransformer.isClusterScoped(o)
          || o.kind().equals("ServiceAccount")
          || effective(o.namespace()).equals(effective(referrer.namespace()))) {
        found.add(o);
      }
    }
    if (found.size() > 1) {
      found = sameAffixes(found, referrer, true);
      if (found.size() > 1) {
        found = sameAffixes(found, referrer, false);
      }
    }
    if (found.isEmpty()) {
      return null;
    }
    if (found.size() > 1) {
      Set<String> ids = new java.util.TreeSet<>();
      found.forEach(o -> ids.add(o.namespace() + "/" + o.name()));
      if (ids.size() > 1) {
        throw new KustomizeException(rootFile, referrer + " refers to " + kind + " '" + name
            + "', which matches several objects: " + found);
      }
    }
    return found.get(0);
  }

  /** Candidates renamed with the same prefixes and suffixes as the referrer, as kustomize prefers. */
  private static List<KObject> sameAffixes(List<KObject> candidates, KObject referrer, boolean allowEmpty) {
    List<KObject> out = new ArrayList<>();
    for (KObject o : candidates) {
      boolean prefixes = allowEmpty && (o.prefixes().isEmpty() || referrer.prefixes().isEmpty())
          || sameEnding(o.prefixes(), referrer.prefixes());
      boolean suffixes = allowEmpty && (o.suffixes().isEmpty() || referrer.suffixes().isEmpty())
          || sameEnding(o.suffixes(), referrer.suffixes());
      if (prefixes && suffixes) {
        out.add(o);
      }
    }
    return out;
  }

  // The shorter list ends the longer one; an empty list matches only an empty one.
  private static boolean sameEnding(List<String> a, List<String> b) {
    int n = Math.min(a.size(), b.size());
    if (n == 0) {
      return a.size() == b.size();
    }
    return a.subList(a.size() - n, a.size()).equals(b.subList(b.size() - n, b.size()));
  }

  private static String effective(String ns) {
    return ns.isEmpty() ? "default" : ns;
  }

  /** Points a {name, namespace} reference at its object's final name and namespace. */
  @SuppressWarnings("unchecked")
  private static void mapping(String rootFile, Index objects, String kind, Map<?, ?> ref,
      KObject referrer) {
    if (!(ref.get("name") instanceof String n)) {
      return;
    }
    String ns = ref.get("namespace") == null ? null : String.valueOf(ref.get("namespace"));
    KObject target = find(rootFile, objects, kind, n, ns, referrer);
    if (target != null) {
      ((Map<String, Object>) ref).put("name", target.name());
      if (!target.namespace().isEmpty()) {
        ((Map<String, Object>) ref).put("namespace", target.namespace());
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static void roleBinding(String rootFile, KObject rb, Index objects) {
    if (!rb.kind().equals("RoleBinding") && !rb.kind().equals("ClusterRoleBinding")) {
      return;
    }
    if (rb.tree().get("roleRef") instanceof Map<?, ?> roleRef && roleRef.get("name") instanceof String n
        && roleRef.get("kind") instanceof String kind
        && (kind.equals("ClusterRole") || kind.equals("Role") && rb.kind().equals("RoleBinding"))) {
      String updated = newName(rootFile, objects, kind, n, rb.namespace(), rb);
      if (updated != null) {
        ((Map<String, Object>) roleRef).put("name", updated);
      }
    }
    if (rb.tree().get("subjects") instanceof List<?> subjects) {
      // Like kustomize, whatever the subject's kind.
      for (Object s : subjects) {
        if (s instanceof Map<?, ?> m) {
          mapping(rootFile, objects, "ServiceAccount", m, rb);
        }
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static void scaleTarget(String rootFile, KObject hpa, Index objects) {
    if (hpa.kind().equals("HorizontalPodAutoscaler")
        && hpa.tree().get("spec") instanceof Map<?, ?> spec
        && spec.get("scaleTargetRef") instanceof Map<?, ?> target
        && target.get("kind") instanceof String kind && target.get("name") instanceof String n
        && Set.of("Deployment", "ReplicationController", "ReplicaSet", "StatefulSet").contains(kind)) {
      String updated = newName(rootFile, objects, kind, n, hpa.namespace(), hpa);
      if (updated != null) {
        ((Map<String, Object>) target).put("name", updated);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static void webhooks(String rootFile, KObject hook, Index objects) {
    if ((hook.kind().equals("ValidatingWebhookConfiguration")
        || hook.kind().equals("MutatingWebhookConfiguration"))
        && hook.tree().get("webhooks") instanceof List<?> hooks) {
      for (Object h : hooks) {
        if (h instanceof Map<?, ?> hm && hm.get("clientConfig") instanceof Map<?, ?> cc
            && cc.get("service") instanceof Map<?, ?> svc) {
          mapping(rootFile, objects, "Service", svc, hook);
        }
      }
    }
  }

  // Roles may list the ConfigMaps and Secrets they grant access to by name.
  @SuppressWarnings("unchecked")
  private static void resourceNames(String rootFile, KObject role, Index objects) {
    if ((!role.kind().equals("Role") && !role.kind().equals("ClusterRole"))
        || !(role.tree().get("rules") instanceof List<?> rules)) {
      return;
    }
    for (Object r : rules) {
      if (r instanceof Map<?, ?> rule && rule.get("resources") instanceof List<?> resources
          && rule.get("resourceNames") instanceof List<?> names) {
        String kind = resources.contains("configmaps") ? "ConfigMap"
            : resources.contains("secrets") ? "Secret" : null;
        if (kind == null) {
          continue;
        }
        List<Object> updated = new ArrayList<>();
        for (Object n : names) {
          String nn = n instanceof String s ? newName(rootFile, objects, kind, s, role.namespace(), role) : null;
          updated.add(nn == null ? n : nn);
        }
        ((Map<String, Object>) rule).put("resourceNames", updated);
      }
    }
  }
}
