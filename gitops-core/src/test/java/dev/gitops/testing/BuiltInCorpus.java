package dev.gitops.testing;

import dev.gitops.model.Manifest;
import java.util.ArrayList;
import java.util.List;

/**
 * A generated, varied set of built-in objects for differential tests of what a server stores: pod
 * specs with fields at their zero values, defaulted fields inside lists and maps compared whole,
 * probes, ports, env sources, volumes of many types, security contexts, affinity, topology spread,
 * and the other built-in kinds (Services, HPA, PDB, Ingress, NetworkPolicy, RBAC, Jobs, CronJobs,
 * ...). Grows by adding a variant: each pod-spec variant is rendered in every workload kind.
 */
public final class BuiltInCorpus {
  private BuiltInCorpus() {}

  /** The objects, in namespace {@code namespace}; the namespace itself is not among them. */
  public static List<Manifest> objects(String namespace) {
    List<Manifest> out = new ArrayList<>();
    int line = 1;
    for (String yaml : yamls()) {
      out.add(TestObjects.manifest("corpus.yaml", line, yaml.replace("NS", namespace)));
      line += yaml.split("\n", -1).length + 1;
    }
    return out;
  }

  static List<String> yamls() {
    List<String> out = new ArrayList<>(others());
    List<String> pods = podSpecs();
    for (int i = 0; i < pods.size(); i++) {
      String pod = pods.get(i);
      out.add(deployment("deploy-" + i, pod));
      out.add(statefulSet("sts-" + i, pod));
      out.add(daemonSet("ds-" + i, pod));
      out.add(job("job-" + i, restart(pod, "Never")));
      out.add(cronJob("cron-" + i, restart(pod, "OnFailure")));
      out.add(pod("pod-" + i, pod));
    }
    return out;
  }

  /** Jobs need a restart policy other than Always. */
  private static String restart(String pod, String policy) {
    return pod.contains("restartPolicy: Always") ? pod.replace("restartPolicy: Always", "restartPolicy: " + policy)
        : "restartPolicy: " + policy + "\n" + pod.strip();
  }

  private static String indent(String text, int spaces) {
    String pad = " ".repeat(spaces);
    return pad + text.strip().replace("\n", "\n" + pad);
  }

