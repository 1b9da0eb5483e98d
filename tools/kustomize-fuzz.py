"""Random Kustomize cases checked against the reference kustomize.

Writes N random base/overlay trees (generators, prefixes, suffixes, namespaces, labels,
annotations, images, replicas, patches, replacements, components, sibling bases) into OUT, each
with kustomize's output as .expected.yaml, or an empty .expected-error when kustomize rejects it.
Then run the corpus test over them:

    python3 tools/kustomize-fuzz.py /tmp/kfuzz 200 1
    ./mvnw -o -q -pl gitops-core test -Dtest=KustomizeCorpusTest -Dkustomize.corpus=/tmp/kfuzz
"""
import os
import random
import shutil
import subprocess
import sys

out, n, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
here = os.path.dirname(os.path.abspath(__file__))
K = subprocess.run(['bash', os.path.join(here, 'kustomize-oracle.sh')],
                   capture_output=True, text=True, check=True).stdout.strip()
shutil.rmtree(out, ignore_errors=True); os.makedirs(out)
def w(p,s):
    os.makedirs(os.path.dirname(p),exist_ok=True); open(p,'w').write(s)
RES={
'deploy':'''apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web}
spec:
  replicas: 1
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      serviceAccountName: sa
      containers:
      - name: web
        image: nginx:1.25
        envFrom:
        - configMapRef: {name: cfg}
        env:
        - name: P
          valueFrom:
            secretKeyRef: {name: sec, key: p}
        volumeMounts:
        - {name: data, mountPath: /data}
      volumes:
      - name: data
        persistentVolumeClaim: {claimName: pvc}
      - name: c
        configMap: {name: cfg}
''',
'svc':'''apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports:
  - {port: 80, targetPort: 8080}
''',
'sa':'''apiVersion: v1
kind: ServiceAccount
metadata:
  name: sa
''',
'pvc':'''apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: pvc
spec:
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 1Gi}}
''',
'rbac':'''apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: role
rules:
- apiGroups: [""]
  resources: [secrets]
  resourceNames: [sec]
  verbs: [get]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: rb
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: role}
subjects:
- {kind: ServiceAccount, name: sa}
''',
'ing':'''apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
spec:
  tls:
  - secretName: sec
  rules:
  - http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service: {name: web, port: {number: 80}}
''',
'cron':'''apiVersion: batch/v1
kind: CronJob
metadata:
  name: job
spec:
  schedule: "0 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          containers:
          - name: j
            image: busybox
            envFrom:
            - secretRef: {name: sec}
''',
'sts':'''apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: web
  selector:
    matchLabels: {app: db}
  template:
    metadata:
      labels: {app: db}
    spec:
      containers:
      - name: db
        image: postgres:16
  volumeClaimTemplates:
  - metadata: {name: data}
    spec:
      accessModes: [ReadWriteOnce]
      resources: {requests: {storage: 1Gi}}
''',
}
def rnd_overlay(r, d, parent_rel, level, allres):
    lines=[]
    lines.append('resources:\n- %s' % parent_rel)
    if r.random()<0.5: lines.append('namespace: ns%d' % level)
    if r.random()<0.5: lines.append('namePrefix: p%d-' % level)
    if r.random()<0.4: lines.append('nameSuffix: -s%d' % level)
    if r.random()<0.4: lines.append('commonLabels:\n  l%d: v%d' % (level, level))
    if r.random()<0.4:
        lines.append('labels:\n- pairs:\n    x%d: yv\n  includeSelectors: %s\n  includeTemplates: %s' % (level, r.choice(['true','false']), r.choice(['true','false'])))
    if r.random()<0.4: lines.append('commonAnnotations:\n  a%d: "b"' % level)
    if r.random()<0.4 and 'images:' not in '\n'.join(lines): lines.append('images:\n- name: nginx\n  newTag: "1.%d"' % (26+level))
    if 'deploy' in allres and r.random()<0.3: lines.append('replicas:\n- name: web\n  count: %d' % (level+2))
    if r.random()<0.5:
        beh=r.choice(['merge','replace'])
        lines.append('configMapGenerator:\n- name: cfg\n  behavior: %s\n  literals: [k%d=v]' % (beh, level))
    pats=[]
    if 'deploy' in allres and r.random()<0.5:
        pats.append('''- patch: |-
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: web
    spec:
      template:
        spec:
          containers:
          - name: side%d
            image: side
          - name: web
            env:
            - name: L%d
              value: "x"''' % (level, level))
    if 'deploy' in allres and r.random()<0.4:
        pats.append('''- target:
    kind: Deployment
  patch: |-
    - op: add
      path: /metadata/annotations
      value: {patched: "%d"}''' % level)
    if r.random()<0.3:
        pats.append('''- target:
    kind: ConfigMap
  patch: |-
    - op: add
      path: /data/j%d
      value: "1"''' % level)
    if 'svc' in allres and r.random()<0.3:
        pats.append('''- patch: |-
    $patch: delete
    apiVersion: v1
    kind: Service
    metadata:
      name: web''')
        allres.remove('svc')
    if r.random()<0.3:
        pats.append('''- target:
    labelSelector: app=web
  patch: |-
    - op: add
      path: /metadata/labels/sel%d
      value: "1"''' % level)
    if 'deploy' in allres and r.random()<0.3:
        pats.append('''- patch: |-
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: web
    spec:
      template:
        spec:
          containers:
          - name: web
            env:
            - name: P
              $patch: delete
          volumes:
          - name: c
            $patch: delete''')
    if 'sts' in allres and r.random()<0.3:
        pats.append('''- target:
    kind: StatefulSet
    name: db
  patch: |-
    - op: replace
      path: /spec/template/spec/containers/0/image
      value: postgres:17
    - op: remove
      path: /spec/volumeClaimTemplates''')
    if 'rbac' in allres and r.random()<0.3:
        pats.append('''- patch: |-
    apiVersion: rbac.authorization.k8s.io/v1
    kind: RoleBinding
    metadata:
      name: rb
    subjects:
    - kind: ServiceAccount
      name: default
    - kind: ServiceAccount
      name: sa''')
    if pats: lines.append('patches:\n'+'\n'.join(pats))
    if r.random()<0.3:
        lines.append('images:\n- name: postgres\n  newName: registry.example.com/pg\n  digest: sha256:%s' % ('a'*64))
    if 'deploy' in allres and r.random()<0.3:
        lines.append('''replacements:
- source:
    kind: Secret
    name: sec
  targets:
  - select:
      kind: Deployment
    fieldPaths:
    - spec.template.metadata.annotations.secret-name
    options:
      create: true''')
    if r.random()<0.3:
        w(os.path.join(d,'comp','kustomization.yaml'),'''apiVersion: kustomize.config.k8s.io/v1alpha1
kind: Component
configMapGenerator:
- name: comp%d
  literals: [c=1]
  options:
    disableNameSuffixHash: %s
commonAnnotations:
  comp: "%d"
''' % (level, r.choice(['true','false']), level))
        lines.append('components:\n- comp')
    if r.random()<0.3:
        lines.append('secretGenerator:\n- name: extra%d\n  type: Opaque\n  literals: [z=%s]' % (level, 'x'*r.randint(1,80)))
    w(os.path.join(d,'kustomization.yaml'),'\n'.join(lines)+'\n')
