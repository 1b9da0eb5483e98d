package consumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/** Under the Quarkus BOM: Quarkus' Jackson 2 beside the SDK's Jackson 3. */
public final class Main {
  public static void main(String[] args) throws Exception {
    String json = new ObjectMapper().writeValueAsString(Map.of("framework", "quarkus"));
    System.out.println("application Jackson 2: " + json);
    FullFlow.run();
    System.out.println("CONSUMER OK");
  }
}
