#!/usr/bin/env bash
# Start-up of `gitops render` as a whole process against `kustomize build` of the same 70-object
# kustomization, farm style: the commands run alternately (one of each per round, so that load
# changes hit every command alike), n rounds, the median wall time of each and its ratio to
# kustomize, for wall time and for CPU time (user + sys). Each output is checked once to hold the 70 objects before anything is timed.
#
#   tools/startup-bench.sh [ROUNDS]              # default 7 rounds
#   JAR=gitops-cli/target/gitops-cli-0.1.0-SNAPSHOT-all.jar KUSTOMIZE=/path/to/kustomize tools/startup-bench.sh 9
#   FIXTURE=/tmp/k70 tools/startup-bench.sh    # generate the kustomization into /tmp/k70/app and keep it
#   BEFORE_JAR=/path/to/older-all.jar tools/startup-bench.sh   # also time an older jar (java -jar), as "before"
#   JDK25=/path/to/jdk-25 tools/startup-bench.sh   # the second JDK (default /usr/lib/jvm/temurin-25-jdk-amd64; none: skipped)
#
# Commands timed (stdout to /dev/null):
#   kustomize      kustomize build DIR
#   java-jar       java -jar JAR render DIR                      (plain JVM start)
#   gitops         gitops-cli/src/main/dist/gitops render DIR   (the launcher: CDS archive, C1 only),
#                  after one untimed run that creates the archive
# and, when a JDK 25 is there (JDK25), the same with JAVA_HOME set to it:
#   java-jar-jdk25     java -jar of JDK 25 (its default CDS archive of the JDK's classes)
#   gitops-jdk25       the launcher on JDK 25: its AOT cache (JEP 483/514/515)
#   gitops-jdk25-dyn   the launcher on JDK 25 with GITOPS_CDS=dynamic (-XX:+AutoCreateSharedArchive, JDK 19+)
# The java of the first three is java on the PATH (JDK 17 here).
# The fixture is generated into a temporary directory: a base of 23 Deployments, 23 Services and
# 23 ConfigMaps and an overlay with namespace, namePrefix, labels, an image override and a
# generated ConfigMap (70 objects).
set -euo pipefail

rounds="${1:-7}"
here="$(cd "$(dirname "$0")/.." && pwd)"
jar="${JAR:-$(ls "$here"/gitops-cli/target/gitops-cli-*-all.jar 2>/dev/null | head -1)}"
tools="${GITOPS_TOOLS_DIR:-$HOME/.cache/gitops-sdk/tools}"
kustomize="${KUSTOMIZE:-$tools/kustomize-v5.5.0/kustomize}"
if [[ -z "${KUSTOMIZE:-}" && ! -x "$kustomize" ]]; then
  kustomize="$tools/kustomize-v5.5.0-release/kustomize" # as tools/test-tools.sh builds it
fi
jdk25="${JDK25-/usr/lib/jvm/temurin-25-jdk-amd64}"
launcher="$here/gitops-cli/src/main/dist/gitops"
[[ -f "$jar" ]] || { echo "startup-bench: no jar (build gitops-cli first, or set JAR)" >&2; exit 1; }
[[ -x "$kustomize" ]] || { echo "startup-bench: no kustomize at $kustomize (tools/kustomize-oracle.sh builds it)" >&2; exit 1; }
(( rounds >= 5 )) || { echo "startup-bench: at least 5 rounds" >&2; exit 1; }

if [[ -n "${FIXTURE:-}" ]]; then # keep the fixture there, e.g. for -verbose:class runs
  work="$FIXTURE"
else
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
fi
dir="$work/app"
mkdir -p "$dir/base" "$dir/overlay"
{
  echo "resources:"
  for i in $(seq -w 1 23); do echo "- app-$i.yaml"; done
} > "$dir/base/kustomization.yaml"
for i in $(seq -w 1 23); do
  cat > "$dir/base/app-$i.yaml" <<EOF
apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-$i
spec:
  replicas: 2
  selector:
    matchLabels:
      app: app-$i
  template:
    metadata:
      labels:
        app: app-$i
    spec:
      containers:
      - name: web
        image: nginx:1.27
        ports:
        - containerPort: 8080
        envFrom:
        - configMapRef:
            name: app-$i-config
        resources:
          requests:
            cpu: 100m
            memory: 64Mi
