#!/usr/bin/env bash
# Builds the reference kustomize CLI from its Go module at a pinned version, once, and prints the
# binary's path. Used by the heavy Kustomize oracle test (KustomizeOracleTest, -Pheavy).
#
#   tools/kustomize-oracle.sh            # installs if missing, prints the path
#   KUSTOMIZE_VERSION=v5.5.0 tools/kustomize-oracle.sh
#
# The binary goes to ${GITOPS_TOOLS_DIR:-$HOME/.cache/gitops-sdk/tools}/kustomize-<version>/.
set -euo pipefail

version="${KUSTOMIZE_VERSION:-v5.5.0}"
tools="${GITOPS_TOOLS_DIR:-$HOME/.cache/gitops-sdk/tools}"
# "-release": stamped with its version as kustomize's release builds are (so that
# buildMetadata's managed-by label reads kustomize-<version>, not kustomize-(devel)).
dir="$tools/kustomize-$version-release"
bin="$dir/kustomize"

if [[ -x "$bin" ]]; then
  echo "$bin"
  exit 0
fi
command -v go >/dev/null || { echo "kustomize-oracle: go is not installed" >&2; exit 1; }
mkdir -p "$dir"
# The kustomize/v5 module has no replace directives at this version, so a plain install works;
# a temporary GOBIN keeps a half-built binary out of the final place.
tmp="$(mktemp -d "$dir/.install.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && GOBIN="$tmp" GOFLAGS=-mod=mod go install \
  -ldflags "-X sigs.k8s.io/kustomize/api/provenance.version=kustomize/$version" \
  "sigs.k8s.io/kustomize/kustomize/v5@$version") >&2
mv "$tmp/kustomize" "$bin"
echo "$bin"
