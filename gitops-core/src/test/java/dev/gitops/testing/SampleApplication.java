package dev.gitops.testing;

/**
 * The files of a small application the engine's tests sync (in memory and on a real API server):
 * a namespace, a ConfigMap, a legacy ConfigMap to prune, a Deployment, a Service, and Jobs as hooks.
 * Objects declare no namespace: the application's default fills it in.
 */
public final class SampleApplication {
  private SampleApplication() {}

  public static final String CONFIG = """
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: settings
      data:
        color: blue
      """;
  public static final String OLD_CONFIG = """
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: legacy
      data:
        mode: old
      """;
  public static final String DEPLOYMENT = """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        replicas: 2
        selector:
          matchLabels: {app: web}
        template:
          metadata:
            labels: {app: web}
          spec:
            containers:
            - name: web
              image: nginx:1.27
              ports:
              - containerPort: 80
      """;
  public static final String SERVICE = """
      apiVersion: v1
      kind: Service
      metadata:
        name: web
      spec:
        selector: {app: web}
        ports:
        - port: 80
      """;

  /** A Namespace of this name. */
  public static String namespace(String name) {
    return """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: %s
        """.formatted(name);
  }

  /**
   * A Job running one container to completion.
   *
   * @param annotations annotation lines ({@code key: value}), none for a plain Job
   */
  public static String job(String name, String... annotations) {
    StringBuilder meta = new StringBuilder();
    if (annotations.length > 0) {
      meta.append("\n  annotations:");
      for (String a : annotations) {
        meta.append("\n    ").append(a);
      }
    }
    return """
        apiVersion: batch/v1
        kind: Job
        metadata:
          name: %s%s
        spec:
          template:
            spec:
              restartPolicy: Never
              containers:
              - name: main
                image: busybox:1.36
        """.formatted(name, meta);
  }
}
