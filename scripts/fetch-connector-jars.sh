#!/usr/bin/env bash
# Fetch the Hadoop object-store connectors that match the Hadoop bundled in
# pyspark, so the local Spark Connect server can read s3a:// and gs:// paths.
#
#   hadoop-aws            same version as SPARK_HOME/jars/hadoop-client-api-*.jar
#   awssdk bundle         the version hadoop-aws is built against (hadoop-project pom)
#   analyticsaccelerator  hadoop-aws's other compile dependency (same source)
#   gcs-connector         Google's com.google.cloud.bigdataoss:gcs-connector, the
#                         shaded jar for Hadoop 3 (GCS_CONNECTOR_VERSION). Under
#                         Hadoop >= 3.5 it needs fs.gs.impl and a numeric
#                         fs.gs.block.size set (docs/object-storage.md).
#                         SPARKCTL_GCS_CONNECTOR=hadoop fetches Hadoop's own
#                         org.apache.hadoop:hadoop-gcp instead (Hadoop >= 3.5 only).
#
# Jars are resolved by Maven into .cache/m2 and linked into .cache/jars/.
# .cache/jars/spark-jars.txt gets the comma-separated list for `--jars`.
# Idempotent: jars already present are not resolved again.
#
# Environment: SPARK_HOME (default: pyspark in .cache/venv),
#              SPARKCTL_CACHE_DIR (default: <repo>/.cache),
#              SPARKCTL_GCS_CONNECTOR (google | hadoop; default google),
#              GCS_CONNECTOR_VERSION (Google's connector; default below).
# shellcheck source=scripts/lib/preamble.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/preamble.sh"
M2=$CACHE/m2  # used by lib/maven.sh
JARS=$CACHE/jars
# Newest 4.0.x whose parent POM Maven Central serves; built against Hadoop 3.4.
GCS_CONNECTOR_VERSION=${GCS_CONNECTOR_VERSION:-4.0.4}

log() { echo "fetch-connector-jars: $*" >&2; }
# shellcheck source=scripts/lib/maven.sh
source "$ROOT/scripts/lib/maven.sh"

# shellcheck source=scripts/lib/pyspark-home.sh
source "$ROOT/scripts/lib/pyspark-home.sh"

find_spark_home() {
  if [[ -n ${SPARK_HOME:-} ]]; then echo "$SPARK_HOME"; return; fi
  pyspark_home "$CACHE" || die "SPARK_HOME is not set and no pyspark found under $CACHE/venv"
}

# fetch one jar into $JARS unless it is there
fetch_jar() { # group artifact version [classifier]
  local g=$1 a=$2 v=$3 c=${4:-}
  local name=$a-$v${c:+-$c}.jar
  if [[ -s $JARS/$name ]]; then
    log "have   $name"
  else
    log "fetch  $g:$a:$v${c:+:$c}"
    maven_fetch_jar "$JARS/$name" "$g" "$a" "$v" "$c"
  fi
  FETCHED+=("$JARS/$name")
}

# which GCS connector to fetch: Google's (default) or Hadoop's own hadoop-gcp
gcs_connector_kind() { # hadoop_version
  local kind=${SPARKCTL_GCS_CONNECTOR:-google}
  [[ $kind == hadoop || $kind == google ]] || die "SPARKCTL_GCS_CONNECTOR must be google or hadoop, not '$kind'"
  if [[ $kind == hadoop && $(printf '%s\n' 3.5.0 "$1" | sort -V | head -n1) != 3.5.0 ]]; then
    die "hadoop-gcp exists from Hadoop 3.5.0 on; Spark bundles Hadoop $1"
  fi
  echo "$kind"
}

# read <name>value</name> from a POM
pom_property() { # pom name
  sed -n "s:.*<$2>\([^<]*\)</$2>.*:\1:p" "$1" | head -n1
}

main() {
  local spark_home hadoop_version
  spark_home=$(find_spark_home)
  local api_jar
  for api_jar in "$spark_home"/jars/hadoop-client-api-*.jar; do
    hadoop_version=${api_jar##*/hadoop-client-api-}
    hadoop_version=${hadoop_version%.jar}
  done
  [[ -f ${api_jar:-} ]] || hadoop_version=
  [[ -n $hadoop_version ]] || die "no hadoop-client-api jar in $spark_home/jars"
  log "SPARK_HOME=$spark_home"
  log "Hadoop bundled with Spark: $hadoop_version"
  mkdir -p "$M2" "$JARS"

  # hadoop-aws takes its dependency versions from the hadoop-project parent
  local project_pom; project_pom=$(maven_path org.apache.hadoop hadoop-project "$hadoop_version" pom)
  [[ -s $project_pom ]] || maven_resolve "org.apache.hadoop:hadoop-project:$hadoop_version:pom"
  local sdk_version aal_version
  sdk_version=$(pom_property "$project_pom" aws-java-sdk-v2.version)
  aal_version=$(pom_property "$project_pom" amazon-s3-analyticsaccelerator-s3.version)
  [[ -n $sdk_version ]] || die "no aws-java-sdk-v2.version in $project_pom"
  log "AWS SDK v2 for hadoop-aws $hadoop_version: $sdk_version"

  FETCHED=()
  fetch_jar org.apache.hadoop hadoop-aws "$hadoop_version"
  fetch_jar software.amazon.awssdk bundle "$sdk_version"
  [[ -z $aal_version ]] || \
    fetch_jar software.amazon.s3.analyticsaccelerator analyticsaccelerator-s3 "$aal_version"
  local gcs_kind; gcs_kind=$(gcs_connector_kind "$hadoop_version")
  case $gcs_kind in
    hadoop) fetch_jar org.apache.hadoop hadoop-gcp "$hadoop_version" ;;
    google) fetch_jar com.google.cloud.bigdataoss gcs-connector "$GCS_CONNECTOR_VERSION" shaded ;;
  esac

  local list; list=$(IFS=,; echo "${FETCHED[*]}")
  echo "$list" > "$JARS/spark-jars.txt.tmp" && mv -f "$JARS/spark-jars.txt.tmp" "$JARS/spark-jars.txt"
  log "connector jars (also in $JARS/spark-jars.txt):"
  local j
  for j in "${FETCHED[@]}"; do
    printf '  %8s  %s\n' "$(du -h "$j" | cut -f1)" "$j" >&2
  done
}

main "$@"
