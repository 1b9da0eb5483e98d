package consumer;

/** gitops-core alone: render, apply into the in-memory cluster, diff. */
public final class Main {
  public static void main(String[] args) throws Exception {
    CoreFlow.applyAndDiff(CoreFlow.render().objects());
    System.out.println("CONSUMER OK");
  }
}
