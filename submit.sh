#!/usr/bin/env bash
# Runs an evalspark command:
#   ./submit.sh [spark-submit options] COMMAND [command options]
#   ./submit.sh --master spark://host:7077 --deploy-mode cluster --executor-memory 2g evaluate --input ...
# COMMAND is evaluate, train, predict or bench (./submit.sh --help lists them). Everything before it
# goes to spark-submit as given; everything after it to the command, whose --conf settings are
# handed to spark-submit too, so that launch settings such as spark.driver.memory take effect.
#
# With spark-submit on the PATH (and EVALSPARK_EMBEDDED unset) the cluster jar is submitted to
# --master or $SPARK_MASTER. The Java 17 flags are added to the cluster's driver options, not put
# in their place; conf/spark-defaults.conf fills in what neither the command line nor the cluster's
# spark-defaults.conf sets. In cluster deploy mode on a standalone master this script waits for the
# driver, prints its output and exits with its exit code.
#
# Otherwise the command runs on an embedded local Spark with the classpath of the Spark line the jar
# was built for; it takes --master, --driver-memory, --driver-java-options, --conf and --jars.
# EVALSPARK_SPARK=3.5 or 4.1 picks the line (the jar is rebuilt for it when it is for the other
# one); the jar is also built when it is missing or older than the sources. EVALSPARK_JAVA_OPTS
# adds options to the embedded JVM.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$here/target/evalspark.jar"
built="$here/target/classes/io/evalspark/build.properties"
main=io.evalspark.cli.Main

usage_error() {
  echo "submit.sh: $*" >&2
  exit 2
}

# Reads a spark-defaults.conf ("key value" or "key=value" lines) into the associative array named $2.
read_properties() {
  local -n into="$2"
  local line key
  [ -f "$1" ] || return 0
  while IFS= read -r line || [ -n "$line" ]; do
    line="${line#"${line%%[![:space:]]*}"}"
    case "$line" in '' | '#'* | '!'*) continue ;; esac
    key="${line%%[[:space:]=]*}"
    line="${line#"$key"}"
    line="${line#"${line%%[![:space:]=]*}"}"
    into["$key"]="${line%"${line##*[![:space:]]}"}"
  done <"$1"
}

# --- The command line: spark-submit's options, then the command and its own options.
submit_options=() # each a flag, or a name and its value
while [ $# -gt 0 ]; do
  case "$1" in
    evaluate | train | predict | bench | help | -h | --help | -V | --version) break ;;
    --supervise | --verbose | -v) submit_options+=("$1") ;;
    --*=*) submit_options+=("${1%%=*}" "${1#*=}") ;;
    -*)
      [ $# -ge 2 ] || usage_error "$1 needs a value"
      submit_options+=("$1" "$2")
      shift
      ;;
    *) usage_error "unknown command '$1': expected evaluate, train, predict or bench after any spark-submit options" ;;
  esac
  shift
done
if [ $# -eq 0 ] && [ ${#submit_options[@]} -gt 0 ]; then
  usage_error "no command after the spark-submit options: expected evaluate, train, predict or bench"
fi

command_args=()
lifted=()            # the command's --conf settings, for spark-submit
declare -A user=()   # Spark settings the command line sets
master_after=""
level=warn           # Spark's log level until the command sets its own: off with --quiet, info with --verbose
while [ $# -gt 0 ]; do
  case "$1" in
    --conf | --conf=*)
      if [ "$1" = --conf ]; then
        [ $# -ge 2 ] || usage_error "--conf needs KEY=VALUE"
        setting="$2"
        shift
      else
        setting="${1#--conf=}"
      fi
      case "$setting" in *=*) ;; *) usage_error "--conf $setting: expected KEY=VALUE" ;; esac
      lifted+=("${setting%%=*}" "${setting#*=}")
      ;;
    --master) [ $# -ge 2 ] && master_after="$2"; command_args+=("$1") ;;
    --master=*) master_after="${1#--master=}"; command_args+=("$1") ;;
    --quiet) level=off; command_args+=("$1") ;;
    --verbose) level=info; command_args+=("$1") ;;
    *) command_args+=("$1") ;;
  esac
  shift
