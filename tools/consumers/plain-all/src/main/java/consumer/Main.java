package consumer;

/** Every module: render, gate, apply, diff, and a FabricCluster over a fabric8 client. */
public final class Main {
  public static void main(String[] args) throws Exception {
    FullFlow.run();
    System.out.println("CONSUMER OK");
  }
}
