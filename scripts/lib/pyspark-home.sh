# shellcheck shell=bash
# The Spark installation that pip's pyspark carries, in the set-up's venv.
#   pyspark_home CACHE_DIR   prints its path, or nothing (and returns 1)
#                            when there is no pyspark with jars there.
# The venv's Python version is whatever Debian's python3 was at set-up.
pyspark_home() {
  local d
  for d in "$1"/venv/lib/python3*/site-packages/pyspark; do
    [[ -d $d/jars ]] && { echo "$d"; return 0; }
  done
  return 1
}
