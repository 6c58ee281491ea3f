# shellcheck shell=bash
# Test cases of the shell-script tests (tests/k8s/cluster_smoke_test.sh,
# tests/node/smoke_test.sh): `check` runs one case and counts it in
# $passed / $failed, which the script reports at its end.
passed=0
failed=0

# check DESCRIPTION COMMAND...: one test case; COMMAND's output is shown on failure.
check() {
  local what="$1" out line
  shift
  if out="$("$@" 2>&1)"; then
    echo "ok   $what"
    passed=$((passed + 1))
  else
    echo "FAIL $what"
    while IFS= read -r line; do echo "     | $line"; done <<<"$out"
    failed=$((failed + 1))
  fi
}

# expect WANT COMMAND...: COMMAND succeeds and prints exactly WANT.
expect() {
  local want="$1" got
  shift
  got="$("$@")" || return 1
  [[ "$got" == "$want" ]] || { echo "want '$want', got '$got'"; return 1; }
}
