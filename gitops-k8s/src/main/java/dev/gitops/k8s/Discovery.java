package dev.gitops.k8s;

import dev.gitops.cluster.ResourceType;
import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIGroupList;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscovery;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API server's resource types, from {@code /api/v1} and {@code /apis/<group>/<version>}.
 * Loaded once and cached; a lookup that misses reloads the kind's group, so a kind defined by a
 * CustomResourceDefinition appears once the definition is established (the API server lists it in
 * discovery only then). Misses are remembered for a short time, so that a loop asking for an absent
 * kind does not send a discovery request each time.
 */
final class Discovery {
  private static final Logger LOG = LoggerFactory.getLogger(Discovery.class);

  private record GroupKind(String group, String kind) {}

  private final KubernetesClient client;
  private final ErrorMapper errors;
  private final RequestLimiter limiter;
  private final long missTtlNanos;
  private final LongSupplier nanoTime;
  private final Map<GroupKind, Long> misses = new ConcurrentHashMap<>();
  private volatile Map<GroupKind, ResourceType> types;

  Discovery(KubernetesClient client, ErrorMapper errors, RequestLimiter limiter, Duration missTtl,
      LongSupplier nanoTime) {
    this.client = client;
    this.errors = errors;
    this.limiter = limiter;
    this.missTtlNanos = missTtl.toNanos();
    this.nanoTime = nanoTime;
  }

  /** The type serving a group and kind, reloading the group once per miss window. */
  Optional<ResourceType> find(String group, String kind) {
    GroupKind key = new GroupKind(group, kind);
    Map<GroupKind, ResourceType> known = types;
    boolean fresh = false;
    if (known == null) {
      known = loadAll();
      fresh = true;
    }
    ResourceType type = known.get(key);
    if (type != null) {
      return Optional.of(type);
    }
    Long missedAt = misses.get(key);
    if (fresh || (missedAt != null && nanoTime.getAsLong() - missedAt < missTtlNanos)) {
      misses.putIfAbsent(key, nanoTime.getAsLong());
      return Optional.empty();
    }
    type = reloadGroup(group).get(key);
    if (type == null) {
      misses.put(key, nanoTime.getAsLong());
    } else {
      misses.remove(key);
    }
    return Optional.ofNullable(type);
  }

  /** Every type the server serves now (always asks the server). */
  List<ResourceType> all() {
    List<ResourceType> out = new ArrayList<>(loadAll().values());
    out.sort(Comparator.comparing(ResourceType::group).thenComparing(ResourceType::kind));
    return List.copyOf(out);
  }

  /** Drops a type the server turned out not to serve any more (a deleted CRD). */
  synchronized void forget(String group, String kind) {
    Map<GroupKind, ResourceType> known = types;
    if (known != null && known.containsKey(new GroupKind(group, kind))) {
      Map<GroupKind, ResourceType> next = new HashMap<>(known);
      next.remove(new GroupKind(group, kind));
      types = Map.copyOf(next);
    }
  }

  private synchronized Map<GroupKind, ResourceType> loadAll() {
    Map<GroupKind, ResourceType> next = new HashMap<>(coreGroup());
    APIGroupList groups = call(client::getApiGroups, "discover API groups");
    if (groups != null && groups.getGroups() != null) {
      for (APIGroup group : groups.getGroups()) {
        next.putAll(group(group));
      }
    }
    types = Map.copyOf(next);
    misses.clear();
    return types;
  }

  private synchronized Map<GroupKind, ResourceType> reloadGroup(String group) {
    Map<GroupKind, ResourceType> next = new HashMap<>(types);
    next.keySet().removeIf(k -> k.group().equals(group));
    if (group.isEmpty()) {
      next.putAll(coreGroup());
    } else {
      APIGroup found = call(() -> client.getApiGroup(group), "discover API group " + group);
      if (found != null) {
        next.putAll(group(found));
      }
    }
    types = Map.copyOf(next);
    return types;
  }

  private Map<GroupKind, ResourceType> coreGroup() {
    Map<GroupKind, ResourceType> out = new LinkedHashMap<>();
    add(out, "", "v1", call(() -> client.getApiResources("v1"), "discover core resources"));
    return out;
  }

  /** The preferred version first; a kind only some other version serves is taken from that one. */
  private Map<GroupKind, ResourceType> group(APIGroup group) {
    List<String> versions = new ArrayList<>();
    if (group.getPreferredVersion() != null) {
      versions.add(group.getPreferredVersion().getVersion());
    }
    if (group.getVersions() != null) {
      for (GroupVersionForDiscovery v : group.getVersions()) {
        if (!versions.contains(v.getVersion())) {
          versions.add(v.getVersion());
        }
      }
    }
    Map<GroupKind, ResourceType> out = new LinkedHashMap<>();
    for (String version : versions) {
      String groupVersion = group.getName() + "/" + version;
      try {
        add(out, group.getName(), version, limiter.call(errors.cluster(),
            () -> client.getApiResources(groupVersion)));
      } catch (KubernetesClientException e) {
        // An aggregated API whose backend is down fails alone; its kinds stay unknown for now.
        LOG.warn("{}: discovery of {} failed: {}", errors.cluster(), groupVersion, e.getMessage());
      }
    }
    return out;
  }

  private static void add(Map<GroupKind, ResourceType> out, String group, String version,
      APIResourceList list) {
    if (list == null || list.getResources() == null) {
      return;
    }
    for (APIResource r : list.getResources()) {
      if (r.getName() == null || r.getName().contains("/") || r.getKind() == null) {
        continue; // subresources such as deployments/scale
      }
      out.putIfAbsent(new GroupKind(group, r.getKind()), new ResourceType(
          group, version, r.getKind(), r.getName(), Boolean.TRUE.equals(r.getNamespaced())));
    }
  }

  private <T> T call(Supplier<T> request, String operation) {
    try {
      return limiter.call(errors.cluster(), request);
    } catch (RuntimeException e) {
      throw errors.onApi(e, operation);
    }
  }
}
