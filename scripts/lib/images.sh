# shellcheck shell=bash
# Helpers of scripts/build-images.sh: content keys and the inputs it takes
# from this machine's caches. Source after setting CACHE and defining die.

# A key is a sha256 chained through a pipeline, e.g.
#   fingerprint_text "spark 4.3.0" | fingerprint_files a b | fingerprint_stats c
# fingerprint_text TEXT...: starts a key from words.
fingerprint_text() { printf '%s\n' "$@" | sha256sum | cut -d' ' -f1; }

# fingerprint_files FILE...: the key on stdin plus the files' contents.
fingerprint_files() {
  { cat; sha256sum "$@"; } | sha256sum | cut -d' ' -f1
}

# fingerprint_stats FILE...: the key on stdin plus the files' names, sizes
# and modification times: for large files of the caches that are written
# once and never changed in place (hashing 700 MB of jars costs seconds).
fingerprint_stats() {
  { cat; stat -L -c '%n %s %Y' "$@"; } | sha256sum | cut -d' ' -f1
}

# link_or_copy FILE DIR/: a hard link when on the same file system.
link_or_copy() {
  ln -f "$(realpath "$1")" "$2" 2>/dev/null || cp -L "$1" "$2"
}

# pyspark_wheel VERSION: the path of the pyspark VERSION wheel in
# $CACHE/wheels, made by pip from its cache (the set-up's venv built it
# already when PyPI serves only the source archive).
pyspark_wheel() {
  local version="$1" wheel="$CACHE/wheels/pyspark-$1-py2.py3-none-any.whl"
  if [[ ! -s "$wheel" ]]; then
    [[ -x "$CACHE/venv/bin/pip" ]] || die "no venv at $CACHE/venv (run scripts/setup.sh)"
    mkdir -p "$CACHE/wheels"
    PIP_CACHE_DIR="$CACHE/pip" "$CACHE/venv/bin/pip" wheel -q --no-deps --wheel-dir "$CACHE/wheels" \
      "pyspark==$version" >&2 || die "pip could not make the pyspark $version wheel"
  fi
  [[ -s "$wheel" ]] || die "pip made no $wheel"
  echo "$wheel"
}

# image_python_wheels LIST DIR: downloads the wheels of the requirements
# LIST for the image's Python (3.11, manylinux x86_64) into DIR, by this
# machine's pip, once per content of LIST (DIR/.complete).
image_python_wheels() {
  local list="$1" dir="$2"
  [[ -f "$dir/.complete" ]] && return 0
  [[ -x "$CACHE/venv/bin/pip" ]] || die "no venv at $CACHE/venv (run scripts/setup.sh)"
  rm -rf "$dir" && mkdir -p "$dir"
  PIP_CACHE_DIR="$CACHE/pip" "$CACHE/venv/bin/pip" download -q --only-binary=:all: \
    --platform manylinux_2_28_x86_64 --platform manylinux_2_17_x86_64 --platform manylinux2014_x86_64 \
    --python-version 3.11 --implementation cp --dest "$dir" -r "$list" >&2 ||
    die "pip could not download the wheels of $list"
  touch "$dir/.complete"
}

# python_wheels_dir LIST NAME: where image_python_wheels keeps LIST's wheels:
# $CACHE/wheels/NAME-<first 12 hex of LIST's sha256> (tests/CMakeLists.txt
# names the tests' folder the same way).
python_wheels_dir() {
  echo "$CACHE/wheels/$2-$(sha256sum "$1" | cut -c1-12)"
}

# python_connect_wheels: the folder of the wheels of docker/python-connect.txt.
python_connect_wheels() {
  local list="$ROOT/docker/python-connect.txt" dir
  dir="$(python_wheels_dir "$list" python-connect)"
  image_python_wheels "$list" "$dir"
  echo "$dir"
}

# connector_jars: what scripts/fetch-connector-jars.sh put into $CACHE/jars
# for the image (its WITH_S3 and WITH_GCS selections): hadoop-aws, the AWS
# SDK bundle, the analytics accelerator, and Google's shaded gcs-connector;
# one path a line.
connector_jars() {
  find "$CACHE/jars" -maxdepth 1 \( -name 'hadoop-aws-*.jar' -o -name 'bundle-*.jar' \
    -o -name 'analyticsaccelerator-s3-*.jar' -o -name 'gcs-connector-*-shaded.jar' \) | sort
}
