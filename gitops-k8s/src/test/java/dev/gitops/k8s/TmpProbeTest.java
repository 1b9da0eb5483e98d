package dev.gitops.k8s;

import dev.gitops.cluster.ApplyOptions;
import dev.gitops.cluster.ClusterException;
import dev.gitops.cluster.InvalidObjectException;
import dev.gitops.k8s.testing.KubeApiServer;
import dev.gitops.k8s.testing.KubeApiServerExtension;
import dev.gitops.model.Manifest;
import dev.gitops.model.SourceLocation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.ObjectMapper;

@Tag("heavy")
@ExtendWith(KubeApiServerExtension.class)
class TmpProbeTest {
  private final FabricCluster cluster;

  TmpProbeTest(KubeApiServer server) {
    this.cluster = FabricCluster.builder().config(server.config()).name("probe").build();
  }

  @SuppressWarnings("unchecked")
  Manifest m(String json) {
    return Manifest.of(new ObjectMapper().readValue(json, Map.class), SourceLocation.unknown());
  }

  void tryApply(String label, String json) {
    try {
      cluster.apply(m(json), ApplyOptions.defaults().withFieldManager("probe"));
      System.out.println("PROBE " + label + " OK");
    } catch (InvalidObjectException e) {
      System.out.println("PROBE " + label + " INVALID " + e.getMessage());
      e.causes().forEach(c -> System.out.println("PROBE   cause " + c));
    } catch (ClusterException e) {
      System.out.println("PROBE " + label + " ERR " + e);
    }
  }

  void tryStatus(String label, String json) {
    try {
      var r = cluster.applyStatus(m(json), ApplyOptions.defaults().withFieldManager("probe").withForce(true));
      System.out.println("PROBE " + label + " OK " + r.get("status").orElse(null));
    } catch (InvalidObjectException e) {
      System.out.println("PROBE " + label + " INVALID " + e.getMessage());
      e.causes().forEach(c -> System.out.println("PROBE   cause " + c));
    } catch (ClusterException e) {
      System.out.println("PROBE " + label + " ERR " + e);
    }
  }

  String sts(String svc, String policy, String app) {
    return """
      {"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"name":"db","namespace":"default"},
       "spec":{"serviceName":"%s","podManagementPolicy":"%s","replicas":1,"selector":{"matchLabels":{"app":"%s"}},
       "template":{"metadata":{"labels":{"app":"%s"}},"spec":{"containers":[{"name":"a","image":"x"}]}}}}
      """.formatted(svc, policy, app, app);
  }

