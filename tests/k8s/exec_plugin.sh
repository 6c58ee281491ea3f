#!/bin/sh
# A client.authentication.k8s.io exec credential plugin for the tests: prints
# an ExecCredential (apiVersion $1) holding $SPARKCTL_PLUGIN_TOKEN, counts its
# runs in $SPARKCTL_PLUGIN_COUNT_FILE and keeps KUBERNETES_EXEC_INFO in
# $SPARKCTL_PLUGIN_INFO_FILE, so tests can check caching and the input.
set -eu
echo run >>"$SPARKCTL_PLUGIN_COUNT_FILE"
printf '%s' "${KUBERNETES_EXEC_INFO:-}" >"$SPARKCTL_PLUGIN_INFO_FILE"
printf '{"apiVersion":"%s","kind":"ExecCredential","status":{"token":"%s","expirationTimestamp":"2099-01-01T00:00:00Z"}}\n' \
  "$1" "$SPARKCTL_PLUGIN_TOKEN"
