#!/usr/bin/env bash
# The long fuzzing run: every fuzz target (@FuzzTest, tag "fuzz") of scanner-core and scanner-cli fuzzes for
# SECONDS in a JVM of its own, one after the other (one core), with the full JIT, through the Maven execution
# that runs the build's short run (tag "fuzz-short": all of a module's targets in one JVM for a few seconds).
# The corpus each target builds is kept in <module>/target/fuzz/.cifuzz-corpus/<class>/<method> and grows
# over runs (mvn clean drops it); an input that breaks a property is written to <module>/target/fuzz/crash-*.
# Prints, per target: executions, corpus entries (libFuzzer's count, and files on disk), coverage, findings.
#   usage: benchmarks/scripts/fuzz.sh [SECONDS (default 600)] [TEST CLASS ...]
#   e.g.   benchmarks/scripts/fuzz.sh 300 ServerResponseFuzzTest RecordFramerFuzzTest
#   MVN_FLAGS=-o for an offline Maven.
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_EACH=${1:-600}
shift || true
TESTS='*FuzzTest'
if [ $# -gt 0 ]; then
  TESTS=$(IFS=,; echo "$*")
fi
LOG=$(mktemp /tmp/tlsweep-fuzz.XXXXXX.log)
before=$(find scanner-core/target/fuzz scanner-cli/target/fuzz -maxdepth 1 -name 'crash-*' 2>/dev/null | sort || true)

echo "fuzzing ${TESTS} for ${SECONDS_EACH} s each; the Maven log is ${LOG}"
set +e
# shellcheck disable=SC2086
# a finding fails its test; maven.test.failure.ignore lets scanner-cli's targets run after one in scanner-core
mvn -B -ntp ${MVN_FLAGS:-} -pl scanner-core,scanner-cli -am verify -DskipITs -Dtest="$TESTS" \
  -Dsurefire.failIfNoSpecifiedTests=false -DfailIfNoTests=false -Dmaven.test.failure.ignore=true \
  -Dfuzz.groups=fuzz -Dfuzz.jvm= -Dfuzz.seconds="$SECONDS_EACH" > "$LOG" 2>&1
status=$?
set -e
if grep -q '<<< FAILURE! -- in io\.tlsweep\.' "$LOG"; then
  status=1
fi

# one section per fuzz test class, from "Running <class>" to its "Tests run:" line
awk '
  /^\[INFO\] Running io\.tlsweep\..*FuzzTest$/ { cls = $3; sub(/.*\./, "", cls); execs = ""; corp = ""; cov = "";
                                                    added = ""; done = 0; next }
  cls != "" && /^stat::number_of_executed_units:/ && execs == "" { execs = $2 }
  cls != "" && /^stat::new_units_added:/ && added == "" { added = $2 }
  cls != "" && /DONE +cov:/ { for (i = 1; i <= NF; i++) { if ($i == "cov:") cov = $(i + 1); if ($i == "corp:") corp = $(i + 1) } }
  cls != "" && /Tests run:.*in io\.tlsweep\./ {
    finding = ($0 ~ /FAILURE/) ? "1 (see the log)" : "0";
    printf "%-30s executions %12s   corpus %-14s coverage %6s   new inputs %7s   findings %s\n",
           cls, execs, (corp == "" ? "-" : corp), (cov == "" ? "-" : cov), (added == "" ? "-" : added), finding;
    cls = ""
  }' "$LOG"

echo
echo "corpus files on disk:"
for dir in scanner-core/target/fuzz/.cifuzz-corpus/*/* scanner-cli/target/fuzz/.cifuzz-corpus/*/*; do
  [ -d "$dir" ] || continue
  printf '  %6d files %6s  %s\n' "$(find "$dir" -type f | wc -l)" "$(du -sh "$dir" | cut -f1)" "${dir#*/.cifuzz-corpus/}"
done
after=$(find scanner-core/target/fuzz scanner-cli/target/fuzz -maxdepth 1 -name 'crash-*' 2>/dev/null | sort || true)
new=$(comm -13 <(echo "$before") <(echo "$after") | sed '/^$/d' || true)
echo
if [ -n "$new" ]; then
  echo "new crash inputs (each one breaks a property; make it a named test):"
  echo "$new" | sed 's/^/  /'
else
  echo "no new crash inputs"
fi
exit $status
