package dev.gitops.test;

import dev.gitops.cluster.Cluster;
import dev.gitops.k8s.FabricCluster;
import dev.gitops.test.apiserver.KubeApiServer;
import dev.gitops.test.apiserver.KubeApiServerExtension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves parameters of type {@link Cluster} or {@link FabricCluster} with a cluster client of a
 * real API server, and of type {@link KubeApiServer} with the server itself.
 *
 * <p>The server is started on first use and shared by the top-level test class (a start takes
 * seconds), as {@link KubeApiServerExtension} does; objects written by one test are seen by the
 * next, so tests keep apart by namespace or name. Each test (or the class, for constructors and
 * {@code @BeforeAll}) gets its own {@link FabricCluster}, closed when it ends.
 */
public final class KubeApiServerClusterExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(KubeApiServerClusterExtension.class);

  /** Made by JUnit, from {@link WithKubeApiServer} or {@code @ExtendWith}. */
  public KubeApiServerClusterExtension() {}

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == Cluster.class || type == FabricCluster.class || type == KubeApiServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    KubeApiServer server = KubeApiServerExtension.server(context);
    if (parameter.getParameter().getType() == KubeApiServer.class) {
      return server;
    }
    return context.getStore(NAMESPACE).getOrComputeIfAbsent(FabricCluster.class,
        type -> FabricCluster.builder().config(server.config()).name("kube-apiserver").build(),
        FabricCluster.class);
  }
}
