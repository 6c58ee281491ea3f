#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (in build-fuzz/) and runs each for
# a bounded time. Usage: scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
# A crash leaves its input in .cache/fuzz/<target>/crashes and exits non-zero.
# shellcheck source=scripts/lib/preamble.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/preamble.sh"
BUILD="$ROOT/build-fuzz"
SECONDS_PER_TARGET="${1:-60}"
shift || true
TARGETS=("$@")
(( ${#TARGETS[@]} )) || TARGETS=(fuzz_config_loader)

echo "==> building fuzz targets (${TARGETS[*]}) with clang" >&2
cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_COMPILER=clang++ -DSPARKCTL_FUZZ=ON -DSPARKCTL_TESTS=OFF \
  -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined" \
  -DSPARKCTL_CACHE_DIR="$CACHE" >/dev/null
cmake --build "$BUILD" --target "${TARGETS[@]}" >/dev/null

for target in "${TARGETS[@]}"; do
  corpus="$CACHE/fuzz/$target/corpus"
  crashes="$CACHE/fuzz/$target/crashes"
  mkdir -p "$corpus" "$crashes"
  seeds="$ROOT/tests/fuzz/seeds/$target"
  binary="$(find "$BUILD" -type f -name "$target" -perm -u+x | head -1)"
  inputs=("$corpus")
  [[ -d "$seeds" ]] && inputs+=("$seeds")
  echo "==> $target for ${SECONDS_PER_TARGET}s" >&2
  "$binary" -max_total_time="$SECONDS_PER_TARGET" -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$crashes/" -print_final_stats=1 "${inputs[@]}" 2>"$CACHE/fuzz/$target/last.log" \
    || { tail -40 "$CACHE/fuzz/$target/last.log" >&2; echo "fuzz: $target crashed; input saved in $crashes" >&2; exit 1; }
  grep -E "stat::number_of_executed_units" "$CACHE/fuzz/$target/last.log" >&2 || true
done
echo "fuzz: no crash" >&2
