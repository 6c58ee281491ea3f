#!/usr/bin/env bash
# Builds the container images of the local cluster (scripts/local-cluster.sh)
# from Debian packages and this machine's build, with podman, and saves them
# in one archive, $CACHE/images/node-images.tar, that the node's containerd
# imports (layers the images share are stored once):
#
#   base      localhost/debian:$DEBIAN_RELEASE   mmdebstrap --variant=minbase, with this
#                                              machine's apt sources and settings
#   pause     localhost/sparkctl/pause:latest    docker/pause (the pods' sandbox)
#   spark     localhost/sparkctl/spark:latest    docker/Dockerfile, with this machine's
#                                              sparkctl, pyspark wheel, S3 and GCS connector jars
#   operator  localhost/sparkctl/spark-operator:$SPARK_OPERATOR_VERSION
#                                              docker/operator on the spark image
#
#   scripts/build-images.sh [all]   the four images and the archive
#   scripts/build-images.sh base    only the Debian base (for `make build-image`)
#
# Cached by content: each image's inputs (files, versions, the images it
# builds on) give a key; an image that podman holds, built from inputs with
# the same key, is not built again, nor is the archive saved again, so a
# second run only checks. The archive and podman's storage live in
# $CACHE/images and $CACHE/podman (podman runs with --network=host: it sets
# up no network of its own).
#
# Environment: SPARKCTL_CACHE_DIR (default <repo>/.cache), SPARKCTL_BINARY
# (default <repo>/build/src/cli/sparkctl), FORCE=1 rebuilds.
# shellcheck source=scripts/lib/preamble.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/preamble.sh"
# shellcheck source=scripts/k8s-test-versions.sh
source "$ROOT/scripts/k8s-test-versions.sh"
# shellcheck source=scripts/lib/pyspark-home.sh
source "$ROOT/scripts/lib/pyspark-home.sh"
# shellcheck source=scripts/lib/images.sh
source "$ROOT/scripts/lib/images.sh"

IMAGES="$CACHE/images"
SPARKCTL_BINARY="${SPARKCTL_BINARY:-$ROOT/build/src/cli/sparkctl}"
FORCE="${FORCE:-0}"
DEBIAN_RELEASE="${DEBIAN_RELEASE:-bookworm}"
SPARK_VERSION="${SPARK_VERSION:-4.3.0}"

START=$SECONDS
log() { printf '[build-images %4ds] %s\n' "$((SECONDS - START))" "$*" >&2; }

for tool in podman mmdebstrap gcc strip; do
  command -v "$tool" >/dev/null || die "$tool is missing (scripts/setup.sh --test installs it)"
done
((EUID == 0)) || die "podman and mmdebstrap build images as root here; run as root"
mkdir -p "$IMAGES" "$CACHE/podman"

# podman with its storage under $CACHE, never the machine's default.
podman_cmd() {
  podman --root "$CACHE/podman/storage" --runroot "$CACHE/podman/run" \
    --storage-driver overlay --tmpdir "$CACHE/podman/tmp" "$@"
}

