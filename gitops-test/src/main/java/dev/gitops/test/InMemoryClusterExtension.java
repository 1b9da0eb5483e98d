package dev.gitops.test;

import dev.gitops.cluster.Cluster;
import dev.gitops.cluster.InMemoryCluster;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves parameters of type {@link InMemoryCluster} or {@link Cluster} with a fresh in-memory
 * cluster per test: the test method and its {@code @BeforeEach} and {@code @AfterEach} methods
 * get the same one, the next test another. The cluster is closed after the test.
 *
 * <p>Constructors and {@code @BeforeAll} methods get no cluster (it would outlive a test): the
 * resolution fails with a message saying so. Do not combine with {@link WithKubeApiServer}, which
 * resolves {@code Cluster} too.
 */
public final class InMemoryClusterExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(InMemoryClusterExtension.class);

  /** Made by JUnit, from {@link WithInMemoryCluster} or {@code @ExtendWith}. */
  public InMemoryClusterExtension() {}

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == InMemoryCluster.class || type == Cluster.class;
  }

  @Override
  public InMemoryCluster resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Executable declaring = parameter.getDeclaringExecutable();
    if (!(declaring instanceof Method) || context.getTestMethod().isEmpty()) {
      throw new ParameterResolutionException("An in-memory cluster is made per test: "
          + declaring + " is not a test or @BeforeEach/@AfterEach method, so parameter "
          + parameter.getParameter().getName() + " cannot get one");
    }
    // The test's own store: JUnit closes the cluster (AutoCloseable) when the test ends.
    return context.getStore(NAMESPACE).getOrComputeIfAbsent(InMemoryCluster.class,
        type -> InMemoryCluster.create(), InMemoryCluster.class);
  }
}
