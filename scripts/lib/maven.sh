# shellcheck shell=bash
# Resolve single Maven artifacts into the project's local repository
# (.cache/m2) and place them where the project wants them.
# Sourced by fetch-connector-jars.sh and build-s3-server.sh; expects M2 to be
# set, a `die` function to be defined and `set -o pipefail`.

MAVEN_DEPENDENCY_PLUGIN=org.apache.maven.plugins:maven-dependency-plugin:3.8.1

# resolve group:artifact:version[:type[:classifier]] without its dependencies
# (the jars we fetch are shaded or carry their dependencies inside)
maven_resolve() { # coordinates
  command -v mvn >/dev/null || die "mvn not found (apt-get install maven)"
  # -q still emits colour resets in Maven 3.8; strip escape sequences
  if ! mvn -B -q -ntp -Dmaven.repo.local="$M2" "$MAVEN_DEPENDENCY_PLUGIN:get" \
         -Dartifact="$1" -Dtransitive=false 2>&1 | sed 's/\x1b\[[0-9;]*m//g' >&2; then
    die "maven could not resolve $1"
  fi
}

# path of an artifact inside the local repository
maven_path() { # group artifact version [type] [classifier]
  local g=$1 a=$2 v=$3 t=${4:-jar} c=${5:-}
  echo "$M2/${g//.//}/$a/$v/$a-$v${c:+-$c}.$t"
}

# resolve a jar and put it at dest (hard link into .cache/m2 where possible,
# so a 600 MB bundle is not stored twice); the rename keeps dest whole
maven_fetch_jar() { # dest group artifact version [classifier]
  local dest=$1 g=$2 a=$3 v=$4 c=${5:-}
  maven_resolve "$g:$a:$v:jar${c:+:$c}"
  local src; src=$(maven_path "$g" "$a" "$v" jar "$c")
  [[ -s $src ]] || die "maven resolved $g:$a:$v but $src is missing"
  ln -f "$src" "$dest.tmp" 2>/dev/null || cp "$src" "$dest.tmp"
  mv -f "$dest.tmp" "$dest"
}
