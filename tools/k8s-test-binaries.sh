#!/usr/bin/env bash
# Builds the binaries that the heavy Kubernetes tests need (kube-apiserver and etcd, envtest-style:
# no kubelet, no controllers) from Go modules at pinned versions, and caches them outside the
# repository:
#
#   ${GITOPS_TOOLS_DIR:-$HOME/.cache/gitops-sdk/tools}/kube-apiserver-<version>/kube-apiserver
#   ${GITOPS_TOOLS_DIR:-$HOME/.cache/gitops-sdk/tools}/etcd-<version>/etcd
#   ${GITOPS_TOOLS_DIR:-$HOME/.cache/gitops-sdk/tools}/kubectl-<version>/kubectl (benchmarks only)
#
# Idempotent: a binary that is already there is not rebuilt. Prints the paths on success.
# Needs only Go (1.26+) and the Go module proxy. Keep the versions in sync with
# dev.gitops.test.apiserver.KubeApiServer (a unit test checks that they agree).
set -euo pipefail

KUBERNETES_VERSION=v1.37.2
ETCD_VERSION=v3.7.3

TOOLS_DIR="${GITOPS_TOOLS_DIR:-$HOME/.cache/gitops-sdk/tools}"
# Two cores are shared with other developers: never let the Go build use more.
BUILD_JOBS="${GITOPS_TOOLS_BUILD_JOBS:-2}"

log() { printf '[k8s-test-binaries] %s\n' "$*" >&2; }

# Prints the required modules of a go.mod that the go.mod replaces by a local directory
# (kubernetes' staging modules, etcd's sibling modules). Those replaces only work inside the
# source tree, so a module that depends on the go.mod must replace them with published versions.
local_replaced_requirements() {
  go mod edit -json "$1" | awk '
    /^\t"[A-Za-z]+": [\[{]/ { section = $1; gsub(/[":]/, "", section) }
    /"Old": \{/ { side = "old" }
    /"New": \{/ { side = "new" }
    /"Path": "/ {
      path = $0; sub(/^[^:]*: "/, "", path); sub(/".*$/, "", path)
      if (section == "Require") required[path] = 1
      else if (section == "Replace" && side == "old") old = path
      else if (section == "Replace" && side == "new") new = path
    }
    section == "Replace" && /^\t\t\},?$/ {
      if (substr(new, 1, 1) == "." && (old in required)) print old
      old = ""; new = ""; side = ""
    }'
}

# build_binary NAME VERSION MODULE PACKAGE LOCAL_REPLACE_VERSION [LDFLAGS...]
# Builds PACKAGE of MODULE@VERSION into $TOOLS_DIR/NAME-VERSION/NAME through a throwaway wrapper
# module that requires MODULE@VERSION and pins each locally replaced requirement to
# LOCAL_REPLACE_VERSION (`go install pkg@version` refuses modules whose go.mod has replaces).
build_binary() {
  local name=$1 version=$2 module=$3 package=$4 replace_version=$5
  shift 5
  local ldflags="-s -w $*"
  local out_dir="$TOOLS_DIR/$name-$version"
  local out="$out_dir/$name"
  if [[ -x "$out" ]]; then
    log "$name $version already built"
    echo "$out"
    return 0
  fi

  local work
  work="$(mktemp -d "$TOOLS_DIR/.build-$name-$version.XXXXXX")"
  WORK_DIRS+=("$work")

  log "building $name $version from $module (log of go commands follows)"
  local start=$SECONDS
  local gomod
  gomod="$(cd "$work" && go mod download -json "$module@$version" \
    | awk -F'"' '$2 == "GoMod" { print $4 }')"
  [[ -f "$gomod" ]] || { log "could not download $module@$version"; return 1; }

  (
    cd "$work"
    go mod init "gitops-sdk.local/tools/$name" >/dev/null 2>&1
    local edits=(-require="$module@$version")
    local dep
    while read -r dep; do
      [[ -n "$dep" ]] && edits+=(-replace="$dep=$dep@$replace_version")
    done < <(local_replaced_requirements "$gomod")
    log "$name: $(( ${#edits[@]} - 1 )) local replaces pinned to $replace_version"
    go mod edit "${edits[@]}"
    # -mod=mod lets the build fill in go.sum and the wrapper's requirement graph;
    # -trimpath and -s -w keep the binary free of local paths and debug info.
    GOFLAGS="${GOFLAGS:-} -mod=mod" GOTOOLCHAIN=local CGO_ENABLED=0 \
      go build -p "$BUILD_JOBS" -buildvcs=false -trimpath -ldflags="$ldflags" \
        -o "$work/$name" "$package"
  )

  mkdir -p "$out_dir"
  mv -f "$work/$name" "$out.tmp.$$"
  mv -f "$out.tmp.$$" "$out"
  log "built $name $version in $(( SECONDS - start ))s ($(du -h "$out" | cut -f1)): $out"
  echo "$out"
}

command -v go >/dev/null || { log "Go is required (go 1.26 or newer)"; exit 1; }
mkdir -p "$TOOLS_DIR"
# Wrapper modules are throwaway; the Go module and build caches keep what is worth keeping.
WORK_DIRS=()
trap 'rm -rf "${WORK_DIRS[@]}"' EXIT
# One build at a time per tools directory, so parallel CI steps or developers do not race.
exec 9>"$TOOLS_DIR/.lock"
flock 9

k8s_minor="${KUBERNETES_VERSION#v1.}"
k8s_minor="${k8s_minor%%.*}"
# The staging modules (k8s.io/api, apimachinery, client-go, apiserver, ...) are published as
# v0.<minor>.<patch> for kubernetes v1.<minor>.<patch>.
build_binary kube-apiserver "$KUBERNETES_VERSION" k8s.io/kubernetes \
  k8s.io/kubernetes/cmd/kube-apiserver "v0.${KUBERNETES_VERSION#v1.}" \
  "-X k8s.io/component-base/version.gitVersion=$KUBERNETES_VERSION" \
  "-X k8s.io/component-base/version.gitMajor=1" \
  "-X k8s.io/component-base/version.gitMinor=$k8s_minor" \
  "-X k8s.io/component-base/version.gitTreeState=clean"

# kubectl, the reference for the engine's apply benchmark (kubectl apply --server-side); built
# from the same module and replaces as kube-apiserver, so most of its packages are cached already.
build_binary kubectl "$KUBERNETES_VERSION" k8s.io/kubernetes \
  k8s.io/kubernetes/cmd/kubectl "v0.${KUBERNETES_VERSION#v1.}" \
  "-X k8s.io/component-base/version.gitVersion=$KUBERNETES_VERSION" \
  "-X k8s.io/component-base/version.gitMajor=1" \
  "-X k8s.io/component-base/version.gitMinor=$k8s_minor" \
  "-X k8s.io/component-base/version.gitTreeState=clean"

# The root package of etcd's server module is the etcd main.
build_binary etcd "$ETCD_VERSION" go.etcd.io/etcd/server/v3 \
  go.etcd.io/etcd/server/v3 "$ETCD_VERSION"