  @Test
  void probe() {
    tryApply("sts create", sts("s1", "OrderedReady", "db"));
    tryApply("sts svc", sts("s2", "OrderedReady", "db"));
    tryApply("sts policy", sts("s1", "Parallel", "db"));
    tryApply("sts selector", sts("s1", "OrderedReady", "db2"));
    tryApply("sts revisionHistoryLimit", """
      {"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"name":"db","namespace":"default"},
       "spec":{"revisionHistoryLimit":3}}""");
    tryApply("secret create", """
      {"apiVersion":"v1","kind":"Secret","metadata":{"name":"s","namespace":"default"},"immutable":true,"type":"Opaque","stringData":{"a":"b"}}""");
    tryApply("secret change", """
      {"apiVersion":"v1","kind":"Secret","metadata":{"name":"s","namespace":"default"},"immutable":false,"type":"Opaque","stringData":{"a":"c"}}""");
    tryApply("secret2 create", """
      {"apiVersion":"v1","kind":"Secret","metadata":{"name":"s2","namespace":"default"},"type":"Opaque","stringData":{"a":"b"}}""");
    tryApply("secret2 type", """
      {"apiVersion":"v1","kind":"Secret","metadata":{"name":"s2","namespace":"default"},"type":"other.io/x","stringData":{"a":"b"}}""");
    tryApply("cm create", """
      {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","namespace":"default"},"immutable":true,"data":{"a":"b"}}""");
    tryApply("cm change", """
      {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","namespace":"default"},"immutable":false,"data":{"a":"c"}}""");
    tryApply("svc create", """
      {"apiVersion":"v1","kind":"Service","metadata":{"name":"svc","namespace":"default"},"spec":{"clusterIP":"10.0.0.77","ports":[{"port":80}]}}""");
    tryApply("svc change", """
      {"apiVersion":"v1","kind":"Service","metadata":{"name":"svc","namespace":"default"},"spec":{"clusterIP":"10.0.0.78","ports":[{"port":80}]}}""");
    tryApply("svc headless", """
      {"apiVersion":"v1","kind":"Service","metadata":{"name":"svc","namespace":"default"},"spec":{"clusterIP":"None","ports":[{"port":80}]}}""");
    tryApply("job create", """
      {"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"j","namespace":"default"},"spec":{"template":{"spec":{"restartPolicy":"Never","containers":[{"name":"a","image":"x"}]}}}}""");
    tryApply("job change", """
      {"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"j","namespace":"default"},"spec":{"template":{"spec":{"restartPolicy":"Never","containers":[{"name":"a","image":"y"}]}}}}""");
    tryApply("dep create", """
      {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d","namespace":"default"},"spec":{"selector":{"matchLabels":{"a":"b"}},"template":{"metadata":{"labels":{"a":"b"}},"spec":{"containers":[{"name":"a","image":"x"}]}}}}""");
    tryApply("dep change", """
      {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d","namespace":"default"},"spec":{"selector":{"matchLabels":{"a":"c"}},"template":{"metadata":{"labels":{"a":"c"}},"spec":{"containers":[{"name":"a","image":"x"}]}}}}""");
    // job status probes
    tryStatus("job status complete", """
      {"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"j","namespace":"default"},"status":{
        "startTime":"2026-01-01T00:00:00Z","completionTime":"2026-01-01T00:00:01Z","succeeded":1,
        "conditions":[
          {"type":"SuccessCriteriaMet","status":"True","reason":"CompletionsReached","message":"Reached expected number of succeeded pods","lastProbeTime":"2026-01-01T00:00:01Z","lastTransitionTime":"2026-01-01T00:00:01Z"},
          {"type":"Complete","status":"True","reason":"CompletionsReached","message":"Reached expected number of succeeded pods","lastProbeTime":"2026-01-01T00:00:01Z","lastTransitionTime":"2026-01-01T00:00:01Z"}]}}""");
    tryApply("job2 create", """
      {"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"j2","namespace":"default"},"spec":{"template":{"spec":{"restartPolicy":"Never","containers":[{"name":"a","image":"x"}]}}}}""");
    tryStatus("job2 status complete only", """
      {"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"j2","namespace":"default"},"status":{
        "startTime":"2026-01-01T00:00:00Z","completionTime":"2026-01-01T00:00:01Z","succeeded":1,
        "conditions":[
          {"type":"Complete","status":"True","reason":"CompletionsReached","message":"m","lastProbeTime":"2026-01-01T00:00:01Z","lastTransitionTime":"2026-01-01T00:00:01Z"}]}}""");
    tryStatus("job2 status failed", """
      {"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"j2","namespace":"default"},"status":{
        "startTime":"2026-01-01T00:00:00Z","failed":7,
        "conditions":[
          {"type":"FailureTarget","status":"True","reason":"BackoffLimitExceeded","message":"Job has reached the specified backoff limit","lastProbeTime":"2026-01-01T00:00:01Z","lastTransitionTime":"2026-01-01T00:00:01Z"},
          {"type":"Failed","status":"True","reason":"BackoffLimitExceeded","message":"Job has reached the specified backoff limit","lastProbeTime":"2026-01-01T00:00:01Z","lastTransitionTime":"2026-01-01T00:00:01Z"}]}}""");
    tryApply("pod create", """
      {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","namespace":"default"},"spec":{"containers":[{"name":"a","image":"x"}]}}""");
    tryStatus("pod running", """
      {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","namespace":"default"},"status":{"phase":"Running","startTime":"2026-01-01T00:00:00Z",
        "conditions":[{"type":"PodScheduled","status":"True","lastTransitionTime":"2026-01-01T00:00:00Z"},{"type":"Ready","status":"True","lastTransitionTime":"2026-01-01T00:00:00Z"}],
        "containerStatuses":[{"name":"a","image":"x","imageID":"","ready":true,"started":true,"restartCount":0,"state":{"running":{"startedAt":"2026-01-01T00:00:00Z"}}}]}}""");
    tryApply("lb create", """
      {"apiVersion":"v1","kind":"Service","metadata":{"name":"lb","namespace":"default"},"spec":{"type":"LoadBalancer","ports":[{"port":80}]}}""");
    tryStatus("lb status", """
      {"apiVersion":"v1","kind":"Service","metadata":{"name":"lb","namespace":"default"},"status":{"loadBalancer":{"ingress":[{"ip":"192.0.2.10"}]}}}""");
    tryApply("pvc create", """
      {"apiVersion":"v1","kind":"PersistentVolumeClaim","metadata":{"name":"c","namespace":"default"},"spec":{"accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"1Gi"}}}}""");
    tryStatus("pvc bound", """
      {"apiVersion":"v1","kind":"PersistentVolumeClaim","metadata":{"name":"c","namespace":"default"},"status":{"phase":"Bound","accessModes":["ReadWriteOnce"],"capacity":{"storage":"1Gi"}}}""");
    tryStatus("dep status", """
      {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d","namespace":"default"},"status":{"observedGeneration":1,"replicas":1,"readyReplicas":0,"updatedReplicas":1,"availableReplicas":0}}""");
  }
}
