package dev.gitops.k8s;

import static java.util.Objects.requireNonNull;

import dev.gitops.cluster.ApplyOptions;
import dev.gitops.cluster.Cluster;
import dev.gitops.cluster.ClusterException;
import dev.gitops.cluster.DeleteOptions;
import dev.gitops.cluster.DeleteResult;
import dev.gitops.cluster.InvalidObjectException;
import dev.gitops.cluster.InvalidObjectException.FieldCause;
import dev.gitops.cluster.ListRequest;
import dev.gitops.cluster.LiveObject;
import dev.gitops.cluster.ObjectNotFoundException;
import dev.gitops.cluster.ResourceType;
import dev.gitops.cluster.SchemaTable;
import dev.gitops.cluster.UnknownResourceTypeException;
import dev.gitops.cluster.Watch;
import dev.gitops.cluster.WatchListener;
import dev.gitops.cluster.WatchRequest;
import dev.gitops.model.JacksonVersions;
import dev.gitops.model.Manifest;
import dev.gitops.model.ObjectKey;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The {@link Cluster} backend for real Kubernetes API servers, on the fabric8 client. Every kind is
 * handled generically: types come from the server's discovery and objects travel as fabric8's
 * {@code GenericKubernetesResource}, never as typed model classes.
 *
 * <pre>{@code
 * try (FabricCluster cluster = FabricCluster.builder().context("prod").build()) {
 *   LiveObject applied = cluster.apply(manifest, ApplyOptions.defaults());
 * }
 * }</pre>
 *
 * <p>Apply is server-side apply under the options' field manager; delete reports whether the
 * object is gone or waits for finalizers; watches run on fabric8 informers. fabric8's errors become
 * the SPI's typed {@link ClusterException}s, named with this cluster's {@link #name()} and the
 * object. See {@code docs/fabric8-backend.md} for the client settings, the error table and the
 * watch behaviour. Thread-safe.
 */
public final class FabricCluster implements Cluster, AutoCloseable {
  static {
    JacksonVersions.requireSupported(); // before any Jackson class loads
    Fabric8Versions.requireSupported(); // before any fabric8 class loads
  }

  /** Page size of list requests. */
  static final long LIST_PAGE_SIZE = 500;
  /** How long discovery remembers that a kind was not served. */
  static final Duration DEFAULT_DISCOVERY_MISS_TTL = Duration.ofSeconds(2);

  private final KubernetesClient client;
  private final boolean ownsClient;
  private final String name;
  private final ErrorMapper errors;
  private final RequestLimiter limiter;
  private final Discovery discovery;
  private final Trees trees;
  private final OpenApiDocuments openApi;
  private final Set<InformerWatch> watches = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean closed = new AtomicBoolean();
  private ScheduledExecutorService watchChecks;
  private final long maxRequestBytes;

  private FabricCluster(KubernetesClient client, boolean ownsClient, String name,
      ClientSettings settings, Duration discoveryMissTtl, long maxRequestBytes) {
    this.maxRequestBytes = maxRequestBytes;
    this.client = client;
    this.ownsClient = ownsClient;
    this.name = name;
    this.errors = new ErrorMapper(name);
    this.limiter = new RequestLimiter(settings.maxConcurrentRequestsPerHost());
    this.discovery = new Discovery(client, errors, limiter, discoveryMissTtl, System::nanoTime);
    this.trees = new Trees(client.getKubernetesSerialization());
    this.openApi = new OpenApiDocuments(this::getRaw);
  }

  private void checkSize(String body, ObjectKey key, String operation) {
    if ((long) body.length() * 3 <= maxRequestBytes) {
      return;
    }
    long bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    if (bytes > maxRequestBytes) {
      throw new dev.gitops.cluster.ObjectTooLargeException(key, name + ": " + operation + " " + key
          + ": request of " + bytes + " bytes is larger than the limit of " + maxRequestBytes
          + " bytes (Request entity too large), not sent", null);
    }
  }

  /** A builder; without a source it reads the kubeconfig's current context. */
  public static Builder builder() {
    return new Builder();
  }

  /** The builder's name, else the kubeconfig context, else the API server URL. */
  @Override
  public String name() {
    return name;
  }

  /** The fabric8 client this cluster talks through. */
  public KubernetesClient client() {
    return client;
  }

  @Override
  public Optional<ResourceType> resourceType(String group, String kind) {
    requireNonNull(group, "group");
    requireNonNull(kind, "kind");
    return discovery.find(group, kind);
  }

  @Override
  public List<ResourceType> resourceTypes() {
    return discovery.all();
  }

  @Override
  public Optional<LiveObject> get(ObjectKey key) {
    ResourceType type = type(key.group(), key.kind());
    Resource<GenericKubernetesResource> resource = one(type, type.version(), key, "get");
    try {
      // fabric8 answers 404 (no object, no namespace) with null.
      GenericKubernetesResource found = limiter.call(name, resource::get);
      return Optional.ofNullable(found).map(r -> trees.live(r, type));
    } catch (RuntimeException e) {
      throw objectError(e, "get", key, type, type.version());
    }
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if the API server refuses the label selector as malformed
   */
  @Override
  public List<LiveObject> list(ListRequest request) {
    ResourceType type = type(request.group(), request.kind());
    FilterWatchListDeletable<GenericKubernetesResource, GenericKubernetesResourceList,
        Resource<GenericKubernetesResource>> scope = scope(type, request.namespace());
    List<LiveObject> out = new ArrayList<>();
    String next = null;
    try {
      do {
        var options = new ListOptionsBuilder().withLimit(LIST_PAGE_SIZE).withContinue(next)
            .withLabelSelector(request.labelSelector().isEmpty() ? null : request.labelSelector())
            .build();
        GenericKubernetesResourceList page = limiter.call(name, () -> scope.list(options));
        page.getItems().forEach(item -> out.add(trees.live(item, type)));
        next = page.getMetadata() == null ? null : page.getMetadata().getContinue();
      } while (next != null && !next.isEmpty());
    } catch (RuntimeException e) {
      KubernetesClientException k = ErrorMapper.clientException(e);
      if (k != null && k.getCode() == 400 && !request.labelSelector().isEmpty()) {
        throw new IllegalArgumentException(name + ": list " + describe(type, request.namespace())
            + ": label selector '" + request.labelSelector() + "' refused: "
            + (k.getStatus() == null ? k.getMessage() : k.getStatus().getMessage()), e);
      }
      throw kindError(e, "list " + describe(type, request.namespace()), type);
    }
    return List.copyOf(out);
  }

  @Override
  public LiveObject apply(Manifest desired, ApplyOptions options) {
    ObjectKey key = desired.key();
    ResourceType type = type(key.group(), key.kind());
    String version = versionOf(desired.apiVersion());
    requireNamespace(type, key, "apply");
    PatchContext patch = applyPatch(options);
    String body = trees.json(desired.object());
    checkSize(body, key, options.dryRun() ? "apply (dry run)" : "apply");
    try {
      GenericKubernetesResource applied = limiter.call(name, () -> target(type, version, desired).patch(patch, body));
      return trees.live(applied, type);
    } catch (RuntimeException e) {
      throw objectError(e, options.dryRun() ? "apply (dry run)" : "apply", key, type, version);
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>A server-side apply patch to the object's {@code status} subresource. The API server
   * answers 404 both for a missing object and for a kind without a status subresource; the two are
   * told apart by reading the object.
   */
  @Override
  public LiveObject applyStatus(Manifest desired, ApplyOptions options) {
    ObjectKey key = desired.key();
    ResourceType type = type(key.group(), key.kind());
    String version = versionOf(desired.apiVersion());
    requireNamespace(type, key, "apply status");
    PatchContext patch = applyPatch(options);
    String body = trees.json(desired.object());
    String operation = options.dryRun() ? "apply status (dry run)" : "apply status";
    checkSize(body, key, operation);
    try {
      GenericKubernetesResource applied = limiter.call(name,
          () -> target(type, version, desired).subresource("status").patch(patch, body));
      return trees.live(applied, type);
    } catch (RuntimeException e) {
      KubernetesClientException k = ErrorMapper.clientException(e);
      if (k != null && k.getCode() == 404 && get(key).isPresent()) {
        throw new ObjectNotFoundException(key, name + ": " + operation + " " + key + ": " + key.kind() + " of "
            + desired.apiVersion() + " has no status subresource (HTTP 404 " + k.getMessage() + ")");
      }
      throw objectError(e, operation, key, type, version);
    }
  }

  /** A server-side apply patch with the options' manager, force and dry run. */
  private static PatchContext applyPatch(ApplyOptions options) {
    PatchContext patch = PatchContext.of(PatchType.SERVER_SIDE_APPLY);
    patch.setFieldManager(options.fieldManager());
    patch.setForce(options.force());
    if (options.dryRun()) {
      patch.setDryRun(List.of("All"));
    }
    return patch;
  }

  /**
   * The object's resource. fabric8 sends the patch text as given, but wants an item: without one
   * it would GET the object first (and fail on a create). Name and namespace are all it reads of
   * the item.
   */
  private Resource<GenericKubernetesResource> target(ResourceType type, String version, Manifest desired) {
    ObjectKey key = desired.key();
    GenericKubernetesResource item = new GenericKubernetesResource();
    item.setApiVersion(desired.apiVersion());
    item.setKind(key.kind());
    item.setMetadata(new ObjectMetaBuilder().withName(key.name())
        .withNamespace(type.namespaced() ? key.namespace() : null).build());
    var resources = resources(type, version);
    return type.namespaced()
        ? resources.inNamespace(key.namespace()).resource(item)
        : resources.resource(item);
  }

  /**
   * Deletes through a plain DELETE of the object's URL rather than fabric8's {@code delete()},
   * which hides the response: the response tells a finished deletion (a Status, or the object
   * without deletionTimestamp) from one waiting for finalizers (the object with
   * deletionTimestamp), and does so for dry runs too.
   */
  @Override
  public DeleteResult delete(ObjectKey key, DeleteOptions options) {
    ResourceType type = type(key.group(), key.kind());
    requireNamespace(type, key, "delete");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("apiVersion", "v1");
    body.put("kind", "DeleteOptions");
    body.put("propagationPolicy", switch (options.propagation()) {
      case BACKGROUND -> "Background";
      case FOREGROUND -> "Foreground";
      case ORPHAN -> "Orphan";
    });
    if (options.dryRun()) {
      body.put("dryRun", List.of("All"));
    }
    String url = objectPath(type, key);
    String response;
    try {
      response = limiter.call(name, () -> client.raw(url, "DELETE", body));
    } catch (RuntimeException e) {
      KubernetesClientException k = ErrorMapper.clientException(e);
      if (k != null && k.getCode() == 404) {
        return DeleteResult.NOT_FOUND;
      }
      throw errors.onObject(e, options.dryRun() ? "delete (dry run)" : "delete", key);
    }
    if (response == null || response.isBlank()) {
      return DeleteResult.NOT_FOUND;
    }
    Map<String, Object> result = trees.parse(response);
    if ("Status".equals(result.get("kind"))) {
      return DeleteResult.DELETED;
    }
    return result.get("metadata") instanceof Map<?, ?> meta && meta.get("deletionTimestamp") != null
        ? DeleteResult.PENDING_FINALIZERS
        : DeleteResult.DELETED;
  }

  /** See {@link InformerWatch} for delivery, reconnects and errors. */
  @Override
  public Watch watch(WatchRequest request, WatchListener listener) {
    requireNonNull(listener, "listener");
    if (closed.get()) {
      throw new IllegalStateException(name + ": cluster is closed");
    }
    ResourceType type = type(request.group(), request.kind());
    String what = "watch " + describe(type, request.namespace());
    InformerWatch watch;
    try {
      watch = InformerWatch.start(scope(type, request.namespace()), type, trees, errors, what,
          listener, e -> kindError(e, what, type), watchChecks(), watches::remove);
    } catch (RuntimeException e) {
      throw kindError(e, what, type);
    }
    watches.add(watch);
    if (watch.isClosed()) {
      watches.remove(watch);
    }
    return watch;
  }

  /**
   * A schema table read from the server's OpenAPI v3 documents (see {@link OpenApiSchema}); each
   * call reads the document index again, and documents whose content hash is unchanged are not
   * fetched again. A server without OpenAPI v3 gets the built-in table of the standard kinds
   * ({@link SchemaTable#builtIn()}). Lookups may throw {@link ClusterException} when a document cannot be read.
   */
  @Override
  public SchemaTable schema() {
    Map<String, String> index;
    try {
      index = openApi.index();
    } catch (ClusterException e) {
      if (e.getCause() instanceof KubernetesClientException k && k.getCode() == 404) {
        return SchemaTable.builtIn(); // no OpenAPI v3: the standard kinds' facts shipped with us
      }
      throw e;
    }
    return new OpenApiSchema(index, openApi,
        (group, kind) -> discovery.find(group, kind).map(ResourceType::version));
  }

  /** Stops this cluster's watches and closes the client if the builder made it. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      List.copyOf(watches).forEach(InformerWatch::close);
      synchronized (this) {
        if (watchChecks != null) {
          watchChecks.shutdownNow();
        }
      }
      if (ownsClient) {
        client.close();
      }
    }
  }

  @Override
  public String toString() {
    return "FabricCluster[" + name + "]";
  }

  /** One daemon thread per cluster, made with the first watch, for the watches' checks. */
  private synchronized ScheduledExecutorService watchChecks() {
    if (watchChecks == null) {
      watchChecks = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "gitops-watch-check " + name);
        thread.setDaemon(true);
        return thread;
      });
    }
    return watchChecks;
  }

  private String getRaw(String url) {
    String body;
    try {
      body = limiter.call(name, () -> client.raw(url));
    } catch (RuntimeException e) {
      throw errors.onApi(e, "GET " + url);
    }
    if (body == null) {
      // fabric8's raw GET answers a 404 with null rather than an exception.
      throw errors.onApi(new KubernetesClientException("not found", 404, null), "GET " + url);
    }
    return body;
  }

  private ResourceType type(String group, String kind) {
    return discovery.find(group, kind)
        .orElseThrow(() -> new UnknownResourceTypeException(name, group, kind));
  }

  private MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList,
      Resource<GenericKubernetesResource>> resources(ResourceType type, String version) {
    return client.genericKubernetesResources(new ResourceDefinitionContext.Builder()
        .withGroup(type.group())
        .withVersion(version)
        .withKind(type.kind())
        .withPlural(type.plural())
        .withNamespaced(type.namespaced())
        .build());
  }

  private Resource<GenericKubernetesResource> one(ResourceType type, String version,
      ObjectKey key, String operation) {
    requireNamespace(type, key, operation);
    var resources = resources(type, version);
    return type.namespaced()
        ? resources.inNamespace(key.namespace()).withName(key.name())
        : resources.withName(key.name());
  }

  /** One namespace, or all namespaces (and always for cluster-scoped kinds). */
  private FilterWatchListDeletable<GenericKubernetesResource, GenericKubernetesResourceList,
      Resource<GenericKubernetesResource>> scope(ResourceType type, String namespace) {
    var resources = resources(type, type.version());
    return type.namespaced() && !namespace.isEmpty()
        ? resources.inNamespace(namespace)
        : resources.inAnyNamespace();
  }

  private void requireNamespace(ResourceType type, ObjectKey key, String operation) {
    if (type.namespaced() && !key.isNamespaced()) {
      throw new InvalidObjectException(key,
          name + ": " + operation + " " + key + ": " + type.kind() + " is namespaced and the object"
              + " has no metadata.namespace",
          List.of(new FieldCause("metadata.namespace", "Required value")));
    }
  }

  private String objectPath(ResourceType type, ObjectKey key) {
    StringBuilder path = new StringBuilder(type.group().isEmpty()
        ? "/api/" + type.version()
        : "/apis/" + type.group() + "/" + type.version());
    if (type.namespaced()) {
      path.append("/namespaces/").append(encode(key.namespace()));
    }
    return path.append('/').append(type.plural()).append('/').append(encode(key.name()))
        .toString();
  }

  /**
   * An object operation failed. A 404 for the kind's URL itself (a definition deleted since
   * discovery, a version no longer served) means the kind is unknown.
   */
  private ClusterException objectError(RuntimeException e, String operation, ObjectKey key,
      ResourceType type, String version) {
    KubernetesClientException k = ErrorMapper.clientException(e);
    if (k != null && ErrorMapper.endpointMissing(k)) {
      if (version.equals(type.version())) {
        discovery.forget(type.group(), type.kind());
      }
      return new UnknownResourceTypeException(name, type.group(), type.kind());
    }
    return errors.onObject(e, operation, key);
  }

  private ClusterException kindError(RuntimeException e, String operation, ResourceType type) {
    KubernetesClientException k = ErrorMapper.clientException(e);
    if (k != null && ErrorMapper.endpointMissing(k)) {
      discovery.forget(type.group(), type.kind());
      return new UnknownResourceTypeException(name, type.group(), type.kind());
    }
    return errors.onApi(e, operation);
  }

  private static String describe(ResourceType type, String namespace) {
    String kind = type.group().isEmpty() ? type.kind() : type.group() + "/" + type.kind();
    return type.namespaced() && !namespace.isEmpty() ? kind + " in namespace " + namespace : kind;
  }

  private static String versionOf(String apiVersion) {
    return apiVersion.substring(apiVersion.indexOf('/') + 1);
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /**
   * How to reach the cluster and how to talk to it. Sources, at most one: {@link #client} (used as
   * is and left open by {@link FabricCluster#close()}), {@link #config} or {@link #kubeconfig};
   * without one, the kubeconfig that {@code KUBECONFIG} names, else {@code ~/.kube/config}, else
   * the in-cluster service account, as fabric8 resolves it. The client settings (timeouts,
   * concurrency, retries) are written into the config of a client the builder makes; a client
   * passed in keeps its own, and only the in-process request limit applies to it.
   */
  public static final class Builder {
    private KubernetesClient client;
    private Config config;
    private Path kubeconfig;
    private String context;
    private String name;
    private Duration connectTimeout = ClientSettings.DEFAULTS.connectTimeout();
    private Duration requestTimeout = ClientSettings.DEFAULTS.requestTimeout();
    private int maxConcurrentRequests = ClientSettings.DEFAULTS.maxConcurrentRequests();
    private int maxConcurrentRequestsPerHost =
        ClientSettings.DEFAULTS.maxConcurrentRequestsPerHost();
    private int requestRetries = ClientSettings.DEFAULTS.requestRetries();
    private Duration discoveryMissTtl = DEFAULT_DISCOVERY_MISS_TTL;
    private long maxRequestBytes = dev.gitops.cluster.ObjectTooLargeException.REQUEST_LIMIT_BYTES;

    private Builder() {}

    /** Talk through this client; the caller keeps ownership and closes it. */
    public Builder client(KubernetesClient value) {
      this.client = requireNonNull(value, "client");
      return this;
    }

    /**
     * Build a client from this config. The client settings of this builder are written into it
     * (with setters, so that credential refresh from its kubeconfig file keeps working).
     */
    public Builder config(Config value) {
      this.config = requireNonNull(value, "config");
      return this;
    }

    /** Read this kubeconfig file instead of the default one. */
    public Builder kubeconfig(Path file) {
      this.kubeconfig = requireNonNull(file, "file");
      return this;
    }

    /** Use this kubeconfig context instead of the current one. */
    public Builder context(String contextName) {
      this.context = requireNonNull(contextName, "context");
      return this;
    }

    /** The name in messages; default: the kubeconfig context, else the server URL. */
    public Builder name(String value) {
      this.name = requireNonNull(value, "name");
      return this;
    }

    /** TCP and TLS connect timeout; default 10 s. */
    public Builder connectTimeout(Duration value) {
      this.connectTimeout = requireNonNull(value, "connectTimeout");
      return this;
    }

    /** Timeout of each request (not of watches); default 30 s. */
    public Builder requestTimeout(Duration value) {
      this.requestTimeout = requireNonNull(value, "requestTimeout");
      return this;
    }

    /**
     * Requests in flight: fabric8's total and per-host limits; the per-host one (one cluster is
     * one host) is also enforced by this cluster whatever HTTP client fabric8 uses. Default 64 and
     * 32: fabric8's own per-host default of 5 would serialize a sync of many objects.
     */
    public Builder maxConcurrentRequests(int total, int perHost) {
      this.maxConcurrentRequests = total;
      this.maxConcurrentRequestsPerHost = perHost;
      return this;
    }

    /**
     * How often fabric8 retries a request after an I/O error, 429 or 5xx, with exponential backoff
     * from 100 ms. Default 0: such errors surface at once as ClusterUnavailableException and the
     * caller (the sync loop) decides; fabric8's own default is 10.
     */
    public Builder requestRetries(int value) {
      this.requestRetries = value;
      return this;
    }

    /**
     * The largest request body sent; a larger apply fails with ObjectTooLargeException before it
     * is sent. Default 3 MiB, the API server's default {@code --max-request-body-bytes}: a
     * server refuses more anyway (413), and some HTTP clients time out sending a large body to a
     * server that has already refused it instead of reading the refusal.
     */
    public Builder maxRequestBytes(long value) {
      if (value <= 0) {
        throw new IllegalArgumentException("maxRequestBytes must be positive, was " + value);
      }
      this.maxRequestBytes = value;
      return this;
    }

    /** How long a kind that discovery did not find is reported absent without asking again. */
    public Builder discoveryMissTtl(Duration value) {
      this.discoveryMissTtl = requireNonNull(value, "discoveryMissTtl");
      return this;
    }

    /**
     * Builds the cluster. Connects lazily: the first operation is the first request.
     *
     * @throws IllegalStateException if more than one source is set, or a context with a client or
     *     config
     * @throws ClusterException if the kubeconfig has no such context
     */
    public FabricCluster build() {
      ClientSettings settings = new ClientSettings(connectTimeout, requestTimeout,
          maxConcurrentRequests, maxConcurrentRequestsPerHost, requestRetries);
      int sources = (client != null ? 1 : 0) + (config != null ? 1 : 0) + (kubeconfig != null ? 1 : 0);
      if (sources > 1) {
        throw new IllegalStateException("set only one of client, config and kubeconfig");
      }
      if (context != null && (client != null || config != null)) {
        throw new IllegalStateException("a context selects from a kubeconfig, not a client or config");
      }
      if (client != null) {
        return new FabricCluster(client, false, clusterName(client.getConfiguration()), settings,
            discoveryMissTtl, maxRequestBytes);
      }
      Config effective = config != null ? config : kubeconfigConfig();
      settings.applyTo(effective);
      KubernetesClient built = new KubernetesClientBuilder().withConfig(effective).build();
      return new FabricCluster(built, true, clusterName(effective), settings, discoveryMissTtl,
          maxRequestBytes);
    }

    private Config kubeconfigConfig() {
      Config loaded = kubeconfig != null
          ? Config.fromKubeconfig(context, kubeconfig.toFile())
          : Config.autoConfigure(context);
      if (context != null) {
        NamedContext current = loaded.getCurrentContext();
        if (current == null || !context.equals(current.getName())) {
          throw new ClusterException("kubeconfig " + (kubeconfig != null ? kubeconfig
              : String.join(", ", Config.getKubeconfigFilenames())) + " has no context " + context);
        }
      }
      return loaded;
    }

    private String clusterName(Config used) {
      if (name != null) {
        return name;
      }
      NamedContext current = used.getCurrentContext();
      if (current != null && current.getName() != null && !current.getName().isEmpty()) {
        return current.getName();
      }
      return used.getMasterUrl();
    }
  }
}
