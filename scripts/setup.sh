#!/usr/bin/env bash
# Prepares a fresh Debian machine for sparkctl, idempotently:
#   scripts/setup.sh          Debian packages, Java 17, the pyspark venv, the build
#   scripts/setup.sh --test   the same plus what the test suite runs against
#                             (kube-apiserver + etcd + CRD, the real node's parts
#                             and packages, S3 store, connector jars)
# Everything downloaded is cached under .cache/ (git-ignored); a second run
# only checks and skips.
# shellcheck source=scripts/lib/preamble.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/preamble.sh"
# shellcheck source=scripts/lib/images.sh
source "$ROOT/scripts/lib/images.sh"
BUILD="${SPARKCTL_BUILD_DIR:-$ROOT/build}"
PYSPARK_VERSION="${PYSPARK_VERSION:-4.3.0}"
WITH_TESTS=0
[[ "${1:-}" == "--test" ]] && WITH_TESTS=1

log() { printf 'setup: %s\n' "$*" >&2; }
step() { printf '\n==> %s\n' "$*" >&2; }
took() { printf '    done in %ss\n' "$(( $(date +%s) - $1 ))" >&2; }

DEBIAN_PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config git ca-certificates openssl
  libcli11-dev libyaml-cpp-dev libspdlog-dev libcurl4-openssl-dev libssl-dev libzip-dev nlohmann-json3-dev
  libgtest-dev libgmock-dev libgrpc++-dev libprotobuf-dev protobuf-compiler protobuf-compiler-grpc
  libreadline-dev openjdk-17-jre-headless python3-venv python3-pip procps tmux
)
TEST_PACKAGES=(clang libclang-rt-14-dev golang-go maven
  # javac compiles the tests' own jar application against Spark's jars.
  openjdk-17-jdk-headless
  # The real node of scripts/local-cluster.sh and its images (scripts/build-images.sh).
  containerd runc containernetworking-plugins iptables nftables podman mmdebstrap)

install_debian_packages() {
  local wanted=("${DEBIAN_PACKAGES[@]}") missing=()
  (( WITH_TESTS )) && wanted+=("${TEST_PACKAGES[@]}")
  for package in "${wanted[@]}"; do
    # A tool that is already on PATH (Go, Maven, Java from another source) is enough.
    case "$package" in
      golang-go) command -v go >/dev/null && continue ;;
      maven) command -v mvn >/dev/null && continue ;;
      openjdk-17-jdk-headless) command -v javac >/dev/null && continue ;;
      openjdk-17-jre-headless) java_ok && continue ;;
      python3-venv|python3-pip) python3 -m venv --help >/dev/null 2>&1 && continue ;;
    esac
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  if (( ${#missing[@]} == 0 )); then
    echo "    Debian packages: all present" >&2
    return
  fi
  step "Installing Debian packages: ${missing[*]}"
  local started; started=$(date +%s)
  local sudo=""
  (( EUID != 0 )) && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  took "$started"
}

java_ok() {
  command -v java >/dev/null || return 1
  local major
  major=$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)
  [[ -n "$major" && "$major" -ge 17 ]]
}

python_for_venv() {
  # Prefer a python3 that has venv; pyspark 4 needs 3.9+.
  command -v python3
}

install_venv() {
  local venv="$CACHE/venv"
  if [[ -x "$venv/bin/python" ]] && "$venv/bin/python" - "$PYSPARK_VERSION" <<'PY' 2>/dev/null
import sys, pyspark
sys.exit(0 if pyspark.__version__ == sys.argv[1] else 1)
PY
  then
    echo "    venv: pyspark $PYSPARK_VERSION present" >&2
  else
    step "Creating the Python venv with pyspark $PYSPARK_VERSION (a large download, cached in .cache/pip)"
    local started; started=$(date +%s)
    "$(python_for_venv)" -m venv "$venv"
    PIP_CACHE_DIR="$CACHE/pip" "$venv/bin/pip" install -q --upgrade pip >/dev/null
    PIP_CACHE_DIR="$CACHE/pip" "$venv/bin/pip" install -q "pyspark==$PYSPARK_VERSION"
    took "$started"
  fi
  if (( WITH_TESTS )) && ! "$venv/bin/python" -c 'import pyarrow, hcl2, pandas, grpc_status' 2>/dev/null; then
    # pyarrow writes Arrow test streams; python-hcl2 parses terraform/ in its
    # test; pyspark's Connect client (its [connect] extra) plays a user's
    # notebook against the local servers.
    step "Adding the test tools pyarrow, python-hcl2 and pyspark's Connect client to the venv"
    PIP_CACHE_DIR="$CACHE/pip" "$venv/bin/pip" install -q pyarrow python-hcl2 \
      "pyspark[connect]==$PYSPARK_VERSION"
  fi
}

build_sparkctl() {
  step "Building sparkctl in ${BUILD#"$ROOT"/}"
  local started; started=$(date +%s)
  local tests=OFF
  (( WITH_TESTS )) && tests=ON
  cmake -S "$ROOT" -B "$BUILD" -G Ninja -DSPARKCTL_TESTS=$tests -DSPARKCTL_CACHE_DIR="$CACHE" >/dev/null
  cmake --build "$BUILD" --parallel "$(nproc)"
  took "$started"
}

install_test_servers() {
  step "Kubernetes test servers (kube-apiserver, etcd, kubectl, SparkApplication CRD)"
  "$ROOT/scripts/build-k8s-test-servers.sh"
  if [[ -x "$ROOT/scripts/build-spark-operator.sh" ]]; then
    step "spark-operator controller"
    "$ROOT/scripts/build-spark-operator.sh"
  fi
  step "The real node's parts (kubelet, kube-scheduler, kube-controller-manager, kube-proxy, CoreDNS, crictl)"
  "$ROOT/scripts/build-k8s-node.sh"
  step "S3-compatible test store"
  "$ROOT/scripts/build-s3-server.sh"
  step "GCS-compatible test store"
  "$ROOT/scripts/build-gcs-server.sh"
  step "Object-store connector jars"
  "$ROOT/scripts/fetch-connector-jars.sh"
  step "Wheels of the tests' --requirements (the tests install from them only)"
  image_python_wheels "$ROOT/tests/apps/requirements.txt" \
    "$(python_wheels_dir "$ROOT/tests/apps/requirements.txt" test-requirements)"
  step "hadolint (Dockerfile lint)"
  "$ROOT/scripts/lint-dockerfile.sh" --install-only || echo "    hadolint could not be installed; its test will say so" >&2
}

mkdir -p "$CACHE"
step "Checking Debian packages"
install_debian_packages
java_ok || { echo "setup: Java 17 or newer is still missing after installing packages" >&2; exit 1; }
install_venv
(( WITH_TESTS )) && install_test_servers
build_sparkctl
echo >&2
echo "sparkctl is built: $BUILD/src/cli/sparkctl" >&2
