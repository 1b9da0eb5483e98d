package dev.gitops.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives tests a real kube-apiserver and etcd ({@link dev.gitops.test.apiserver.KubeApiServer}):
 * declare a parameter of type {@code Cluster}, {@code FabricCluster} or {@code KubeApiServer}.
 * See {@link KubeApiServerClusterExtension}; the binaries must be built first
 * ({@code docs/test-kit.md}).
 *
 * <pre>{@code
 * @WithKubeApiServer
 * class AcceptanceTest {
 *   @Test
 *   void prodIsAccepted(Cluster cluster) {
 *     assertThat(repo).application("apps/prod").isAcceptedByTheApiServer(cluster);
 *   }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(KubeApiServerClusterExtension.class)
public @interface WithKubeApiServer {
}
