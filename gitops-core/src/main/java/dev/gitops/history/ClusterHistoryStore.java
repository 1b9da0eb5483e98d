package dev.gitops.history;

import static java.util.Objects.requireNonNull;

import dev.gitops.cluster.ApplyConflictException;
import dev.gitops.cluster.ApplyOptions;
import dev.gitops.cluster.Cluster;
import dev.gitops.cluster.DeleteOptions;
import dev.gitops.cluster.ListRequest;
import dev.gitops.cluster.LiveObject;
import dev.gitops.cluster.ObjectNotFoundException;
import dev.gitops.model.Manifest;
import dev.gitops.model.ObjectKey;
import dev.gitops.model.SourceLocation;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A history kept in the cluster through the {@link Cluster} SPI, with built-in kinds only: one
 * ConfigMap per record in one namespace (by default {@value #DEFAULT_NAMESPACE}, created by a
 * server-side apply when missing). Survives restarts of the process; any number of processes may
 * share it. See {@code docs/history.md} for the format.
 *
 * <p>Each ConfigMap is named {@code <application>.history.<id>} (an application whose name is not
 * a DNS-1123 subdomain, or is too long, is replaced by a readable prefix and a hash of the name),
 * labelled {@value #MANAGED_BY_LABEL}={@value #MANAGED_BY}, {@value #HISTORY_OF_LABEL}=the
 * application (or the first 40 hex digits of its SHA-256 when the name is not a valid label value)
 * and {@value #HISTORY_ID_LABEL}=the id, annotated {@value #APPLICATION_ANNOTATION}=the
 * application, and holds the record as JSON under the data key {@value #RECORD_KEY}, starting
 * {@code {"version":1,...}}. Records are stored {@link SyncRecord#bounded() bounded} (at most
 * {@value SyncRecord#MAX_VERDICTS} verdict lines of {@value SyncRecord#MAX_LINE_LENGTH} characters
 * and a note of {@value SyncRecord#MAX_NOTE_LENGTH}), so one stays a few KB, far below a
 * ConfigMap's 1 MiB.
 *
 * <p><b>Concurrency.</b> The SPI has no create-only call, so appends rely on server-side apply's
 * field ownership: each store instance applies under a field manager of its own (the configured
 * base and a random suffix) and never forces. Every record also carries the writing manager, so
 * two writers never apply identical content. Applying a ConfigMap whose record another writer
 * already created therefore fails with {@link ApplyConflictException} and changes nothing; the
 * store then tries the next id, up to {@value #MAX_ATTEMPTS} times, and then throws {@link
 * HistoryException}. Appends within one instance are serialized. After an append the store deletes
 * the application's records beyond the limit, oldest first; as the newest record is always kept,
 * ids are not reused. (One case remains: a writer whose view is older than {@code limit} appends
 * by others could take an id that was already pruned; keep the limit above the number of
 * concurrent writers.)
 *
 * <p><b>Damaged records.</b> {@link #list} skips a record it cannot read (malformed JSON, a
 * missing field, an unknown major version) with a warning, rather than failing the whole history;
 * {@link #get} of it throws {@link UnreadableRecordException} (or {@link
 * UnsupportedRecordVersionException}) naming the ConfigMap. Such records still count toward the
 * limit and keep their ids.
 *
 * <p>Needs permission to get, list, patch (apply) and delete ConfigMaps in the namespace, and to
 * get and patch the namespace itself unless it exists. Thread-safe.
 */
public final class ClusterHistoryStore implements HistoryStore {
  /** Where records are kept when no namespace is given. */
  public static final String DEFAULT_NAMESPACE = "gitops-system";
  /** Records kept per application when no limit is given, as Argo CD's revisionHistoryLimit. */
  public static final int DEFAULT_LIMIT = 10;
  /** The base of the field manager when none is given. */
  public static final String DEFAULT_FIELD_MANAGER = "gitops-sdk-history";
  /** The label every record carries, with value {@value #MANAGED_BY}. */
  public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
  /** The value of {@value #MANAGED_BY_LABEL}. */
  public static final String MANAGED_BY = "gitops-sdk";
  /** The label naming the application (or a hash of its name) a record belongs to. */
  public static final String HISTORY_OF_LABEL = "gitops.dev/history-of";
  /** The label carrying a record's id. */
  public static final String HISTORY_ID_LABEL = "gitops.dev/history-id";
  /** The annotation carrying the application's full name. */
  public static final String APPLICATION_ANNOTATION = "gitops.dev/application";
  /** The ConfigMap data key holding the record's JSON. */
  public static final String RECORD_KEY = "record.json";

  static final int MAX_ATTEMPTS = 20;
  private static final int MAX_FIELD_MANAGER_BASE = 100;
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Logger LOG = LoggerFactory.getLogger(ClusterHistoryStore.class);

  private final Cluster cluster;
  private final String namespace;
  private final int limit;
  private final String fieldManager;
  private final Object appendLock = new Object();
  private volatile boolean namespaceReady;

  private ClusterHistoryStore(Builder b) {
    this.cluster = b.cluster;
    this.namespace = b.namespace;
    this.limit = b.limit;
    byte[] suffix = new byte[6];
    new SecureRandom().nextBytes(suffix);
    this.fieldManager = b.fieldManager + "-" + HexFormat.of().formatHex(suffix);
  }

  /** A builder for a store in the given cluster. */
  public static Builder builder(Cluster cluster) {
    return new Builder(cluster);
  }

  /** The namespace holding the records. */
  public String namespace() {
    return namespace;
  }

  /** How many records are kept per application. */
  public int limit() {
    return limit;
  }

  /** This instance's field manager: the configured base and a random suffix. */
  public String fieldManager() {
    return fieldManager;
  }

  /**
   * {@inheritDoc}
   *
   * @throws HistoryException if {@value #MAX_ATTEMPTS} ids in a row were taken by other writers
   * @throws dev.gitops.cluster.ClusterException if the cluster refuses a call
   */
  @Override
  public SyncRecord append(SyncRecord record) {
    requireNonNull(record, "record");
    StorageNames.requireApplication(record.application());
    SyncRecord bounded = record.bounded();
    String application = bounded.application();
    synchronized (appendLock) {
      ensureNamespace();
      long id = highestId(objectsOf(application)) + 1;
      SyncRecord stored = null;
      boolean remadeNamespace = false;
      for (int attempt = 1; stored == null; attempt++) {
        SyncRecord candidate = bounded.withId(id);
        try {
          apply(candidate);
          stored = candidate;
        } catch (ApplyConflictException e) {
          // Another writer holds this id: its record stays as it is; take the next one.
          LOG.debug("History id {} of application {} is taken by another writer", id, application);
          if (attempt >= MAX_ATTEMPTS) {
            throw new HistoryException("could not store a history record of application " + application
                + " in namespace " + namespace + " of cluster " + cluster.name() + ": ids " + (id - attempt + 1)
                + " to " + id + " were all taken by other writers", e);
          }
          id++;
        } catch (ObjectNotFoundException e) {
          // The namespace was deleted since this instance made sure of it: make it again, once.
          if (remadeNamespace) {
            throw e;
          }
          remadeNamespace = true;
          namespaceReady = false;
          ensureNamespace();
        }
      }
      prune(application);
      return stored;
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>One list call with a label selector; records that cannot be read are skipped with a
   * warning.
   */
  @Override
  public List<SyncRecord> list(String application) {
    requireNonNull(application, "application");
    List<SyncRecord> out = new ArrayList<>();
    for (Stored s : objectsOf(application)) {
      try {
        out.add(read(s, application));
      } catch (UnreadableRecordException e) {
        LOG.warn("Skipping history record {} of application {}: {}", s.id(), application, e.getMessage());
      }
    }
    return List.copyOf(out);
  }

  /**
   * {@inheritDoc}
   *
   * @throws UnreadableRecordException if the record is kept but cannot be read; {@link
   *     UnsupportedRecordVersionException} if it was written in a newer major format version
   */
  @Override
  public Optional<SyncRecord> get(String application, long id) {
    requireNonNull(application, "application");
    if (application.isEmpty() || id < 1) {
      return Optional.empty();
    }
    ObjectKey key = new ObjectKey("", "ConfigMap", namespace, StorageNames.configMapName(application, id));
    return cluster.get(key)
        .filter(o -> application.equals(annotation(o)))
        .map(o -> read(new Stored(o, id), application));
  }

  @Override
  public String toString() {
    return "ClusterHistoryStore(" + cluster.name() + ", namespace " + namespace + ", limit " + limit + ")";
  }

  /** A record's ConfigMap and its id. */
  private record Stored(LiveObject object, long id) {
    String location() {
      return "ConfigMap " + object.key().namespace() + "/" + object.key().name();
    }
  }

  private void ensureNamespace() {
    if (namespaceReady) {
      return;
    }
    if (cluster.get(new ObjectKey("", "Namespace", "", namespace)).isEmpty()) {
      Map<String, Object> ns = new LinkedHashMap<>();
      ns.put("apiVersion", "v1");
      ns.put("kind", "Namespace");
      ns.put("metadata", Map.of("name", namespace, "labels", Map.of(MANAGED_BY_LABEL, MANAGED_BY)));
      // Every instance applies the same content, so concurrent creators share the fields, no conflict.
      cluster.apply(Manifest.of(ns, SourceLocation.unknown()), ApplyOptions.defaults().withFieldManager(fieldManager));
    }
    namespaceReady = true;
  }

  private void apply(SyncRecord record) {
    Map<String, Object> labels = new LinkedHashMap<>();
    labels.put(MANAGED_BY_LABEL, MANAGED_BY);
    labels.put(HISTORY_OF_LABEL, StorageNames.historyOf(record.application()));
    labels.put(HISTORY_ID_LABEL, Long.toString(record.id()));
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("name", StorageNames.configMapName(record.application(), record.id()));
    metadata.put("namespace", namespace);
    metadata.put("labels", labels);
    metadata.put("annotations", Map.of(APPLICATION_ANNOTATION, record.application()));
    Map<String, Object> configMap = new LinkedHashMap<>();
    configMap.put("apiVersion", "v1");
    configMap.put("kind", "ConfigMap");
    configMap.put("metadata", metadata);
    configMap.put("data", Map.of(RECORD_KEY, RecordJson.write(record, fieldManager)));
    // Never forced: a conflict is how a taken id shows (see the class comment).
    cluster.apply(Manifest.of(configMap, SourceLocation.unknown()),
        ApplyOptions.defaults().withFieldManager(fieldManager));
  }

  /** Deletes the application's records beyond the limit, oldest first. */
  private void prune(String application) {
    List<Stored> all = objectsOf(application);
    for (int i = all.size() - 1; i >= limit; i--) {
      // NOT_FOUND is fine: another writer pruned it first.
      cluster.delete(all.get(i).object().key(), DeleteOptions.defaults());
    }
  }

  /** The application's record ConfigMaps, newest first, with one list call. */
  private List<Stored> objectsOf(String application) {
    if (application.isEmpty()) {
      return List.of();
    }
    String selector = MANAGED_BY_LABEL + "=" + MANAGED_BY + "," + HISTORY_OF_LABEL + "="
        + StorageNames.historyOf(application);
    List<Stored> out = new ArrayList<>();
    for (LiveObject o : cluster.list(ListRequest.of("", "ConfigMap").inNamespace(namespace).withLabelSelector(selector))) {
      // The label may be a hash shared in theory by two names; the annotation is exact.
      if (application.equals(annotation(o))) {
        long id = idOf(o);
        if (id > 0) {
          out.add(new Stored(o, id));
        }
      }
    }
    out.sort(Comparator.comparingLong(Stored::id).reversed());
    return out;
  }

  private static long highestId(List<Stored> newestFirst) {
    return newestFirst.isEmpty() ? 0 : newestFirst.get(0).id();
  }

  private static SyncRecord read(Stored s, String application) {
    Object json = s.object().get("data", RECORD_KEY).orElse(null);
    if (!(json instanceof String text)) {
      throw new UnreadableRecordException(s.location(), s.location() + " has no data key " + RECORD_KEY);
    }
    SyncRecord r = RecordJson.read(text, s.location());
    if (r.id() != s.id() || !r.application().equals(application)) {
      throw new UnreadableRecordException(s.location(), s.location() + " holds record " + r.id() + " of application "
          + r.application() + ", not record " + s.id() + " of " + application);
    }
    return r;
  }

  private static String annotation(LiveObject o) {
    return o.get("metadata", "annotations", APPLICATION_ANNOTATION).map(String::valueOf).orElse(null);
  }

  /** The id label, or 0 if it is missing or not a positive number. */
  private static long idOf(LiveObject o) {
    Object label = o.get("metadata", "labels", HISTORY_ID_LABEL).orElse(null);
    try {
      return label == null ? 0 : Math.max(0, Long.parseLong(String.valueOf(label)));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** Settings of a {@link ClusterHistoryStore}; every one has a default. */
  public static final class Builder {
    private final Cluster cluster;
    private String namespace = DEFAULT_NAMESPACE;
    private int limit = DEFAULT_LIMIT;
    private String fieldManager = DEFAULT_FIELD_MANAGER;

    private Builder(Cluster cluster) {
      this.cluster = requireNonNull(cluster, "cluster");
    }

    /**
     * The namespace holding the records, {@value ClusterHistoryStore#DEFAULT_NAMESPACE} by default;
     * created on the first append if missing.
     *
     * @throws IllegalArgumentException if it is not a valid namespace name (a DNS-1123 label)
     */
    public Builder namespace(String value) {
      requireNonNull(value, "namespace");
      if (value.length() > 63 || !DNS_LABEL.matcher(value).matches()) {
        throw new IllegalArgumentException("history namespace \"" + value
            + "\" is not a valid namespace name (lower-case letters, digits and '-', at most 63 characters)");
      }
      this.namespace = value;
      return this;
    }

    /**
     * Records kept per application, {@value ClusterHistoryStore#DEFAULT_LIMIT} by default.
     *
     * @throws IllegalArgumentException if below 1
     */
    public Builder limit(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("history limit must be at least 1, not " + value);
      }
      this.limit = value;
      return this;
    }

    /**
     * The base of the field manager, {@value ClusterHistoryStore#DEFAULT_FIELD_MANAGER} by default;
     * each built store adds a random suffix of its own.
     *
     * @throws IllegalArgumentException if blank or longer than 100 characters
     */
    public Builder fieldManager(String value) {
      requireNonNull(value, "fieldManager");
      if (value.isBlank() || value.length() > MAX_FIELD_MANAGER_BASE) {
        throw new IllegalArgumentException("history field manager \"" + value
            + "\" must be non-blank and at most " + MAX_FIELD_MANAGER_BASE + " characters");
      }
      this.fieldManager = value;
      return this;
    }

    /** The store. Touches the cluster only when used. */
    public ClusterHistoryStore build() {
      return new ClusterHistoryStore(this);
    }
  }
}
