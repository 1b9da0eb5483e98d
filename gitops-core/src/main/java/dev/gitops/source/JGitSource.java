package dev.gitops.source;

import static java.util.Objects.requireNonNull;

import dev.gitops.model.Revision;
import dev.gitops.model.Snapshot;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jgit.api.FetchCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.LsRemoteCommand;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.InvalidRemoteException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import org.eclipse.jgit.errors.NotSupportedException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.FetchResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.transport.TrackingRefUpdate;
import org.eclipse.jgit.transport.TransportHttp;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * A {@link Source} for a remote Git repository (HTTPS, SSH, git, or file URLs), read through a
 * local clone in a {@link GitCache}.
 *
 * <pre>{@code
 * Source source = JGitSource.builder()
 *     .url("https://git.example.com/team/config.git")
 *     .credentials(Credentials.token(token))
 *     .cache(cache)
 *     .build();
 * Snapshot snapshot = source.fetch(GitRef.semver(">=1.2.0 <2.0.0"), "deploy/prod");
 * }</pre>
 *
 * <p>Resolving asks the remote for its refs (at most once per the cache's check interval), and
 * fetches only when the chosen commit is not already in the clone; branch and tag fetches are
 * shallow unless disabled. A clone that turns out corrupt or locked is deleted and cloned again,
 * once per call.
 */
public final class JGitSource implements Source {
  /** Packs a clone may hold before it is repacked into one. */
  static final int MAX_PACKS = 32;

  /** Default for {@link Builder#connectTimeout(Duration)}. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  /** Default for {@link Builder#readTimeout(Duration)}. */
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);

  private final String url;
  private final String displayUrl;
  private final Credentials credentials;
  private final GitCache cache;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final boolean shallow;
  private final CommitVerifier verifier;

  private JGitSource(Builder b) {
    this.url = b.url;
    this.displayUrl = Urls.redact(b.url);
    this.credentials = b.credentials;
    this.cache = b.cache;
    this.connectTimeout = b.connectTimeout;
    this.readTimeout = b.readTimeout;
    this.shallow = b.shallow;
    this.verifier = CommitVerifier.of(b.trustedKeys, b.signerPolicy, b.verifiedSince);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The repository URL without credentials. */
  public String url() {
    return displayUrl;
  }

  @Override
  public Revision resolve(GitRef ref) {
    requireNonNull(ref, "ref");
    return locked(repo -> resolveIn(repo, ref).revision);
  }

  @Override
  public Snapshot fetch(GitRef ref, String path) {
    requireNonNull(ref, "ref");
    requireNonNull(path, "path");
    GitCache.Entry entry = cache.entry(displayUrl);
    return locked(repo -> {
      Resolved r = resolveIn(repo, ref);
      GitCache.SnapshotMemo memo = entry.lastSnapshot;
      if (memo != null && memo.commitId().equals(r.commit.name()) && memo.path().equals(path)
          && memo.snapshot().revision().equals(r.revision)) {
        return memo.snapshot();
      }
      TreeSnapshots.Built built = TreeSnapshots.of(repo, r.commit, r.revision, path,
          memo == null ? Map.of() : memo.blobs());
      entry.lastSnapshot =
          new GitCache.SnapshotMemo(r.commit.name(), path, built.snapshot(), built.blobs());
      return built.snapshot();
    });
  }

  // ---- locking and repair ----

  private interface RepoWork<T> {
    T run(Repository repo) throws IOException, GitAPIException;
  }

  private <T> T locked(RepoWork<T> work) {
    GitCache.Entry entry = cache.entry(displayUrl);
    entry.lock.lock();
    try {
      try {
        return runOnce(entry, work);
      } catch (LocalCacheException first) {
        // The clone is unusable (corrupt objects, stale lock files, half-written state):
        // start again from nothing rather than fail on every later call.
        entry.repairs.incrementAndGet();
        deleteRecursively(entry.dir);
        entry.lastCheck = null;
        entry.lastSnapshot = null;
        try {
          return runOnce(entry, work);
        } catch (LocalCacheException second) {
          throw new SourceException(displayUrl,
              "local clone at " + entry.dir + " is unusable even after re-cloning: "
                  + Urls.scrub(second.getMessage(), url), Urls.scrubbed(second.getCause(), url));
        }
      }
    } finally {
      entry.lock.unlock();
    }
  }

  private <T> T runOnce(GitCache.Entry entry, RepoWork<T> work) {
    try (Repository repo = open(entry.dir)) {
      return work.run(repo);
    } catch (SourceException e) {
      throw e;
    } catch (TransportException e) {
      if (causedByLocalDamage(e)) {
        throw new LocalCacheException(e);
      }
      throw mapRemote(e);
    } catch (InvalidRemoteException e) {
      throw new SourceException(displayUrl, "not a valid remote: " + Urls.scrub(e.getMessage(), url),
          Urls.scrubbed(e, url));
    } catch (IOException | GitAPIException | RuntimeException e) {
      if (e instanceof dev.gitops.model.GitOpsException g) {
        throw g;
      }
      throw new LocalCacheException(e);
    }
  }

  private Repository open(Path dir) throws IOException {
    if (!Files.isDirectory(dir.resolve("objects")) || !Files.isRegularFile(dir.resolve("HEAD"))) {
      deleteRecursively(dir);
      Files.createDirectories(dir);
      try {
        try (Git git = Git.init().setBare(true).setGitDir(dir.toFile()).setInitialBranch("main").call()) {
          // No background garbage collection racing our fetches; we repack under our own lock.
          StoredConfig config = git.getRepository().getConfig();
          config.setInt("gc", null, "auto", 0);
          config.setInt("gc", null, "autoPackLimit", 0);
          // Even a no-op automatic gc after each fetch would otherwise run detached, leaving
          // lock files that come and go under our feet.
          config.setBoolean("gc", null, "autoDetach", false);
          // Packs replaced by a repack go at once: nothing else reads this clone.
          config.setString("gc", null, "prunePackExpire", "now");
          config.save();
        }
      } catch (GitAPIException e) {
        throw new IOException("cannot create a clone at " + dir, e);
      }
    }
    return new FileRepositoryBuilder().setGitDir(dir.toFile()).setMustExist(true).build();
  }

  // ---- resolution ----

  private Resolved resolveIn(Repository repo, GitRef ref) throws IOException, GitAPIException {
    GitCache.Entry entry = cache.entry(displayUrl);
    String refName;
    RevCommit commit;
    if (ref.kind() == GitRef.Kind.COMMIT) {
      ObjectId id = Commits.findCommit(displayUrl, repo, ref);
      if (id == null) {
        List<RefSpec> specs = new ArrayList<>();
        if (ref.branch() != null) {
          String b = RefSelection.HEADS + ref.branch();
          specs.add(new RefSpec("+" + b + ":" + b));
        } else {
          specs.add(new RefSpec("+refs/heads/*:refs/heads/*"));
          specs.add(new RefSpec("+refs/tags/*:refs/tags/*"));
        }
        fetch(repo, entry, specs, false);
        id = Commits.findCommit(displayUrl, repo, ref);
        if (id == null) {
          throw new RefNotFoundException(displayUrl, ref,
              ref.branch() == null ? "no such commit on any branch or tag"
                  : "no such commit on branch '" + ref.branch() + "'");
        }
      }
      refName = id.name();
      commit = Commits.peel(repo, id);
    } else {
      Map<String, ObjectId> advertised = advertisedRefs(repo, entry);
      RefSelection sel = RefSelection.select(displayUrl, ref, advertised);
      refName = sel.refName();
      commit = Commits.peel(repo, sel.id());
      if (commit == null) {
        fetch(repo, entry, List.of(new RefSpec("+" + refName + ":" + refName)), shallow);
        commit = Commits.peel(repo, sel.id());
        if (commit == null) {
          throw new LocalCacheException(new IOException(
              "fetched " + refName + " but " + sel.id().name() + " is still missing"));
        }
      }
    }
    if (commit == null) {
      throw new RefNotFoundException(displayUrl, ref, "object is not a commit");
    }
    Revision revision = verifier.revision(displayUrl, repo, refName, commit);
    return new Resolved(commit, revision);
  }

  private Map<String, ObjectId> advertisedRefs(Repository repo, GitCache.Entry entry)
      throws GitAPIException {
    if (!cache.isDue(entry)) {
      return entry.advertised;
    }
    LsRemoteCommand ls = Git.lsRemoteRepository().setRemote(url).setHeads(true).setTags(true);
    configure(ls);
    Collection<Ref> refs = ls.call();
    entry.remoteChecks.incrementAndGet();
    Map<String, ObjectId> out = new HashMap<>();
    for (Ref r : refs) {
      ObjectId peeled = r.getPeeledObjectId();
      out.put(r.getName(), peeled != null ? peeled : r.getObjectId());
    }
    entry.advertised = Map.copyOf(out);
    entry.lastCheck = cache.clock().instant();
    return entry.advertised;
  }

  private void fetch(Repository repo, GitCache.Entry entry, List<RefSpec> specs, boolean depthOne)
      throws GitAPIException, IOException {
    boolean isShallow = !repo.getObjectDatabase().getShallowCommits().isEmpty();
    FetchResult result;
    try {
      result = runFetch(repo, specs, depthOne, !depthOne && isShallow);
    } catch (TransportException e) {
      if (!depthOne || !(e.getCause() instanceof NotSupportedException)) {
        throw e;
      }
      result = runFetch(repo, specs, false, false); // the remote cannot serve shallow fetches
    }
    entry.fetches.incrementAndGet();
    for (TrackingRefUpdate u : result.getTrackingRefUpdates()) {
      RefUpdate.Result r = u.getResult();
      if (r == RefUpdate.Result.LOCK_FAILURE || r == RefUpdate.Result.IO_FAILURE
          || r == RefUpdate.Result.REJECTED_OTHER_REASON) {
        throw new LocalCacheException(new IOException(
            "cannot update " + u.getLocalName() + " in the clone: " + r));
      }
    }
    repackIfFragmented(repo, entry);
  }

  /** Every fetch adds a pack; past a limit, lookups slow down, so the clone is repacked. */
  private static void repackIfFragmented(Repository repo, GitCache.Entry entry)
      throws GitAPIException, IOException {
    Path packs = repo.getDirectory().toPath().resolve("objects/pack");
    long count;
    try (Stream<Path> files = Files.list(packs)) {
      count = files.filter(p -> p.toString().endsWith(".pack")).count();
    }
    if (count > MAX_PACKS) {
      try (Git git = new Git(repo)) {
        git.gc().setAggressive(false).setPreserveOldPacks(false).call();
      }
      entry.repacks.incrementAndGet();
    }
  }

  private FetchResult runFetch(Repository repo, List<RefSpec> specs, boolean depthOne,
      boolean unshallow) throws GitAPIException {
    try (Git git = new Git(repo)) {
      FetchCommand f = git.fetch().setRemote(url).setRefSpecs(specs).setTagOpt(TagOpt.NO_TAGS)
          .setRemoveDeletedRefs(false);
      if (depthOne) {
        f.setDepth(1);
      } else if (unshallow) {
        f.setUnshallow(true);
      }
      configure(f);
      return f.call();
    }
  }

  private void configure(TransportCommand<?, ?> cmd) {
    // JGit's own timeout bounds reads on the git and SSH transports; HTTP gets both limits below.
    cmd.setTimeout((int) Math.max(1, readTimeout.toSeconds()));
    if (credentials instanceof Credentials.Basic b) {
      cmd.setCredentialsProvider(new UsernamePasswordCredentialsProvider(b.username(), b.password()));
    }
    TransportConfigCallback ssh = credentials instanceof Credentials.SshKey k
        ? SshTransport.callback(k, connectTimeout) : null;
    cmd.setTransportConfigCallback(transport -> {
      if (transport instanceof TransportHttp http) {
        http.setHttpConnectionFactory(new HttpTimeouts(connectTimeout, readTimeout));
      } else if (ssh != null) {
        ssh.configure(transport);
      }
    });
  }

  // ---- error mapping ----

  /** A transport error whose root is a damaged clone (missing or corrupt objects, locks). */
  private static boolean causedByLocalDamage(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof org.eclipse.jgit.errors.MissingObjectException
          || t instanceof org.eclipse.jgit.errors.CorruptObjectException
          || t instanceof org.eclipse.jgit.errors.PackInvalidException
          || t instanceof org.eclipse.jgit.errors.PackMismatchException
          || t instanceof org.eclipse.jgit.errors.LockFailedException) {
        return true;
      }
    }
    return false;
  }

  private SourceException mapRemote(TransportException e) {
    String msg = Urls.scrub(String.valueOf(e.getMessage()), url);
    Throwable safe = Urls.scrubbed(e, url);
    String lower = msg.toLowerCase(java.util.Locale.ROOT);
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof LocalCacheMarker) {
        break;
      }
      if (t instanceof SshTransport.Refused r) { // untrusted host key, or SSH login refused
        return r.isAuthentication()
            ? new SourceAuthenticationException(displayUrl,
                "authentication failed with " + credentials + ": " + r.reason(), safe)
            : new SourceUnreachableException(displayUrl, r.reason(), safe);
      }
      if (t instanceof UnknownHostException || t instanceof ConnectException
          || t instanceof NoRouteToHostException) {
        return new SourceUnreachableException(displayUrl, "cannot connect: " + Urls.scrub(t.getMessage(), url), safe);
      }
      if (t instanceof SocketTimeoutException || t instanceof InterruptedIOException) {
        boolean connecting = String.valueOf(Urls.scrub(t.getMessage(), url)).toLowerCase(java.util.Locale.ROOT)
            .contains("connect");
        return new SourceUnreachableException(displayUrl, connecting
            ? "cannot connect within " + seconds(connectTimeout) + ": " + Urls.scrub(t.getMessage(), url)
            : "no answer within " + seconds(readTimeout) + ": " + Urls.scrub(t.getMessage(), url), safe);
      }
      if (t instanceof NoRemoteRepositoryException) {
        return new SourceException(displayUrl, "repository not found: " + Urls.scrub(t.getMessage(), url), safe);
      }
    }
    if (lower.contains("not authorized") || lower.contains("authentication")
        || lower.contains("auth fail") || lower.contains("401") || lower.contains("403")
        || lower.contains("no more authentication methods")) {
      return new SourceAuthenticationException(displayUrl,
          "authentication failed with " + credentials + ": " + msg, safe);
    }
    if (lower.contains("timeout") || lower.contains("timed out")) {
      return new SourceUnreachableException(displayUrl, "timed out (connect limit "
          + seconds(connectTimeout) + ", read limit " + seconds(readTimeout) + "): " + msg, safe);
    }
    if (lower.contains("host key") || lower.contains("connection refused")
        || lower.contains("cannot open") || lower.contains("connection failed")) {
      return new SourceUnreachableException(displayUrl, msg, safe);
    }
    if (lower.contains("not found")) {
      return new SourceException(displayUrl, "repository not found: " + msg, safe);
    }
    return new SourceException(displayUrl, "remote operation failed: " + msg, safe);
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new SourceException(dir.toString(), "cannot delete unusable clone: " + e.getMessage(), e);
    }
  }

  private record Resolved(RevCommit commit, Revision revision) {}

  /** Marks causes that come from the local clone rather than the remote. */
  private interface LocalCacheMarker {}

  /** The local clone is unusable; triggers one re-clone. */
  private static final class LocalCacheException extends RuntimeException implements LocalCacheMarker {
    private static final long serialVersionUID = 1L;

    LocalCacheException(Throwable cause) {
      super(String.valueOf(cause.getMessage()), cause);
    }
  }

  /** Options of a {@link JGitSource}; only the URL and cache are required. */
  public static final class Builder {
    private String url;
    private Credentials credentials = Credentials.none();
    private GitCache cache;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration readTimeout = DEFAULT_READ_TIMEOUT;
    private boolean shallow = true;
    private TrustedKeys trustedKeys;
    private SignerPolicy signerPolicy;
    private String verifiedSince;

    private Builder() {}

    /** The remote: {@code https://}, {@code http://}, {@code ssh://}, {@code git://} or {@code file://}. */
    public Builder url(String url) {
      this.url = requireNonNull(url, "url");
      return this;
    }

    public Builder credentials(Credentials credentials) {
      this.credentials = requireNonNull(credentials, "credentials");
      return this;
    }

    /** The clone cache, usually shared by all sources of a process. */
    public Builder cache(GitCache cache) {
      this.cache = requireNonNull(cache, "cache");
      return this;
    }

    /** Limit for establishing a connection to the remote; default 10 s. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /**
     * Limit for waiting on each read from the remote; default 60 s. On the SSH and git
     * transports it is applied in whole seconds.
     */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = positive(timeout, "readTimeout");
      return this;
    }

    private static Duration positive(Duration d, String what) {
      requireNonNull(d, what);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(what + " must be positive: " + d);
      }
      return d;
    }

    /** Whether branch and tag fetches ask for the tip commit only (depth 1); default true. */
    public Builder shallow(boolean shallow) {
      this.shallow = shallow;
      return this;
    }

    /** Requires every resolved commit to be signed by one of these keys. */
    public Builder trustedKeys(TrustedKeys keys) {
      this.trustedKeys = requireNonNull(keys, "keys");
      return this;
    }

    /**
     * Requires every resolved commit to be signed, and every path it changes to be signed by a
     * key trusted for that path; replaces {@link #trustedKeys}.
     */
    public Builder signerPolicy(SignerPolicy policy) {
      this.signerPolicy = requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Under a {@link #signerPolicy}, the commit whose content is already trusted (for example the
     * last one synced, from the history): the first commit resolved is judged by what changed
     * since it rather than by all its files.
     *
     * @throws IllegalArgumentException unless it is a full 40-digit commit id
     */
    public Builder verifiedSince(String commitId) {
      this.verifiedSince = CommitVerifier.commitId(commitId);
      return this;
    }

    public JGitSource build() {
      if (url == null) {
        throw new IllegalStateException("JGitSource needs a url");
      }
      if (cache == null) {
        throw new IllegalStateException("JGitSource needs a cache (GitCache.builder()...)");
      }
      Urls.checkTransport(url);
      if (credentials instanceof Credentials.SshKey && !url.startsWith("ssh://")
          && !url.matches("^[^/:]+@[^/:]+:.*")) {
        throw new IllegalArgumentException("SSH key credentials need an ssh:// or scp-style URL: "
            + Urls.redact(url));
      }
      return new JGitSource(this);
    }
  }
}
