#!/usr/bin/env bash
# Runs an evalspark command:  ./submit.sh evaluate ... | ./submit.sh bench ... | ./submit.sh --help
#
# Where spark-submit is on the PATH (and EVALSPARK_EMBEDDED is unset) the cluster jar is submitted
# to --master or $SPARK_MASTER. Otherwise the same job runs on an embedded local Spark (local[*])
# with the project's own classpath. The jar is built first when it is missing or older than the
# sources. EVALSPARK_JAVA_OPTS sets the embedded JVM's options (default -Xmx4g).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$here/target/evalspark.jar"
classpath="$here/target/classpath.txt"
main=io.evalspark.cli.Main

if [ ! -f "$jar" ] || [ -n "$(find "$here/src/main" "$here/pom.xml" -newer "$jar" -print -quit)" ]; then
  echo "building $jar (the first build downloads Spark) ..." >&2
  (cd "$here" && mvn -B -q -DskipTests package) >&2
fi

# conf/spark-defaults.conf: "key value" lines, comments and blank lines skipped.
settings=()
while read -r key value; do
  case "$key" in ''|'#'*) continue ;; esac
  settings+=("$key=$value")
done < "$here/conf/spark-defaults.conf"

if command -v spark-submit >/dev/null 2>&1 && [ -z "${EVALSPARK_EMBEDDED:-}" ]; then
  master="${SPARK_MASTER:-}"
  previous=""
  for arg in "$@"; do
    if [ "$previous" = "--master" ]; then master="$arg"; fi
    previous="$arg"
  done
  confs=()
  for setting in "${settings[@]}"; do confs+=(--conf "$setting"); done
  exec spark-submit --class "$main" ${master:+--master "$master"} "${confs[@]}" \
    --driver-java-options "-Dlog4j2.configurationFile=$here/conf/log4j2.properties" "$jar" "$@"
fi

if [ ! -f "$classpath" ] || [ "$here/pom.xml" -nt "$classpath" ]; then
  (cd "$here" && mvn -B -q dependency:build-classpath -Dmdep.outputFile="$classpath" -Dmdep.includeScope=compile) >&2
fi
properties=()
for setting in "${settings[@]}"; do properties+=("-D$setting"); done
opens="$(sed -n 's:.*<spark.java.opens>\(.*\)</spark.java.opens>.*:\1:p' "$here/pom.xml")"
# shellcheck disable=SC2086 # the option lists are meant to split into words
exec java $opens ${EVALSPARK_JAVA_OPTS:--Xmx4g} "${properties[@]}" -Dlog4j2.configurationFile="$here/conf/log4j2.properties" \
  -cp "$jar:$(cat "$classpath")" "$main" "$@"
