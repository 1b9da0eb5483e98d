package consumer;

import io.javaoperatorsdk.operator.api.config.ConfigurationService;

/**
 * java-operator-sdk 5 brings fabric8 7: gitops-core runs; gitops-k8s must refuse fabric8 7 at first
 * use with its message (run.sh expects this program to fail with it).
 */
public final class Main {
  public static void main(String[] args) throws Exception {
    System.out.println("java-operator-sdk on the class path: " + ConfigurationService.class.getName());
    CoreFlow.applyAndDiff(CoreFlow.render().objects());
    FullFlow.run();
    System.out.println("CONSUMER OK");
  }
}
