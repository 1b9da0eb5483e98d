package consumer;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.Map;
import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A Spring Boot application with its own Jackson mapper (Boot's) and its own fabric8 client bean;
 * the SDK renders, gates, applies into the in-memory cluster, diffs, and wraps the application's
 * client in a FabricCluster.
 */
@SpringBootApplication
public class Main {
  public static void main(String[] args) {
    SpringApplication.run(Main.class, args).close();
    System.out.println("CONSUMER OK");
  }

  /** The application's own fabric8 client (no API server runs here: nothing is sent). */
  @Bean(destroyMethod = "close")
  KubernetesClient kubernetesClient() {
    return new KubernetesClientBuilder()
        .withConfig(new ConfigBuilder().withMasterUrl("https://127.0.0.1:1").build())
        .build();
  }

  @Bean
  CommandLineRunner sdk(tools.jackson.databind.json.JsonMapper mapper, KubernetesClient client) {
    return args -> {
      System.out.println("application Jackson (" + mapper.getClass().getName() + "): "
          + mapper.writeValueAsString(Map.of("framework", "spring-boot")));
      FullFlow.run(client);
    };
  }
}