for i in range(n):
    r=random.Random(seed*1000+i)
    case=os.path.join(out,'f%03d'%i)
    allres=r.sample(sorted(RES),k=r.randint(2,len(RES)))
    base=os.path.join(case,'base')
    bl=['resources:']+['- %s.yaml'%x for x in allres]
    for x in allres: w(os.path.join(base,x+'.yaml'),RES[x])
    bl.append('configMapGenerator:\n- name: cfg\n  literals: [a=1]')
    bl.append('secretGenerator:\n- name: sec\n  literals: [p=s3cret]')
    if r.random()<0.3: bl.append('namePrefix: b-')
    if r.random()<0.3: bl.append('namespace: basens')
    w(os.path.join(base,'kustomization.yaml'),'\n'.join(bl)+'\n')
    levels=r.randint(1,2); parent='../base'; last=None
    if r.random()<0.3:
        b2=os.path.join(case,'base2')
        w(os.path.join(b2,'kustomization.yaml'),'namePrefix: two-\nresources:\n- pod.yaml\nconfigMapGenerator:\n- name: cfg\n  literals: [b=2]\n')
        w(os.path.join(b2,'pod.yaml'),'apiVersion: v1\nkind: Pod\nmetadata:\n  name: pod\nspec:\n  containers:\n  - name: c\n    image: nginx\n    envFrom:\n    - configMapRef: {name: cfg}\n')
        parent='../base\n- ../base2'
    for lv in range(1,levels+1):
        d=os.path.join(case,'o%d'%lv)
        rnd_overlay(r,d,parent,lv,allres); parent='../o%d'%lv; last='o%d'%lv
    w(os.path.join(case,'.build'),last+'\n')
    p=subprocess.run([K,'build',os.path.join(case,last)],capture_output=True,text=True)
    if p.returncode!=0:
        w(os.path.join(case,'.kerror'),p.stderr)
        w(os.path.join(case,'.expected-error'),'')
        continue
    w(os.path.join(case,'.expected.yaml'),p.stdout)
print(len(os.listdir(out)))
