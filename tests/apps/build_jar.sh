#!/usr/bin/env bash
# Compiles the tests' jar application and Java UDF (java/example/*.java) against
# the jars of the Spark that PYTHON imports, into OUT_DIR/range-count.jar.
#   build_jar.sh OUT_DIR PYTHON
set -euo pipefail
out=$1
python=$2
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
spark_jars="$("$python" -c 'import os, pyspark; print(os.path.join(pyspark.__path__[0], "jars"))')"
java_home=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}
classes="$out/classes"
rm -rf "$classes"
mkdir -p "$classes"
"$java_home/bin/javac" --release 17 -cp "$spark_jars/*" -d "$classes" "$here"/java/example/*.java
"$java_home/bin/jar" --create --file "$out/range-count.jar" -C "$classes" .
echo "$out/range-count.jar"
