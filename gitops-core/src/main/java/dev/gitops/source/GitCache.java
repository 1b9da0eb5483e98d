package dev.gitops.source;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Local clones of remote repositories, shared by every {@link JGitSource} that is given the same
 * cache. Per repository URL it keeps one bare clone, serializes fetches (different repositories
 * proceed in parallel), and asks the remote for its refs at most once per check interval however
 * many sources share it.
 *
 * <p>Use one cache per directory per process.
 */
public final class GitCache {
  /** Default time during which the refs last seen on a remote are reused without asking again. */
  public static final Duration DEFAULT_CHECK_INTERVAL = Duration.ofSeconds(60);

  private final Path directory;
  private final Duration checkInterval;
  private final Clock clock;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  private GitCache(Builder b) {
    this.directory = b.directory;
    this.checkInterval = b.checkInterval;
    this.clock = b.clock;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A cache in a new temporary directory, with default settings. */
  public static GitCache temporary() {
    try {
      return builder().directory(Files.createTempDirectory("gitops-cache")).build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Path directory() {
    return directory;
  }

  public Duration checkInterval() {
    return checkInterval;
  }

  /** Counters for one repository (by URL as given to the source; credentials are ignored). */
  public Stats stats(String url) {
    Entry e = entries.get(Urls.redact(url));
    return e == null ? new Stats(0, 0, 0, 0) : e.stats();
  }

  /**
   * Forgets when the remote was last asked, so the next resolve asks again: for a webhook that
   * says the repository changed.
   */
  public void invalidate(String url) {
    Entry e = entries.get(Urls.redact(url));
    if (e != null) {
      e.lock.lock();
      try {
        e.lastCheck = null;
      } finally {
        e.lock.unlock();
      }
    }
  }

  Entry entry(String redactedUrl) {
    return entries.computeIfAbsent(redactedUrl, u -> new Entry(directory.resolve(dirName(u))));
  }

  Clock clock() {
    return clock;
  }

  boolean isDue(Entry e) {
    Instant now = clock.instant();
    return e.lastCheck == null || !now.isBefore(e.lastCheck.plus(checkInterval));
  }

  private static String dirName(String url) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8));
      String host = url.replaceFirst("^[a-zA-Z+.-]+://", "").replaceFirst("^[^@/]*@", "");
      String readable = host.replaceAll("[^A-Za-z0-9._-]+", "_");
      if (readable.length() > 40) {
        readable = readable.substring(readable.length() - 40);
      }
      return readable + "-" + HexFormat.of().formatHex(h, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Counters of one cached repository.
   *
   * @param remoteChecks times the remote was asked for its refs
   * @param fetches fetches that transferred objects
   * @param repairs times a corrupt or locked clone was deleted and cloned again
   * @param repacks times the clone's packs were combined after many incremental fetches
   */
  public record Stats(long remoteChecks, long fetches, long repairs, long repacks) {}

  /** State of one repository; guarded by {@code lock}. */
  static final class Entry {
    final Path dir;
    final ReentrantLock lock = new ReentrantLock(true);
    Instant lastCheck;
    Map<String, ObjectId> advertised = Map.of();
    final AtomicLong remoteChecks = new AtomicLong();
    final AtomicLong fetches = new AtomicLong();
    final AtomicLong repairs = new AtomicLong();
    final AtomicLong repacks = new AtomicLong();
    SnapshotMemo lastSnapshot;

    Entry(Path dir) {
      this.dir = dir;
    }

    Stats stats() {
      return new Stats(remoteChecks.get(), fetches.get(), repairs.get(), repacks.get());
    }
  }

  /**
   * The most recent snapshot of an entry, reused when the same commit and path are asked again,
   * and its blobs by id (the snapshot's own arrays, read only), reused for the next commit's
   * snapshot.
   */
  record SnapshotMemo(String commitId, String path, dev.gitops.model.Snapshot snapshot,
      Map<ObjectId, byte[]> blobs) {}

  /** Options of a {@link GitCache}. */
  public static final class Builder {
    private Path directory;
    private Duration checkInterval = DEFAULT_CHECK_INTERVAL;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** Where clones are kept; required. */
    public Builder directory(Path directory) {
      this.directory = requireNonNull(directory, "directory");
      return this;
    }

    /** How long refs seen on a remote are reused; zero asks on every resolve. Default 60 s. */
    public Builder checkInterval(Duration interval) {
      requireNonNull(interval, "interval");
      if (interval.isNegative()) {
        throw new IllegalArgumentException("checkInterval must not be negative: " + interval);
      }
      this.checkInterval = interval;
      return this;
    }

    /** The clock the check interval is measured by; for tests. */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    public GitCache build() {
      if (directory == null) {
        throw new IllegalStateException("GitCache needs a directory");
      }
      return new GitCache(this);
    }
  }
}