  private static String deployment(String name, String pod) {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: NAME, namespace: NS}
        spec:
          selector: {matchLabels: {app: NAME}}
          template:
            metadata: {labels: {app: NAME}}
            spec:
        POD
        """.replace("NAME", name).replace("POD", indent(pod, 6));
  }

  private static String statefulSet(String name, String pod) {
    return """
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: NAME, namespace: NS}
        spec:
          serviceName: NAME
          selector: {matchLabels: {app: NAME}}
          volumeClaimTemplates:
          - metadata: {name: data}
            spec:
              accessModes: [ReadWriteOnce]
              resources: {requests: {storage: 1Gi}}
          template:
            metadata: {labels: {app: NAME}}
            spec:
        POD
        """.replace("NAME", name).replace("POD", indent(pod, 6));
  }

  private static String daemonSet(String name, String pod) {
    return """
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: NAME, namespace: NS}
        spec:
          selector: {matchLabels: {app: NAME}}
          template:
            metadata: {labels: {app: NAME}}
            spec:
        POD
        """.replace("NAME", name).replace("POD", indent(pod, 6));
  }

  private static String job(String name, String pod) {
    return """
        apiVersion: batch/v1
        kind: Job
        metadata: {name: NAME, namespace: NS}
        spec:
          template:
            spec:
        POD
        """.replace("NAME", name).replace("POD", indent(pod, 6));
  }

  private static String cronJob(String name, String pod) {
    return """
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: NAME, namespace: NS}
        spec:
          schedule: "*/5 * * * *"
          jobTemplate:
            spec:
              template:
                spec:
        POD
        """.replace("NAME", name).replace("POD", indent(pod, 10));
  }

  private static String pod(String name, String pod) {
    return """
        apiVersion: v1
        kind: Pod
        metadata: {name: NAME, namespace: NS}
        spec:
        POD
        """.replace("NAME", name).replace("POD", indent(pod, 2));
  }

  /** Pod specs, each exercising a group of fields. */
  private static List<String> podSpecs() {
    return List.of(
        // minimal
        """
        containers:
        - name: app
          image: nginx:1.27
        """,
        // zero values the server omits, and ports, env sources, probes
        """
        restartPolicy: Always
        hostNetwork: false
        containers:
        - name: app
          image: nginx
          env: []
          envFrom: []
          args: []
          stdin: false
          tty: false
          workingDir: ""
          ports:
          - containerPort: 8080
          - containerPort: 9090
            name: metrics
            protocol: UDP
            hostPort: 0
          volumeMounts:
          - {name: cache, mountPath: /cache, readOnly: false}
          - {name: config, mountPath: /config, readOnly: true, subPath: ""}
          livenessProbe:
            httpGet: {path: /healthz, port: 8080}
            initialDelaySeconds: 0
          readinessProbe:
            tcpSocket: {port: 8080}
          startupProbe:
            exec: {command: [cat, /tmp/ready]}
            failureThreshold: 30
        volumes:
        - name: cache
          emptyDir: {}
        - name: config
          configMap: {name: settings}
        """,
        // env value sources, a map compared whole with a server default inside
        """
        containers:
        - name: app
          image: registry.example.com/team/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
          env:
          - {name: A, value: "1"}
          - {name: EMPTY, value: ""}
          - name: POD_NAME
            valueFrom: {fieldRef: {fieldPath: metadata.name}}
          - name: CPU
            valueFrom: {resourceFieldRef: {resource: limits.cpu, divisor: "1m"}}
          - name: SECRET
            valueFrom: {secretKeyRef: {name: creds, key: password, optional: true}}
          - name: CONFIG
            valueFrom: {configMapKeyRef: {name: settings, key: mode}}
          envFrom:
          - configMapRef: {name: settings}
          - prefix: S_
            secretRef: {name: creds, optional: false}
          resources:
            limits: {cpu: 500m, memory: 256Mi}
            requests: {cpu: "0.25", memory: 128Mi}
        """,
        // volumes of many types
        """
        serviceAccountName: runner
        containers:
        - name: app
          image: busybox:latest
          command: [sh, -c, sleep 3600]
          volumeMounts:
          - {name: a, mountPath: /a}
          - {name: b, mountPath: /b}
          - {name: c, mountPath: /c}
          - {name: d, mountPath: /d}
          - {name: e, mountPath: /e}
          - {name: f, mountPath: /f}
          - {name: g, mountPath: /g}
        volumes:
        - name: a
          secret: {secretName: creds, items: [{key: password, path: pw}]}
        - name: b
          configMap: {name: settings, items: [{key: mode, path: mode, mode: 256}], optional: true}
        - name: c
          downwardAPI:
            items:
            - path: labels
              fieldRef: {fieldPath: metadata.labels}
        - name: d
          projected:
            sources:
            - serviceAccountToken: {path: token, expirationSeconds: 3600}
            - downwardAPI:
                items:
                - path: name
                  fieldRef: {fieldPath: metadata.name}
            - configMap: {name: settings}
        - name: e
          emptyDir: {medium: Memory, sizeLimit: 64Mi}
        - name: f
          hostPath: {path: /var/log}
        - name: g
          persistentVolumeClaim: {claimName: data, readOnly: false}
        """,
        // security contexts, affinity, tolerations, topology spread, init containers
        """
        serviceAccountName: runner
        automountServiceAccountToken: false
        enableServiceLinks: false
        priorityClassName: ""
        nodeSelector: {kubernetes.io/os: linux}
        securityContext:
          runAsNonRoot: true
          runAsUser: 1000
          fsGroup: 2000
          seccompProfile: {type: RuntimeDefault}
        tolerations:
        - {key: dedicated, operator: Equal, value: batch, effect: NoSchedule}
        - {operator: Exists}
        affinity:
          nodeAffinity:
            requiredDuringSchedulingIgnoredDuringExecution:
              nodeSelectorTerms:
              - matchExpressions:
                - {key: kubernetes.io/arch, operator: In, values: [amd64, arm64]}
          podAntiAffinity:
            preferredDuringSchedulingIgnoredDuringExecution:
            - weight: 100
              podAffinityTerm:
                topologyKey: kubernetes.io/hostname
                labelSelector: {matchLabels: {tier: web}}
        topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: topology.kubernetes.io/zone
          whenUnsatisfiable: ScheduleAnyway
          labelSelector: {matchLabels: {tier: web}}
        initContainers:
        - name: init
          image: busybox:1.36
          command: [sh, -c, "true"]
          securityContext: {allowPrivilegeEscalation: false, privileged: false}
        containers:
        - name: app
          image: nginx:1.27
          imagePullPolicy: Always
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities: {drop: [ALL], add: []}
          lifecycle:
            preStop:
              exec: {command: [sleep, "5"]}
          livenessProbe:
            grpc: {port: 9000}
            periodSeconds: 5
          readinessProbe:
            httpGet:
              path: /ready
              port: http
              scheme: HTTPS
              httpHeaders: [{name: X-Probe, value: "1"}]
          ports:
          - {name: http, containerPort: 8443}
        """,
        // dns and host settings
        """
        dnsPolicy: None
        dnsConfig:
          nameservers: [10.0.0.10]
          searches: [svc.cluster.local]
          options: [{name: ndots, value: "2"}]
        hostAliases:
        - ip: 10.1.2.3
          hostnames: [db.local]
        terminationGracePeriodSeconds: 5
        shareProcessNamespace: false
        containers:
        - name: app
          image: nginx:1.27
          terminationMessagePolicy: FallbackToLogsOnError
          resources: {}
        """);
  }

  private static List<String> others() {
    return List.of(
        """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: settings, namespace: NS, labels: {}, annotations: {}}
        data: {mode: fast}
        """,
        """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: empty-data, namespace: NS}
        data: {}
        """,
        """
        apiVersion: v1
        kind: Secret
        metadata: {name: creds, namespace: NS}
        type: Opaque
        stringData: {password: s3cret}
        """,
        """
        apiVersion: v1
        kind: Secret
        metadata: {name: untyped, namespace: NS}
        data: {token: dG9rZW4=}
        """,
        """
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: runner, namespace: NS}
        automountServiceAccountToken: false
        """,
        """
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: NS}
        spec:
          selector: {app: web}
          ports:
          - {name: http, port: 80, targetPort: http}
          - {name: https, port: 443}
        """,
        """
        apiVersion: v1
        kind: Service
        metadata: {name: nodeport, namespace: NS}
        spec:
          type: NodePort
          selector: {app: web}
          ports:
          - {port: 80, protocol: TCP}
        """,
        """
        apiVersion: v1
        kind: Service
        metadata: {name: headless, namespace: NS}
        spec:
          clusterIP: None
          publishNotReadyAddresses: false
          selector: {app: db}
          ports:
          - {port: 5432}
        """,
        """
        apiVersion: v1
        kind: Service
        metadata: {name: external, namespace: NS}
        spec:
          type: ExternalName
          externalName: db.example.com
        """,
        """
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata: {name: data, namespace: NS}
        spec:
          accessModes: [ReadWriteOnce]
          resources: {requests: {storage: 1Gi}}
        """,
        """
        apiVersion: v1
        kind: LimitRange
        metadata: {name: limits, namespace: NS}
        spec:
          limits:
          - type: Container
            default: {cpu: 500m}
            defaultRequest: {cpu: 100m}
        """,
        """
        apiVersion: v1
        kind: ResourceQuota
        metadata: {name: quota, namespace: NS}
        spec:
          hard: {pods: "10", requests.cpu: "4"}
        """,
        """
        apiVersion: autoscaling/v2
        kind: HorizontalPodAutoscaler
        metadata: {name: web, namespace: NS}
        spec:
          scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: deploy-0}
          minReplicas: 2
          maxReplicas: 10
          metrics:
          - type: Resource
            resource:
              name: cpu
              target: {type: Utilization, averageUtilization: 70}
        """,
        """
        apiVersion: autoscaling/v2
        kind: HorizontalPodAutoscaler
        metadata: {name: minimal, namespace: NS}
        spec:
          scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: deploy-1}
          maxReplicas: 3
        """,
        """
        apiVersion: policy/v1
        kind: PodDisruptionBudget
        metadata: {name: web, namespace: NS}
        spec:
          minAvailable: 1
          selector: {matchLabels: {app: web}}
        """,
        """
        apiVersion: policy/v1
        kind: PodDisruptionBudget
        metadata: {name: percent, namespace: NS}
        spec:
          maxUnavailable: 25%
          selector: {matchLabels: {app: web}}
        """,
        """
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: web, namespace: NS}
        spec:
          ingressClassName: nginx
          tls:
          - hosts: [web.example.com]
            secretName: web-tls
          rules:
          - host: web.example.com
            http:
              paths:
              - path: /
                pathType: Prefix
                backend:
                  service: {name: web, port: {number: 80}}
              - path: /api
                pathType: ImplementationSpecific
                backend:
                  service: {name: web, port: {name: http}}
        """,
        """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: web, namespace: NS}
        spec:
          podSelector: {matchLabels: {app: web}}
          ingress:
          - from:
            - podSelector: {matchLabels: {app: client}}
            - namespaceSelector: {}
            ports:
            - port: 80
            - {port: 53, protocol: UDP}
        """,
        """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: egress, namespace: NS}
        spec:
          podSelector: {}
          egress:
          - to:
            - ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}
            ports:
            - {port: 443}
        """,
        """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: deny-all, namespace: NS}
        spec:
          podSelector: {}
          policyTypes: [Ingress, Egress]
        """,
        """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: reader, namespace: NS}
        rules:
        - apiGroups: [""]
          resources: [pods, configmaps]
          verbs: [get, list, watch]
        - apiGroups: [apps]
          resources: [deployments]
          resourceNames: [web]
          verbs: [get]
        """,
        """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: nothing, namespace: NS}
        rules: []
        """,
        """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: reader, namespace: NS}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
        subjects:
        - {kind: ServiceAccount, name: runner, namespace: NS}
        - {kind: User, name: jane, apiGroup: rbac.authorization.k8s.io}
        """,
        """
        apiVersion: batch/v1
        kind: Job
        metadata: {name: indexed, namespace: NS}
        spec:
          completions: 3
          parallelism: 2
          completionMode: Indexed
          backoffLimit: 2
          ttlSecondsAfterFinished: 60
          template:
            spec:
              restartPolicy: Never
              containers:
              - {name: work, image: busybox:1.36, command: ["true"]}
        """,
        """
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: nightly, namespace: NS}
        spec:
          schedule: "0 3 * * *"
          timeZone: Etc/UTC
          concurrencyPolicy: Forbid
          startingDeadlineSeconds: 300
          suspend: false
          jobTemplate:
            metadata: {labels: {job: nightly}}
            spec:
              backoffLimit: 1
              template:
                spec:
                  restartPolicy: OnFailure
                  containers:
                  - {name: work, image: busybox:1.36}
        """,
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: recreate, namespace: NS}
        spec:
          replicas: 0
          paused: false
          minReadySeconds: 0
          strategy: {type: Recreate}
          selector: {matchLabels: {app: recreate}}
          template:
            metadata: {labels: {app: recreate}, annotations: {}}
            spec:
              containers:
              - {name: app, image: nginx:1.27}
        """,
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: rolling, namespace: NS}
        spec:
          replicas: 3
          strategy:
            rollingUpdate: {maxSurge: 1}
          selector:
            matchExpressions:
            - {key: app, operator: In, values: [rolling]}
          template:
            metadata: {labels: {app: rolling}}
            spec:
              containers:
              - {name: app, image: nginx:1.27}
        """,
        """
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: parallel, namespace: NS}
        spec:
          serviceName: headless
          podManagementPolicy: Parallel
          updateStrategy: {type: OnDelete}
          selector: {matchLabels: {app: parallel}}
          template:
            metadata: {labels: {app: parallel}}
            spec:
              containers:
              - {name: app, image: nginx:1.27}
        """,
        """
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: surge, namespace: NS}
        spec:
          updateStrategy:
            rollingUpdate: {maxSurge: 1, maxUnavailable: 0}
          selector: {matchLabels: {app: surge}}
          template:
            metadata: {labels: {app: surge}}
            spec:
              containers:
              - {name: app, image: nginx:1.27}
        """);
  }

  /** Cluster-scoped objects; names carry {@code suffix} so that runs do not collide. */
  public static List<Manifest> clusterScoped(String suffix) {
    List<String> yamls = List.of(
        """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: viewer-SUFFIX}
        rules:
        - apiGroups: [""]
          resources: [namespaces]
          verbs: [get, list]
        - nonResourceURLs: [/healthz]
          verbs: [get]
        """,
        """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: viewer-SUFFIX}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: viewer-SUFFIX}
        subjects:
        - {kind: Group, name: viewers, apiGroup: rbac.authorization.k8s.io}
        """,
        """
        apiVersion: scheduling.k8s.io/v1
        kind: PriorityClass
        metadata: {name: high-SUFFIX}
        value: 1000
        """,
        """
        apiVersion: storage.k8s.io/v1
        kind: StorageClass
        metadata: {name: fast-SUFFIX}
        provisioner: example.com/fast
        parameters: {type: ssd}
        """,
        """
        apiVersion: networking.k8s.io/v1
        kind: IngressClass
        metadata: {name: nginx-SUFFIX}
        spec: {controller: k8s.io/ingress-nginx}
        """);
    List<Manifest> out = new ArrayList<>();
    for (String yaml : yamls) {
      out.add(TestObjects.manifest("cluster.yaml", 1, yaml.replace("SUFFIX", suffix)));
    }
    return out;
  }
}
