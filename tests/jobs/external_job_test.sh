#!/usr/bin/env bash
# A job kept in a folder outside the source tree is built into sparkctl with
# the SPARKCTL_JOB_DIRS option and run, as docs/jobs.md tells a user to:
# configure and build sparkctl in a build folder of its own, list the job
# with its typed arguments, run it on Spark (the warm local server of the
# jobs fixture). The job folder is a copy of tests/jobs/external_job/ in the
# temporary directory, removed afterwards.
#
# Usage: external_job_test.sh SOURCE_DIR BUILD_DIR [cmake -D options...]
set -euo pipefail
source_dir=$1
build_dir=$2
shift 2

# One folder per build folder, outside the source tree: a run killed by a
# timeout leaves it behind, and the next run of that build replaces it.
job_dir="${TMPDIR:-/tmp}/sparkctl-external-job-$(printf '%s' "$build_dir" | md5sum | cut -c1-12)"
rm -rf "$job_dir"
mkdir -p "$job_dir"
trap 'rm -rf "$job_dir"' EXIT
cp "$source_dir"/tests/jobs/external_job/* "$job_dir"/

fail() {
  echo "external_job_test: $*" >&2
  exit 1
}

echo "== building sparkctl with SPARKCTL_JOB_DIRS=$job_dir in $build_dir"
start=$SECONDS
mkdir -p "$build_dir"
cmake -S "$source_dir" -B "$build_dir" -G Ninja -DSPARKCTL_TESTS=OFF \
  -DSPARKCTL_JOB_DIRS="$job_dir" "$@" >"$build_dir/configure.log" 2>&1 ||
  { cat "$build_dir/configure.log"; fail "configure failed"; }
cmake --build "$build_dir" --target sparkctl -j2 >"$build_dir/build.log" 2>&1 ||
  { tail -50 "$build_dir/build.log"; fail "build failed"; }
echo "built in $((SECONDS - start))s"
sparkctl="$build_dir/src/cli/sparkctl"

listing="$("$sparkctl" jobs)"
echo "$listing"
grep -q '^greet: greet someone' <<<"$listing" || fail "sparkctl jobs does not list greet"
grep -Eq '^  shout +boolean +false +greet in capitals' <<<"$listing" ||
  fail "sparkctl jobs does not show greet's boolean argument"
grep -q '^pi: ' <<<"$listing" || fail "the built-in jobs are gone"

output="$("$sparkctl" run --job greet --job-args name=Ada shout=true below=10)"
echo "$output"
[[ "$output" == "HELLO, ADA: 5 even numbers below 10" ]] || fail "unexpected output of greet"

set +e
bad="$("$sparkctl" run --job greet --job-args shout=maybe 2>&1)"
code=$?
set -e
echo "$bad"
[[ $code == 2 ]] || fail "a bad boolean should exit 2, got $code"
grep -q 'jobs.greet.shout' <<<"$bad" || fail "the error should name the argument"
echo "external job: ok"
