#!/usr/bin/env bash
# Start-up of tlsweep: wall time, CPU (user + system) and peak RSS of `tlsweep scan` of one closed loopback port
# (127.0.0.1:1), run N times without and N times with the class-data archive the build makes, in turn; prints
# the commands, then the median and range of each figure. Nothing but 127.0.0.1:1 is connected to.
#   usage: benchmarks/scripts/startup.sh [N (default 20)]
#   env:   JAVA_OPTS  more JVM options for both (e.g. -XX:+UseSerialGC), to measure them
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-20}
JAR=scanner-cli/target/tlsweep.jar
JSA=scanner-cli/target/tlsweep.jsa
[ -f "$JAR" ] && [ -f "$JSA" ] || mvn -B -q -ntp -DskipTests package
if [ ! -x /usr/bin/time ]; then
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq time >/dev/null
  else sudo apt-get update -qq && sudo apt-get install -y -qq time >/dev/null; fi
fi
if (exec 3<>/dev/tcp/127.0.0.1/1) 2>/dev/null; then
  echo "startup.sh: something listens on 127.0.0.1:1; this measures a closed port" >&2
  exit 2
fi
# the archive must be usable by this java: -Xshare:on makes a JVM that cannot use it fail instead of ignoring it
java -Xshare:on -XX:SharedArchiveFile="$JSA" -jar "$JAR" --version >/dev/null

WORK=$(mktemp -d /tmp/tlsweep-startup.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
# shellcheck disable=SC2206
OPTS=(${JAVA_OPTS:-})
plain=(java "${OPTS[@]}" -jar "$JAR" scan -q -o "$WORK/out" 127.0.0.1:1)
archive=(java -XX:SharedArchiveFile="$JSA" "${OPTS[@]}" -jar "$JAR" scan -q -o "$WORK/out" 127.0.0.1:1)
echo "without: ${plain[*]}"
echo "with:    ${archive[*]}"
echo "$N runs each, in turn; $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the start"

run() { # mode command...: appends "wall cpu rss_kb" to $WORK/$mode
  local mode=$1; shift
  rm -rf "$WORK/out"
  /usr/bin/time -f '%e %U %S %M' -o "$WORK/time" "$@"
  awk '{printf "%.3f %.3f %d\n", $1, $2 + $3, $4}' "$WORK/time" >> "$WORK/$mode"
}
for _ in $(seq "$N"); do
  run without "${plain[@]}"
  run with "${archive[@]}"
done

median() { # column file: median, min and max of the column
  sort -g -k"$1","$1" "$2" | awk -v c="$1" '{v[NR]=$c} END {m = NR % 2 ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2;
    printf "%s (%s–%s)", m, v[1], v[NR]}'
}
echo "load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
printf '%-8s %-26s %-26s %s\n' "" "wall s, median (range)" "CPU s, median (range)" "peak RSS KB, median (range)"
for mode in without with; do
  printf '%-8s %-26s %-26s %s\n' "$mode" "$(median 1 "$WORK/$mode")" "$(median 2 "$WORK/$mode")" \
    "$(median 3 "$WORK/$mode")"
done