done

# --- spark-submit's options: the settings evalspark must add to, and the rest as given.
master=""
master_before=""
deploy_mode=client
properties_file=""
passthrough=()
for ((i = 0; i < ${#submit_options[@]}; i++)); do
  name="${submit_options[i]}"
  case "$name" in --supervise | --verbose | -v) passthrough+=("$name"); continue ;; esac
  value="${submit_options[++i]}"
  case "$name" in
    --conf | -c)
      case "$value" in *=*) ;; *) usage_error "--conf $value: expected KEY=VALUE" ;; esac
      user["${value%%=*}"]="${value#*=}"
      ;;
    --master) master="$value"; master_before="$value" ;;
    --deploy-mode) deploy_mode="$value" ;;
    --driver-memory) user[spark.driver.memory]="$value" ;;
    --driver-java-options) user[spark.driver.extraJavaOptions]="$value" ;;
    --jars) user[spark.jars]="$value" ;;
    --properties-file) properties_file="$value"; passthrough+=("$name" "$value") ;;
    *) passthrough+=("$name" "$value") ;;
  esac
done
for ((i = 0; i < ${#lifted[@]}; i += 2)); do user["${lifted[i]}"]="${lifted[i + 1]}"; done
master="${master:-${master_after:-${SPARK_MASTER:-}}}"
declare -A ours=()
read_properties "$here/conf/spark-defaults.conf" ours
opens="$(sed -n 's:.*<spark.java.opens>\(.*\)</spark.java.opens>.*:\1:p' "$here/pom.xml")"
logging="-Dlog4j2.configurationFile=$here/conf/log4j2.properties -Devalspark.log=$level"

# Runs a Maven build, showing its output only when it fails.
maven() {
  local log
  log="$(mktemp)"
  if ! (cd "$here" && mvn -B -q -Dstyle.color=never "$@") >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    echo "submit.sh: the build failed: mvn $*" >&2
    exit 1
  fi
  rm -f "$log"
}

# --- The jar, built for the Spark line asked for or the one it was built for.
line_of_jar() { sed -n 's/^spark\.version=\([0-9]*\.[0-9]*\).*/\1/p' "$built" 2>/dev/null || true; }
line="${EVALSPARK_SPARK:-$(line_of_jar)}"
line="${line:-3.5}"
case "$line" in
  3.5) profile=() ;;
  4.1) profile=(-Pspark-4) ;;
  *) usage_error "EVALSPARK_SPARK=$line: expected 3.5 or 4.1" ;;
esac
if [ ! -f "$jar" ] || [ "$(line_of_jar)" != "$line" ] \
  || [ -n "$(find "$here/src/main" "$here/pom.xml" "$here/conf/log4j2.properties" -newer "$jar" -print -quit)" ]; then
  if [ "$level" != off ]; then echo "building $jar for Spark $line (the first build downloads Spark) ..." >&2; fi
  maven -DskipTests "${profile[@]}" package
fi

