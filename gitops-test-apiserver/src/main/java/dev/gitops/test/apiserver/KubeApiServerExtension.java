package dev.gitops.test.apiserver;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects a {@link KubeApiServer} into test constructors, lifecycle methods and test methods.
 * The server is started on first use and shared by the whole top-level test class (its nested
 * classes included), then closed after the class: a start takes seconds, so tests of one class
 * share it and keep apart by namespace or name.
 *
 * <pre>{@code
 * @ExtendWith(KubeApiServerExtension.class)
 * class ApplyTest {
 *   @Test
 *   void appliesConfigMaps(KubeApiServer server) { ... }
 * }
 * }</pre>
 */
public final class KubeApiServerExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(KubeApiServerExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == KubeApiServer.class;
  }

  @Override
  public KubeApiServer resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return server(context);
  }

  /**
   * The server of the top-level test class of this context, started on first use and closed
   * after the class; for other extensions that build on it (a cluster client per test, say).
   */
  public static KubeApiServer server(ExtensionContext context) {
    // JUnit closes AutoCloseable store values when the owning context ends: here, the class.
    return topLevelClassContext(context).getStore(NAMESPACE)
        .getOrComputeIfAbsent(KubeApiServer.class, type -> KubeApiServer.start(),
            KubeApiServer.class);
  }

  private static ExtensionContext topLevelClassContext(ExtensionContext context) {
    ExtensionContext current = context;
    while (current.getParent().isPresent() && current.getParent().get() != context.getRoot()) {
      current = current.getParent().get();
    }
    return current;
  }
}
