#!/usr/bin/env bash
# Consumer builds: small applications that depend on the SDK as a user would (our BOM, our
# published poms, from a local repository) and run render, gate, apply into the in-memory
# cluster and diff. Prints a pass/fail table; exits non-zero if any consumer does not behave as
# expected (two must fail, with the SDK's own message). See docs/embedding.md.
#
# Our artifacts go to a private local repository (target/consumers/repo); third-party artifacts
# are read from ~/.m2/repository (Maven's read-only "tail" repository) and only what is missing
# there is downloaded, into the private one.
set -uo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
WORK=$ROOT/target/consumers
REPO=$WORK/repo
TAIL=${CONSUMER_REPO_TAIL:-$HOME/.m2/repository}
MVN=("$ROOT/mvnw" -B -ntp -q "-Dmaven.repo.local=$REPO" "-Dmaven.repo.local.tail=$TAIL")
mkdir -p "$WORK"

echo "== installing the SDK into $REPO"
if ! "${MVN[@]}" -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true \
    -pl gitops-bom,gitops-core,gitops-policy,gitops-k8s -am install > "$WORK/install.log" 2>&1; then
  tail -50 "$WORK/install.log"
  echo "consumer builds: cannot install the SDK" >&2
  exit 1
fi

declare -a NAMES RESULTS
failures=0

# run NAME EXPECTED [PATTERN...]: EXPECTED is pass, or fail with every PATTERN in the output.
run() {
  local name=$1 expected=$2
  shift 2
  local dir=$WORK/$name
  rm -rf "$dir"
  cp -r "tools/consumers/$name" "$dir"
  cp tools/consumers/common/CoreFlow.java "$dir/src/main/java/consumer/"
  if [ "$name" != plain-core ]; then
    cp tools/consumers/common/FullFlow.java "$dir/src/main/java/consumer/"
  fi
  local result
  if ! "${MVN[@]}" -f "$dir/pom.xml" compile dependency:build-classpath \
      -Dmdep.outputFile="$dir/target/classpath.txt" > "$dir/build.log" 2>&1; then
    result="FAIL (build, see $dir/build.log)"
    tail -30 "$dir/build.log"
  else
    java -cp "$dir/target/classes:$(cat "$dir/target/classpath.txt")" consumer.Main \
        > "$dir/run.log" 2>&1
    local rc=$?
    if [ "$expected" = pass ]; then
      if [ $rc -eq 0 ] && grep -q "CONSUMER OK" "$dir/run.log"; then
        result=pass
      else
        result="FAIL (exit $rc, see $dir/run.log)"
        tail -30 "$dir/run.log"
      fi
    else
      result="pass (failed as expected, with the SDK's message)"
      if [ $rc -eq 0 ]; then
        result="FAIL (expected a failure, exit 0)"
      else
        for pattern in "$@"; do
          if ! grep -qF -- "$pattern" "$dir/run.log"; then
            result="FAIL (missing message: $pattern; see $dir/run.log)"
            tail -30 "$dir/run.log"
            break
          fi
        done
        if grep -qE "NoClassDefFoundError|NoSuchMethodError" "$dir/run.log"; then
          result="FAIL (a linkage error instead of the SDK's message; see $dir/run.log)"
        fi
      fi
    fi
  fi
  case $result in pass*) ;; *) failures=$((failures + 1)) ;; esac
  NAMES+=("$name")
  RESULTS+=("$result")
  echo "-- $name: $result"
}

run plain-core pass
run plain-all pass
run spring-boot-4 pass
run spring-boot-3 pass
run spring-boot-3-no-override fail \
    "UnsupportedJacksonException" "jackson-annotations 2.19" \
    "<jackson-bom.version>2.21.8</jackson-bom.version>"
run quarkus pass
run java-operator-sdk fail \
    "UnsupportedFabric8Exception" "supports the fabric8 Kubernetes client 8.x" \
    "kubernetes-client-api 7."

echo
printf '%-28s %s\n' consumer result
for i in "${!NAMES[@]}"; do
  printf '%-28s %s\n' "${NAMES[$i]}" "${RESULTS[$i]}"
done
total=${#NAMES[@]}
echo "consumers: $((total - failures)) passed, $failures failed"
[ "$failures" -eq 0 ]
