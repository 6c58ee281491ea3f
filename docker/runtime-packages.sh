#!/usr/bin/env bash
# Prints the Debian packages that provide the shared libraries the given
# executables link against directly (their DT_NEEDED entries), one a line:
# what the runtime stage of docker/Dockerfile apt-installs; apt brings those
# libraries' own dependencies. Run in the build stage, which is the same
# Debian release as the runtime stage, so the package names (and sonames)
# are the ones the binaries were linked against. glibc, libstdc++ and libgcc
# are left out: every Debian image has them.
#
#   docker/runtime-packages.sh sparkctl [test binaries...] > runtime-packages.txt
set -euo pipefail

(( $# > 0 )) || { echo "usage: $0 EXECUTABLE..." >&2; exit 2; }

missing=$(ldd "$@" | grep 'not found' || true)
if [[ -n $missing ]]; then
  echo "runtime-packages: unresolved libraries:" >&2
  echo "$missing" >&2
  exit 1
fi

# soname -> path, as the dynamic loader resolves it here
declare -A where
while read -r soname path; do
  where[$soname]=$path
done < <(ldd "$@" | awk '$2 == "=>" && $3 ~ /^\// { print $1, $3 }')

for binary in "$@"; do
  objdump -p "$binary" | awk '$1 == "NEEDED" { print $2 }'
done | sort -u |
  while read -r soname; do
    lib=${where[$soname]:-}
    [[ -n $lib ]] || { echo "runtime-packages: $soname is not resolved by ldd" >&2; exit 1; }
    # With merged /usr, ldd's path and dpkg's may differ in the /lib vs
    # /usr/lib prefix: ask for both.
    owner=""
    for path in "$lib" "/usr$lib" "${lib#/usr}"; do
      owner=$(dpkg -S "$path" 2>/dev/null | head -n1 | cut -d: -f1) && [[ -n $owner ]] && break
    done
    [[ -n $owner ]] || { echo "runtime-packages: no package owns $lib" >&2; exit 1; }
    echo "$owner"
  done |
  { grep -vxE 'libc6|libgcc-s1|libstdc\+\+6' || true; } | sort -u