# A build killed half-way leaves its working containers mounted in our
# storage (under the checkout): clear them before building and at the end.
clear_build_leftovers() {
  local leftovers=()
  mapfile -t leftovers < <(podman_cmd ps -a --external -q 2>/dev/null || true)
  ((${#leftovers[@]} == 0)) || podman_cmd rm -f "${leftovers[@]}" >/dev/null 2>&1 || true
  podman_cmd unmount --all >/dev/null 2>&1 || true
}
clear_build_leftovers
trap clear_build_leftovers EXIT

# podman_build TAG CONTEXT DOCKERFILE [ARGS...]: this machine gives a build
# no CAP_SYS_RESOURCE, so the ulimits stay within the current hard limits.
podman_build() {
  local tag="$1" context="$2" dockerfile="$3"
  shift 3
  podman_cmd build --format docker --network=host --pull=never \
    --ulimit nofile=1024:1024 --ulimit nproc=4096:4096 \
    -f "$dockerfile" -t "$tag" "$@" "$context"
}

# up_to_date NAME TAG KEY: podman holds TAG, built from inputs with KEY.
up_to_date() {
  [[ "$FORCE" != 1 && "$(cat "$IMAGES/$1.key" 2>/dev/null)" == "$3" ]] && podman_cmd image exists "$2"
}

# built NAME KEY: records the key of what was just built.
built() {
  echo "$2" >"$IMAGES/$1.key"
  log "$1: built"
}

# save_archive TAG...: the images as one docker archive (uncompressed
# layers: nothing to compress on save or to uncompress on import), unless
# it holds them already, built from the same keys.
save_archive() {
  local key archive="$IMAGES/node-images.tar"
  key="$(fingerprint_text "$(cat "$IMAGES"/{pause,spark,operator}.key)")"
  if [[ "$FORCE" != 1 && -s "$archive" && "$(cat "$IMAGES/node-images.key" 2>/dev/null)" == "$key" ]]; then
    log "node-images.tar: up to date"
    return
  fi
  rm -f "$IMAGES/node-images.key"
  podman_cmd save --quiet --multi-image-archive --format docker-archive -o "$archive.tmp" "$@" >/dev/null
  mv "$archive.tmp" "$archive"
  echo "$key" >"$IMAGES/node-images.key"
  # Images that lost their tags to these; the layers of tagged images, which
  # later builds reuse, stay.
  podman_cmd image prune -f >/dev/null
  log "node-images.tar: saved $* ($(du -h "$archive" | cut -f1))"
}

# The Debian sources and apt settings of this machine, so the base and the
# images' apt-get use whatever this machine installs its packages from.
host_apt_sources() {
  local f
  for f in /etc/apt/sources.list.d/debian.sources /etc/apt/sources.list; do
    [[ -s "$f" ]] && { echo "$f"; return; }
  done
  die "no Debian apt sources on this machine (/etc/apt/sources.list.d/debian.sources)"
}

build_base() {
  local tag="localhost/debian:$DEBIAN_RELEASE" sources key conf=()
  sources="$(host_apt_sources)"
  local f
  for f in /etc/apt/apt.conf.d/*; do [[ -f "$f" ]] && conf+=("--aptopt=$f"); done
  key="$(fingerprint_text "mmdebstrap $(mmdebstrap --version) minbase $DEBIAN_RELEASE" "${conf[*]}" |
    fingerprint_files "$sources" "${conf[@]#--aptopt=}")"
  if up_to_date base "$tag" "$key"; then
    log "base: $tag up to date"
    return
  fi
  log "base: mmdebstrap $DEBIAN_RELEASE (minbase) from $sources"
  mmdebstrap --variant=minbase --quiet "${conf[@]}" "$DEBIAN_RELEASE" "$IMAGES/base.rootfs.tar" "$sources"
  podman_cmd import --quiet "$IMAGES/base.rootfs.tar" "$tag" >/dev/null
  rm -f "$IMAGES/base.rootfs.tar"
  built base "$key"
}

build_pause() {
  local tag="localhost/sparkctl/pause:latest" key context="$IMAGES/context/pause"
  key="$(fingerprint_text "gcc $(gcc -dumpfullversion)" | fingerprint_files "$ROOT/docker/pause/pause.c" "$ROOT/docker/pause/Dockerfile")"
  if up_to_date pause "$tag" "$key"; then
    log "pause: $tag up to date"
    return
  fi
  rm -rf "$context" && mkdir -p "$context"
  gcc -static -O2 -Wall -Wextra -o "$context/pause" "$ROOT/docker/pause/pause.c"
  strip "$context/pause"
  podman_build "$tag" "$context" "$ROOT/docker/pause/Dockerfile" >"$IMAGES/pause.build.log" 2>&1 ||
    { tail -n 30 "$IMAGES/pause.build.log" >&2; die "pause: podman build failed; log $IMAGES/pause.build.log"; }
  built pause "$key"
}

# The stages of docker/Dockerfile this machine has already built, as named
# build contexts: sparkctl (stripped, with the packages of its libraries),
# the pyspark wheel from pip's cache, the S3 and GCS connector jars of the set-up.
stage_spark_contexts() {
  local context="$1" wheel="$2" connect_wheels="$3" jar
  shift 3
  rm -rf "$context" && mkdir -p "$context/sparkctl/out/tests" "$context/pyspark-wheel/wheels" "$context/connectors/connectors" \
    "$context/python-connect-wheels/wheels"
  for jar in "$connect_wheels"/*.whl; do link_or_copy "$jar" "$context/python-connect-wheels/wheels/"; done
  strip -o "$context/sparkctl/out/sparkctl" "$SPARKCTL_BINARY"
  bash "$ROOT/docker/runtime-packages.sh" "$SPARKCTL_BINARY" >"$context/sparkctl/out/runtime-packages.txt"
  link_or_copy "$wheel" "$context/pyspark-wheel/wheels/"
  for jar in "$@"; do link_or_copy "$jar" "$context/connectors/connectors/"; done
}

build_spark() {
  local tag="localhost/sparkctl/spark:latest" key wheel connect_wheels context="$IMAGES/context/spark" jars
  [[ -x "$SPARKCTL_BINARY" ]] || die "no sparkctl at $SPARKCTL_BINARY (build it, or set SPARKCTL_BINARY)"
  wheel="$(pyspark_wheel "$SPARK_VERSION")"
  connect_wheels="$(python_connect_wheels)"
  mapfile -t jars < <(connector_jars)
  ((${#jars[@]} == 4)) || die "want the 4 connector jars (S3 and GCS) in $CACHE/jars, found ${#jars[@]} (run scripts/fetch-connector-jars.sh)"
  key="$(fingerprint_text "$(cat "$IMAGES/base.key")" "spark $SPARK_VERSION" |
    fingerprint_files "$SPARKCTL_BINARY" "$ROOT/docker/Dockerfile" "$ROOT/docker/spark-defaults.conf" \
      "$ROOT/docker/sparkctl-tests" "$ROOT/docker/runtime-packages.sh" "$ROOT/config/conf.yaml" "$ROOT/data/titanic.csv" \
      "$ROOT/docker/python-connect.txt" |
    fingerprint_stats "$wheel" "${jars[@]}")"
  if up_to_date spark "$tag" "$key"; then
    log "spark: $tag up to date"
    return
  fi
  log "spark: staging sparkctl ($SPARKCTL_BINARY), $(basename "$wheel"), ${#jars[@]} connector jars"
  stage_spark_contexts "$context" "$wheel" "$connect_wheels" "${jars[@]}"
  log "spark: podman build (cached layers are reused; cold: minutes)"
  podman_build "$tag" "$ROOT" "$ROOT/docker/Dockerfile" \
    --build-arg "BASE_IMAGE=localhost/debian:$DEBIAN_RELEASE" --build-arg "SPARK_VERSION=$SPARK_VERSION" \
    --build-context "sparkctl=$context/sparkctl" --build-context "pyspark-wheel=$context/pyspark-wheel" \
    --build-context "connectors=$context/connectors" \
    --build-context "python-connect-wheels=$context/python-connect-wheels" >"$IMAGES/spark.build.log" 2>&1 ||
    { tail -n 30 "$IMAGES/spark.build.log" >&2; die "spark: podman build failed; log $IMAGES/spark.build.log"; }
  built spark "$key"
}

build_operator() {
  local tag="localhost/sparkctl/spark-operator:$SPARK_OPERATOR_VERSION" key binary="$CACHE/bin/spark-operator"
  local context="$IMAGES/context/operator"
  [[ -x "$binary" ]] || die "no $binary (run scripts/build-spark-operator.sh)"
  key="$(fingerprint_text "$(cat "$IMAGES/spark.key")" "$SPARK_OPERATOR_VERSION" |
    fingerprint_files "$binary" "$ROOT/docker/operator/Dockerfile")"
  if up_to_date operator "$tag" "$key"; then
    log "operator: $tag up to date"
    return
  fi
  rm -rf "$context" && mkdir -p "$context"
  link_or_copy "$binary" "$context/"
  podman_build "$tag" "$context" "$ROOT/docker/operator/Dockerfile" \
    --build-arg SPARK_IMAGE=localhost/sparkctl/spark:latest \
    --build-arg "SPARK_OPERATOR_VERSION=$SPARK_OPERATOR_VERSION" >"$IMAGES/operator.build.log" 2>&1 ||
    { tail -n 30 "$IMAGES/operator.build.log" >&2; die "operator: podman build failed; log $IMAGES/operator.build.log"; }
  built operator "$key"
}

case "${1:-all}" in
base) build_base ;;
all)
  build_base
  build_pause
  build_spark
  build_operator
  save_archive localhost/sparkctl/pause:latest localhost/sparkctl/spark:latest \
    "localhost/sparkctl/spark-operator:$SPARK_OPERATOR_VERSION"
  ;;
*) die "usage: $0 [all|base]" ;;
esac
log "done in $((SECONDS - START))s"
