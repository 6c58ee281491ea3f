# shellcheck shell=bash
# The env file of a test server's state dir (scripts/test-cluster.sh,
# scripts/local-cluster.sh): `export NAME='VALUE'` lines, for `source` and
# for the tests that read it (tests/k8s/cluster_fixture.hpp).

# write_exports FILE NAME=VALUE...: FILE holds one export line per pair.
write_exports() {
  local file="$1" pair
  shift
  for pair in "$@"; do
    printf "export %s='%s'\n" "${pair%%=*}" "${pair#*=}"
  done >"$file"
}