---
apiVersion: v1
kind: Service
metadata:
  name: app-$i
spec:
  selector:
    app: app-$i
  ports:
  - port: 80
    targetPort: 8080
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: app-$i-config
data:
  LOG_LEVEL: info
  GREETING: "hello from app $i"
EOF
done
cat > "$dir/overlay/kustomization.yaml" <<EOF
namespace: shop
namePrefix: prod-
labels:
- pairs:
    team: shop
  includeSelectors: false
images:
- name: nginx
  newTag: "1.27.3"
resources:
- ../base
configMapGenerator:
- name: shared
  literals:
  - REGION=eu-west-1
EOF
target="$dir/overlay"

names=(kustomize)
cmds=("$kustomize build $target")
if [[ -n "${BEFORE_JAR:-}" ]]; then
  names+=(before)
  cmds+=("java -jar $BEFORE_JAR render --root $dir $target")
fi
names+=(java-jar)
cmds+=("java -jar $jar render --root $dir $target")
if [[ -x "$launcher" ]]; then
  names+=(gitops)
  cmds+=("env GITOPS_JAR=$jar $launcher render --root $dir $target")
  rm -f "${jar%.jar}".*jsa "${jar%.jar}".*aot
  env GITOPS_JAR="$jar" "$launcher" render --root "$dir" "$target" > /dev/null # creates the archive
fi
if [[ -n "$jdk25" && -x "$jdk25/bin/java" ]]; then
  names+=(java-jar-jdk25)
  cmds+=("$jdk25/bin/java -jar $jar render --root $dir $target")
  if [[ -x "$launcher" ]]; then
    names+=(gitops-jdk25 gitops-jdk25-dyn)
    cmds+=("env JAVA_HOME=$jdk25 GITOPS_JAR=$jar $launcher render --root $dir $target"
      "env JAVA_HOME=$jdk25 GITOPS_CDS=dynamic GITOPS_JAR=$jar $launcher render --root $dir $target")
    # The first run of each creates its cache; the dynamic archive may take a second run to settle.
    for k in 1 2; do
      env JAVA_HOME="$jdk25" GITOPS_JAR="$jar" "$launcher" render --root "$dir" "$target" > /dev/null
      env JAVA_HOME="$jdk25" GITOPS_CDS=dynamic GITOPS_JAR="$jar" "$launcher" render --root "$dir" "$target" > /dev/null
    done
  fi
fi

load="$(cut -d' ' -f1-3 /proc/loadavg)"
for k in "${!cmds[@]}"; do
  n="$(${cmds[$k]} | grep -c '^kind:')"
  [[ "$n" == 70 ]] || { echo "startup-bench: ${names[$k]} printed $n objects, not 70" >&2; exit 1; }
done

# Wall time and CPU time (user + sys, all threads: less sensitive to other load on the machine).
declare -A wall cpu
TIMEFORMAT='%3R %3U %3S'
for ((r = 0; r < rounds; r++)); do
  for ((j = 0; j < ${#cmds[@]}; j++)); do
    k=$(( (j + r) % ${#cmds[@]} )) # rotate the order each round
    t="$({ time ${cmds[$k]} > /dev/null; } 2>&1 | tail -1)"
    read -r real user sys <<< "$t"
    wall[${names[$k]}]+="$(awk -v a="$real" 'BEGIN {printf "%d", a * 1000}') "
    cpu[${names[$k]}]+="$(awk -v a="$user" -v b="$sys" 'BEGIN {printf "%d", (a + b) * 1000}') "
  done
done

median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
base_wall="$(echo "${wall[kustomize]}" | median)"
base_cpu="$(echo "${cpu[kustomize]}" | median)"
echo "rounds: $rounds, load before: $load, after: $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1), $(nproc) cpus"
for name in "${names[@]}"; do
  w="$(echo "${wall[$name]}" | median)"
  c="$(echo "${cpu[$name]}" | median)"
  printf '%-16s wall median %5d ms (x%s kustomize)  cpu median %5d ms (x%s)  wall runs: %s\n' "$name" "$w" \
    "$(ratio "$w" "$base_wall")" "$c" "$(ratio "$c" "$base_cpu")" "${wall[$name]}"
done
