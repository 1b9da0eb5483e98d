#!/usr/bin/env bash
# Builds every tool the heavy test suites need, from Go modules at pinned versions, into
# ${GITOPS_TOOLS_DIR:-$HOME/.cache/gitops-sdk/tools}. Each script does nothing when its
# binaries are already there.
set -euo pipefail
cd "$(dirname "$0")"
bash ./k8s-test-binaries.sh   # kube-apiserver and etcd
bash ./helm-oracle.sh         # helm, the reference for HelmRenderer
if [ -f ./kustomize-oracle.sh ]; then
  bash ./kustomize-oracle.sh  # kustomize, the reference for KustomizeRenderer
fi
