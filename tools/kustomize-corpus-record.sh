#!/usr/bin/env bash
# Records the reference kustomize's output for each corpus case as <case>/.expected.yaml, which the
# fast KustomizeCorpusTest compares against (the heavy KustomizeOracleTest re-runs kustomize).
#   tools/kustomize-corpus-record.sh [case...]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
kustomize="$("$here/tools/kustomize-oracle.sh")"
corpus="$here/gitops-core/src/test/resources/kustomize-corpus"
cd "$corpus"
cases=("$@")
[[ ${#cases[@]} -gt 0 ]] || cases=(*/)
for c in "${cases[@]}"; do
  c="${c%/}"
  dir="$c"
  [[ -f "$c/.build" ]] && dir="$c/$(tr -d '\n' < "$c/.build")"
  # .enable-helm: the case inflates helmCharts, with the reference helm (tools/helm-oracle.sh).
  flags=()
  [[ -f "$c/.enable-helm" ]] && flags=(--enable-helm --helm-command "$("$here/tools/helm-oracle.sh" 2>/dev/null)")
  if [[ -f "$c/.expected-error" ]]; then
    if "$kustomize" build "${flags[@]}" "$dir" >/dev/null 2>&1; then echo "$c: kustomize did not fail" >&2; exit 1; fi
    continue
  fi
  "$kustomize" build "${flags[@]}" "$dir" > "$c/.expected.yaml"
done
