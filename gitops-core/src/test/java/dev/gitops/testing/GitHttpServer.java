package dev.gitops.testing;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.http.server.GitServlet;
import org.eclipse.jgit.lib.Repository;

/**
 * A real Git smart-HTTP server on loopback (Jetty and JGit's GitServlet) for tests and
 * benchmarks: serves registered repositories at {@code http://127.0.0.1:<port>/git/<name>},
 * optionally behind HTTP basic authentication, and counts the ref advertisements it serves.
 */
public final class GitHttpServer implements AutoCloseable {
  private final Server server;
  private final ServerConnector connector;
  private final Map<String, Repository> repositories = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> refAdvertisements = new ConcurrentHashMap<>();
  private final Map<String, CountDownLatch> holds = new ConcurrentHashMap<>();
  private volatile String user;
  private volatile String password;

  private GitHttpServer() {
    server = new Server();
    connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);

    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    GitServlet git = new GitServlet();
    git.setRepositoryResolver((req, name) -> {
      Repository repo = repositories.get(stripGit(name));
      if (repo == null) {
        throw new RepositoryNotFoundException(name);
      }
      repo.incrementOpen(); // GitServlet closes the repository after each request
      return repo;
    });
    context.addServlet(new ServletHolder(git), "/git/*");
    context.addFilter(new FilterHolder(new GateFilter()), "/git/*",
        EnumSet.of(jakarta.servlet.DispatcherType.REQUEST));
    server.setHandler(context);
  }

  /** Starts a server on an ephemeral loopback port. */
  public static GitHttpServer start() {
    GitHttpServer s = new GitHttpServer();
    try {
      s.server.start();
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the Git HTTP server", e);
    }
    return s;
  }

  /** Serves a repository under a name. */
  public GitHttpServer register(String name, Repository repository) {
    repositories.put(name, repository);
    return this;
  }

  /** Requires HTTP basic authentication with these credentials from now on. */
  public GitHttpServer requireBasicAuth(String user, String password) {
    this.user = user;
    this.password = password;
    return this;
  }

  /** The clone URL of a registered repository. */
  public String url(String name) {
    return "http://127.0.0.1:" + port() + "/git/" + name;
  }

  public int port() {
    return connector.getLocalPort();
  }

  /** How many times the refs of a repository were advertised (one per ls-remote or fetch). */
  public int refAdvertisements(String name) {
    AtomicInteger n = refAdvertisements.get(name);
    return n == null ? 0 : n.get();
  }

  /**
   * Holds every request for a repository until the returned latch is counted down: to observe
   * what clients do while a remote is slow.
   */
  public CountDownLatch hold(String name) {
    CountDownLatch latch = new CountDownLatch(1);
    holds.put(name, latch);
    return latch;
  }

  /** Requests for a repository that have arrived at the server, held or not. */
  public int requestsArrived(String name) {
    AtomicInteger n = arrived.get(name);
    return n == null ? 0 : n.get();
  }

  private final Map<String, AtomicInteger> arrived = new ConcurrentHashMap<>();

  @Override
  public void close() {
    try {
      holds.values().forEach(CountDownLatch::countDown);
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String stripGit(String name) {
    String n = name.startsWith("/") ? name.substring(1) : name;
    return n.endsWith(".git") ? n.substring(0, n.length() - 4) : n;
  }

  private final class GateFilter implements Filter {
    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
        throws IOException, ServletException {
      HttpServletRequest http = (HttpServletRequest) req;
      HttpServletResponse out = (HttpServletResponse) res;
      String path = http.getPathInfo() == null ? "" : http.getPathInfo();
      String name = stripGit(path.replaceFirst("/(info/refs|git-upload-pack|git-receive-pack|HEAD|objects/.*)$", ""));
      arrived.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
      CountDownLatch hold = holds.get(name);
      if (hold != null) {
        try {
          hold.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      String u = user;
      if (u != null) {
        String expected = "Basic " + Base64.getEncoder().encodeToString(
            (u + ":" + password).getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(http.getHeader("Authorization"))) {
          out.setHeader("WWW-Authenticate", "Basic realm=\"git\"");
          out.sendError(HttpServletResponse.SC_UNAUTHORIZED);
          return;
        }
      }
      if (path.endsWith("/info/refs")) {
        refAdvertisements.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
      }
      chain.doFilter(req, res);
    }
  }
}
