package dev.gitops.apply;

import static java.util.Objects.requireNonNull;

import dev.gitops.cluster.ApplyOptions;
import dev.gitops.cluster.Cluster;
import dev.gitops.cluster.ClusterException;
import dev.gitops.cluster.ListRequest;
import dev.gitops.cluster.LiveObject;
import dev.gitops.cluster.ObjectNotFoundException;
import dev.gitops.model.GitOpsException;
import dev.gitops.model.Manifest;
import dev.gitops.model.ObjectKey;
import dev.gitops.model.SourceLocation;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Inventories kept in the cluster as ConfigMaps (a built-in kind: no CRD needed), one per
 * application, named {@code inventory-<application>} in a namespace of their own (default
 * {@value #DEFAULT_NAMESPACE}, created on first write), labelled
 * {@code app.kubernetes.io/managed-by: gitops-sdk} and {@code gitops.dev/inventory-of: <application>}.
 * The objects are in {@code data.objects}, one {@code group/Kind/namespace/name} per line, sorted;
 * past {@value #COMPRESS_ABOVE} characters they are gzipped into {@code binaryData["objects.gz"]}
 * so that tens of thousands of objects stay far below the API server's object size limit. While a
 * sync runs, {@code data.syncInProgress} says which revision it applies and since when.
 */
public final class ClusterInventoryStore implements InventoryStore {
  /** The namespace inventories are kept in unless told otherwise. */
  public static final String DEFAULT_NAMESPACE = "gitops-system";
  /** The label that marks an inventory and names its application. */
  public static final String LABEL = "gitops.dev/inventory-of";
  static final int COMPRESS_ABOVE = 256 * 1024;
  private static final String FIELD_MANAGER = "gitops-sdk-inventory";

  private final Cluster cluster;
  private final String namespace;

  private ClusterInventoryStore(Cluster cluster, String namespace) {
    this.cluster = cluster;
    this.namespace = namespace;
  }

  /** Inventories in {@value #DEFAULT_NAMESPACE} of this cluster. */
  public static ClusterInventoryStore of(Cluster cluster) {
    return of(cluster, DEFAULT_NAMESPACE);
  }

  /** Inventories in a namespace of this cluster. */
  public static ClusterInventoryStore of(Cluster cluster, String namespace) {
    requireNonNull(cluster, "cluster");
    requireNonNull(namespace, "namespace");
    if (namespace.isBlank()) {
      throw new IllegalArgumentException("namespace must not be blank");
    }
    return new ClusterInventoryStore(cluster, namespace);
  }

  public String namespace() {
    return namespace;
  }

  @Override
  public Optional<Inventory> read(String application) {
    return cluster.get(key(application)).map(this::decode);
  }

  @Override
  public void write(Inventory inventory) {
    Manifest configMap = encode(inventory);
    ApplyOptions options = ApplyOptions.defaults().withFieldManager(FIELD_MANAGER).withForce(true);
    try {
      cluster.apply(configMap, options);
    } catch (ObjectNotFoundException e) {
      // The namespace does not exist yet: the first write of any inventory in this cluster.
      cluster.apply(namespaceManifest(), options);
      cluster.apply(configMap, options);
    }
  }

  @Override
  public List<Inventory> all() {
    List<Inventory> out = new ArrayList<>();
    try {
      for (LiveObject o : cluster.list(ListRequest.of("", "ConfigMap").inNamespace(namespace)
          .withLabelSelector(LABEL))) {
        out.add(decode(o));
      }
    } catch (ObjectNotFoundException e) {
      return List.of();
    }
    return out;
  }

  private ObjectKey key(String application) {
    return new ObjectKey("", "ConfigMap", namespace, "inventory-" + application);
  }

  private Manifest encode(Inventory inventory) {
    Map<String, Object> labels = new LinkedHashMap<>();
    labels.put("app.kubernetes.io/managed-by", "gitops-sdk");
    labels.put(LABEL, inventory.application());
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("name", key(inventory.application()).name());
    metadata.put("namespace", namespace);
    metadata.put("labels", labels);
    Map<String, Object> object = new LinkedHashMap<>();
    object.put("apiVersion", "v1");
    object.put("kind", "ConfigMap");
    object.put("metadata", metadata);
    String text = inventory.encode();
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("application", inventory.application());
    if (!inventory.syncInProgress().isEmpty()) {
      data.put("syncInProgress", inventory.syncInProgress());
    }
    if (text.length() > COMPRESS_ABOVE) {
      object.put("data", data);
      object.put("binaryData", Map.of("objects.gz", Base64.getEncoder().encodeToString(gzip(text))));
    } else {
      data.put("objects", text);
      object.put("data", data);
    }
    return Manifest.of(object, SourceLocation.unknown());
  }

  /** The last decoded inventory per object, reused while its resourceVersion is unchanged. */
  private final java.util.concurrent.ConcurrentHashMap<ObjectKey, Decoded> decoded =
      new java.util.concurrent.ConcurrentHashMap<>();

  private record Decoded(String resourceVersion, Inventory inventory) {}

  private Inventory decode(LiveObject configMap) {
    String rv = configMap.resourceVersion();
    Decoded known = decoded.get(configMap.key());
    if (known != null && !rv.isEmpty() && known.resourceVersion().equals(rv)) {
      return known.inventory();
    }
    Inventory inventory = decodeFresh(configMap);
    if (!rv.isEmpty()) {
      decoded.put(configMap.key(), new Decoded(rv, inventory));
    }
    return inventory;
  }

  private Inventory decodeFresh(LiveObject configMap) {
    String application = configMap.get("data", "application").map(String::valueOf)
        .orElseThrow(() -> corrupt(configMap, "data.application is missing"));
    try {
      Optional<Object> gz = configMap.get("binaryData", "objects.gz");
      String text = gz.isPresent()
          ? gunzip(Base64.getDecoder().decode(String.valueOf(gz.get())))
          : configMap.get("data", "objects").map(String::valueOf).orElse("");
      return Inventory.decode(application, text).withSyncInProgress(
          configMap.get("data", "syncInProgress").map(String::valueOf).orElse(""));
    } catch (IllegalArgumentException | UncheckedIOException e) {
      throw corrupt(configMap, e.getMessage());
    }
  }

  private GitOpsException corrupt(LiveObject configMap, String why) {
    return new ClusterException(cluster.name() + ": inventory " + configMap.key() + " cannot be read: " + why);
  }

  private Manifest namespaceManifest() {
    return Manifest.of(Map.of("apiVersion", "v1", "kind", "Namespace", "metadata", Map.of("name", namespace)),
        SourceLocation.unknown());
  }

  private static byte[] gzip(String text) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static String gunzip(byte[] data) {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(data))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
