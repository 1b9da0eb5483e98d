package consumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A Spring Boot 3 application with its own Jackson 2 mapper (Boot's); the SDK renders, gates,
 * applies into the in-memory cluster, diffs, then wraps a fabric8 client in a FabricCluster.
 */
@SpringBootApplication
public class Main {
  public static void main(String[] args) {
    SpringApplication.run(Main.class, args).close();
    System.out.println("CONSUMER OK");
  }

  @Bean
  CommandLineRunner sdk(ObjectMapper mapper) {
    return args -> {
      System.out.println("application Jackson (" + mapper.getClass().getName() + "): "
          + mapper.writeValueAsString(Map.of("framework", "spring-boot")));
      FullFlow.run();
    };
  }
}