if command -v spark-submit >/dev/null 2>&1 && [ -z "${EVALSPARK_EMBEDDED:-}" ]; then
  spark_home="${SPARK_HOME:-$(cd "$(dirname "$(readlink -f "$(command -v spark-submit)")")/.." && pwd)}"
  declare -A cluster=()
  read_properties "${properties_file:-${SPARK_CONF_DIR:-$spark_home/conf}/spark-defaults.conf}" cluster
  settings=()
  for key in "${!ours[@]}"; do
    if [ -z "${user[$key]+set}" ] && [ -z "${cluster[$key]+set}" ]; then settings+=(--conf "$key=${ours[$key]}"); fi
  done
  for key in "${!user[@]}"; do
    if [ "$key" != spark.driver.extraJavaOptions ]; then settings+=(--conf "$key=${user[$key]}"); fi
  done
  driver_options="${user[spark.driver.extraJavaOptions]-${cluster[spark.driver.extraJavaOptions]-}}"
  settings+=(--conf "spark.driver.extraJavaOptions=${driver_options:+$driver_options }$opens")
  submit=(spark-submit --class "$main" ${master:+--master "$master"} --deploy-mode "$deploy_mode" "${passthrough[@]}"
    "${settings[@]}")

  if [ "$deploy_mode" = cluster ] && [[ "$master" == spark://* ]]; then
    # The standalone master's spark-submit returns once the driver is accepted, and with
    # spark.standalone.submit.waitAppCompletion it still exits 0 when the driver failed; so submit,
    # then wait for the driver through the master's web UI, which also serves the driver's output.
    log="$(mktemp)"
    trap 'rm -f "$log"' EXIT
    if ! SPARK_SUBMIT_OPTS="${SPARK_SUBMIT_OPTS:-} -Dlog4j2.configurationFile=$here/conf/log4j2.properties -Devalspark.log=info" \
      "${submit[@]}" --conf spark.standalone.submit.waitAppCompletion=false "$jar" "${command_args[@]}" >"$log" 2>&1; then
      cat "$log" >&2
      exit 1
    fi
    driver="$(sed -n 's/.*Driver successfully submitted as \(driver-[0-9-]*\).*/\1/p' "$log" | head -n 1)"
    if [ -z "$driver" ]; then
      cat "$log" >&2
      echo "submit.sh: the master did not say which driver it started" >&2
      exit 1
    fi
    if [ "$level" = info ]; then cat "$log" >&2; fi
    host="${master#spark://}"
    host="${host%%[:,]*}"
    # shellcheck disable=SC2086 # the Java options are meant to split into words
    exec java $logging -cp "$jar:$spark_home/jars/*" io.evalspark.cli.StandaloneDriver \
      "${EVALSPARK_MASTER_UI:-http://$host:${SPARK_MASTER_WEBUI_PORT:-8080}}" "$driver"
  fi
  SPARK_SUBMIT_OPTS="${SPARK_SUBMIT_OPTS:-} $logging" exec "${submit[@]}" "$jar" "${command_args[@]}"
fi

# --- Embedded: a local Spark in this JVM, on the classpath of the jar's Spark line.
if [ ${#passthrough[@]} -gt 0 ] || [ "$deploy_mode" != client ]; then
  option="${passthrough[0]:---deploy-mode}"
  usage_error "$option needs spark-submit, which is not on the PATH (or EVALSPARK_EMBEDDED is set); an embedded run takes --master, --driver-memory, --driver-java-options, --conf and --jars"
fi
classpath="$here/target/classpath-$line.txt"
if [ ! -f "$classpath" ] || [ "$here/pom.xml" -nt "$classpath" ]; then
  maven "${profile[@]}" dependency:build-classpath -Dmdep.outputFile="$classpath" -Dmdep.includeScope=compile
fi
properties=()
for key in "${!ours[@]}"; do
  if [ -z "${user[$key]+set}" ]; then properties+=("-D$key=${ours[$key]}"); fi
done
for key in "${!user[@]}"; do properties+=("-D$key=${user[$key]}"); done
memory="${user[spark.driver.memory]-${ours[spark.driver.memory]}}"
jars="${user[spark.jars]-}"
# shellcheck disable=SC2086 # the option lists are meant to split into words
exec java $opens "-Xmx$memory" ${user[spark.driver.extraJavaOptions]-} ${EVALSPARK_JAVA_OPTS:-} "${properties[@]}" $logging \
  -cp "$jar:$(cat "$classpath")${jars:+:${jars//,/:}}" "$main" "${command_args[@]:0:1}" \
  ${master_before:+--master "$master_before"} "${command_args[@]:1}"
