#!/usr/bin/env bash
# Builds the helm CLI that the heavy Helm corpus test (HelmCorpusOracleTest) compares
# HelmRenderer against, from Go modules at a pinned version, and caches it outside the repository:
#
#   ${GITOPS_TOOLS_DIR:-$HOME/.cache/gitops-sdk/tools}/helm-<version>/helm
#
# Idempotent: a binary that is already there is not rebuilt. Prints its path on success.
# Needs only Go (1.26+) and the Go module proxy. Keep HELM_VERSION equal to the Helm embedded in
# helm-java (the helm-java.version of the root pom): the test compares the two renders.
set -euo pipefail

HELM_VERSION=v3.21.0
MODULE=helm.sh/helm/v3

TOOLS_DIR="${GITOPS_TOOLS_DIR:-$HOME/.cache/gitops-sdk/tools}"
# Two cores are shared with other developers: never let the Go build use more.
BUILD_JOBS="${GITOPS_TOOLS_BUILD_JOBS:-2}"

log() { printf '[helm-oracle] %s\n' "$*" >&2; }

command -v go >/dev/null || { log "Go is required (go 1.26 or newer)"; exit 1; }
mkdir -p "$TOOLS_DIR"
# One build at a time per tools directory, so parallel CI steps or developers do not race.
exec 9>"$TOOLS_DIR/.lock"
flock 9

# "-release": built with the ldflags of Helm's Makefile (see below); earlier builds without them
# stay under helm-<version>/.
out_dir="$TOOLS_DIR/helm-$HELM_VERSION-release"
out="$out_dir/helm"
if [[ -x "$out" ]]; then
  log "helm $HELM_VERSION already built"
  echo "$out"
  exit 0
fi

work="$(mktemp -d "$TOOLS_DIR/.build-helm-$HELM_VERSION.XXXXXX")"
trap 'rm -rf "$work"' EXIT

log "building helm $HELM_VERSION from $MODULE (log of go commands follows)"
start=$SECONDS
(
  cd "$work"
  # A throwaway wrapper module that requires helm: `go install pkg@version` would refuse helm
  # if a later version's go.mod gained replace directives, and the wrapper also pins the
  # requirement graph to helm's own go.mod.
  go mod init gitops-sdk.local/tools/helm >/dev/null 2>&1
  go mod edit -require="$MODULE@$HELM_VERSION"
  # The k8sVersionMajor/Minor ldflags of helm's Makefile (from client-go's version: major + 1,
  # minor), so .Capabilities.KubeVersion defaults to what a released helm reports; HelmRenderer
  # passes the same default (HelmRenderer.DEFAULT_KUBE_VERSION) to the embedded Helm.
  k8s="$(GOFLAGS="${GOFLAGS:-} -mod=mod" GOTOOLCHAIN=local go list -f '{{.Version}}' -m k8s.io/client-go)"; k8s="${k8s#v}"
  k8s_major=$(( ${k8s%%.*} + 1 )); k8s_minor="$(cut -d. -f2 <<<"$k8s")"
  GOFLAGS="${GOFLAGS:-} -mod=mod" GOTOOLCHAIN=local CGO_ENABLED=0 \
    go build -p "$BUILD_JOBS" -buildvcs=false -trimpath \
      -ldflags="-s -w -X $MODULE/internal/version.version=$HELM_VERSION -X $MODULE/internal/version.gitTreeState=clean -X $MODULE/pkg/chartutil.k8sVersionMajor=$k8s_major -X $MODULE/pkg/chartutil.k8sVersionMinor=$k8s_minor -X $MODULE/pkg/lint/rules.k8sVersionMajor=$k8s_major -X $MODULE/pkg/lint/rules.k8sVersionMinor=$k8s_minor" \
      -o "$work/helm" "$MODULE/cmd/helm"
)

mkdir -p "$out_dir"
mv -f "$work/helm" "$out.tmp.$$"
mv -f "$out.tmp.$$" "$out"
log "built helm $HELM_VERSION in $(( SECONDS - start ))s ($(du -h "$out" | cut -f1)): $out"
echo "$out"
