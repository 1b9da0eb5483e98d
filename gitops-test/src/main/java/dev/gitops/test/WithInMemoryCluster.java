package dev.gitops.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives each test a fresh {@link dev.gitops.cluster.InMemoryCluster}: declare a parameter of type
 * {@code InMemoryCluster} or {@code Cluster} on a test method or a {@code @BeforeEach} /
 * {@code @AfterEach} method (they share the test's cluster). See {@link InMemoryClusterExtension}.
 *
 * <pre>{@code
 * @WithInMemoryCluster
 * class SyncTest {
 *   @Test
 *   void appliesTheApp(Cluster cluster) { ... }
 * }
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(InMemoryClusterExtension.class)
public @interface WithInMemoryCluster {
}
