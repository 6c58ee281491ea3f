#!/usr/bin/env bash
# Regenerates manifests/spark-application-*.yaml with `sparkctl render` from
# config/conf.yaml. With --check, compares instead and exits 1 on drift.
# shellcheck source=scripts/lib/preamble.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/preamble.sh"
SPARKCTL="${SPARKCTL:-$ROOT/build/src/cli/sparkctl}"
CHECK=0
[[ "${1:-}" == "--check" ]] && CHECK=1
status=0
render() { # name job [extra args...]
  local name=$1 job=$2; shift 2
  local file="$ROOT/manifests/spark-application-$name.yaml" text
  text=$(env -u SPARKCTL_CONFIG "$SPARKCTL" --config "$ROOT/config/conf.yaml" "$@" render --job "$job" --name "$name")
  if (( CHECK )); then
    if ! diff -u "$file" <(printf '%s\n' "$text") >&2; then
      echo "render-manifests: $file differs from sparkctl render (run scripts/render-manifests.sh)" >&2
      status=1
    fi
  else
    printf '%s\n' "$text" > "$file"
  fi
}
render pi pi
render cloud-etl cloud_etl --set kubernetes.secrets=spark-key-file=/mnt/secrets
render interactive interactive
exit $status
