#!/usr/bin/env bash
# The project's lint, as CI runs it (`make lint`):
#   clang-format 14 (Debian 12's): every C++ file against .clang-format
#   ShellCheck: every shell script (by extension or shebang)
#   config keys: sparkctl's code reads keys through config/keys.hpp's names
#   verbs: no verb file calls the REST client or builds an API path; the
#     typed operations of src/k8s/ (applications.hpp, pods.hpp, ...) do
# Installs both from Debian when missing. `scripts/lint.sh --fix` formats the
# C++ files in place instead of checking them.
# shellcheck source=scripts/lib/preamble.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/preamble.sh"
cd "$ROOT"

# The pinned formatter: another major version formats differently.
CLANG_FORMAT_MAJOR=14

install_missing() {
  local missing=()
  command -v shellcheck >/dev/null || missing+=(shellcheck)
  command -v clang-format >/dev/null || missing+=(clang-format)
  ((${#missing[@]} == 0)) && return
  echo "lint: installing ${missing[*]} from Debian" >&2
  local sudo=""
  ((EUID != 0)) && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

check_clang_format_version() {
  local version
  version="$(clang-format --version | sed -n 's/.*version \([0-9]*\)\..*/\1/p')"
  if [[ "$version" != "$CLANG_FORMAT_MAJOR" ]]; then
    echo "lint: clang-format $version found; the tree is formatted with clang-format $CLANG_FORMAT_MAJOR" >&2
    exit 2
  fi
}

shell_scripts() {
  git ls-files -z | while IFS= read -r -d '' file; do
    [[ -f "$file" ]] || continue
    if [[ "$file" == *.sh ]] || head -n1 "$file" | grep -qE '^#!.*\b(ba)?sh\b'; then
      printf '%s\0' "$file"
    fi
  done
}

install_missing
check_clang_format_version
status=0
if [[ "${1:-}" == "--fix" ]]; then
  git ls-files -z '*.cpp' '*.hpp' | xargs -0 clang-format -i
else
  echo "lint: clang-format" >&2
  git ls-files -z '*.cpp' '*.hpp' | xargs -0 clang-format --dry-run --Werror || status=1
fi
echo "lint: shellcheck" >&2
shell_scripts | xargs -0 shellcheck -x || status=1
echo "lint: config keys" >&2
# A key spelled out where it is read escapes tests/config/keys_test.cpp.
if git grep -nE '(get_string|get_int|get_bool|get_map|get_duration|origin)\("(spark|kubernetes|storage|jobs)\.' \
  -- src jobs; then
  echo "lint: read config keys through sparkctl/config/keys.hpp" >&2
  status=1
fi
echo "lint: verbs on typed operations" >&2
# The REST client (.client / client()), API paths (/api/v1, /apis/, *_path()) and
# raw requests belong to src/k8s/; a verb is flags -> validate -> one call into it.
if git grep -nE '(\.client\b|\bclient\(\)|"/api/v1|"/apis/|k8s::[a-z_]+_path\(|core_path\(|\.request\("(GET|POST|PUT|PATCH|DELETE)")' \
  -- 'src/cli/*_command.cpp'; then
  echo "lint: verbs call the typed operations of src/k8s/, never the REST client or an API path" >&2
  status=1
fi
if ((status == 0)); then echo "lint: clean" >&2; fi
exit "$status"
