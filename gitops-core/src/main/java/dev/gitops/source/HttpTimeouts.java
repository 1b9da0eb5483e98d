package dev.gitops.source;

import java.io.IOException;
import java.net.Proxy;
import java.net.URL;
import java.time.Duration;
import org.eclipse.jgit.transport.http.HttpConnection;
import org.eclipse.jgit.transport.http.JDKHttpConnection;
import org.eclipse.jgit.transport.http.JDKHttpConnectionFactory;

/**
 * HTTP connections with separate connect and read timeouts; package-private. JGit applies its one
 * transport timeout to both, so this factory, installed per transport, replaces the values it sets.
 */
final class HttpTimeouts extends JDKHttpConnectionFactory {
  private final int connectMillis;
  private final int readMillis;

  HttpTimeouts(Duration connect, Duration read) {
    this.connectMillis = (int) Math.min(Integer.MAX_VALUE, connect.toMillis());
    this.readMillis = (int) Math.min(Integer.MAX_VALUE, read.toMillis());
  }

  @Override
  public HttpConnection create(URL url) throws IOException {
    return create(url, null);
  }

  @Override
  public HttpConnection create(URL url, Proxy proxy) throws IOException {
    return new Connection(url, proxy);
  }

  private final class Connection extends JDKHttpConnection {
    Connection(URL url, Proxy proxy) throws IOException {
      super(url, proxy);
      super.setConnectTimeout(connectMillis);
      super.setReadTimeout(readMillis);
    }

    @Override
    public void setConnectTimeout(int ignored) {
      super.setConnectTimeout(connectMillis);
    }

    @Override
    public void setReadTimeout(int ignored) {
      super.setReadTimeout(readMillis);
    }
  }
}
