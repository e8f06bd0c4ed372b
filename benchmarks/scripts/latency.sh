#!/usr/bin/env bash
# Latency benchmark: one endpoint at a time across a WAN's round trip (issue 15, "Latency"). One nginx serves one
# endpoint per shape (lib/tls-endpoints.sh; default `issue modern kitchen`: TLS 1.0-1.2 with 31 accepted pairs,
# TLS 1.2+1.3 with 12 suites, and every suite Debian's OpenSSL serves), each behind DELAY_MS (default 20) each
# way: `tc qdisc ... netem` on the namespace's loopback where the kernel has it, otherwise a DelayRelay of the
# targets module (benchmarks' DelayRelayMain) in front of each endpoint. The round trip is measured (an HTTP
# request through the same delay), not assumed. Then per endpoint, one tool after another, each a fresh process
# (JVM start included): `tlsweep scan --no-profiles`, `tlsweep scan`, nmap's ssl-enum-ciphers, sslscan. It prints
# per run the wall time, the connections nginx accepted and the (version, suite) pairs the tool reported against
# the pairs the endpoint accepts (openssl s_client, pair by pair, before the delay is on); then wall times side by
# side (median over ROUNDS) and whether tlsweep beats both nmap and sslscan, the issue's goal. Each round also
# times `tlsweep scan` of a closed port (127.0.0.1:1, no delay): what start-up and exit alone cost.
#
# Installs nginx, nmap and sslscan from Debian's packages where missing (needs root) and builds the jars where
# missing, then re-executes itself in a new network namespace (`unshare -n`) that has only loopback. Every tool
# runs under a timeout; a run that hits it is marked TIMEOUT.
#   usage: benchmarks/scripts/latency.sh [SHAPE...]   (issue, wide, modern, kitchen; default: issue modern kitchen)
#   env:   DELAY_MS (one way, default 20), ROUNDS (default 1), TOOL_TIMEOUT (one run, seconds, default 300),
#          DELAY=auto|netem|relay (default auto), TLSWEEP (tlsweep's command, default ./tlsweep, this checkout's
#          wrapper), KEEP=1 keeps the tools' outputs (path printed at the end)
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=SCRIPTDIR/lib/tls-endpoints.sh
. benchmarks/scripts/lib/tls-endpoints.sh
JAR=scanner-cli/target/tlsweep.jar
BENCH_JAR=benchmarks/target/benchmarks.jar
DELAY_MS=${DELAY_MS:-20}
ROUNDS=${ROUNDS:-1}
TOOL_TIMEOUT=${TOOL_TIMEOUT:-300}
DELAY=${DELAY:-auto}
TLSWEEP=${TLSWEEP:-./tlsweep}
[ "$#" -gt 0 ] || set -- issue modern kitchen
for shape in "$@"; do
  case " $SHAPES " in *" $shape "*) ;; *) echo "unknown shape $shape (one of: $SHAPES)" >&2; exit 2 ;; esac
done
[ "$#" -le 9 ] || { echo "at most 9 shapes" >&2; exit 2; }
if ! [[ "$DELAY_MS" =~ ^[0-9]{1,4}$ ]] || [ "$DELAY_MS" -gt 1000 ]; then echo "DELAY_MS must be 0..1000" >&2; exit 2; fi
if ! [[ "$ROUNDS" =~ ^[0-9]{1,2}$ ]] || [ "$ROUNDS" -lt 1 ] || [ "$ROUNDS" -gt 10 ]; then
  echo "ROUNDS must be 1..10" >&2; exit 2
fi
[[ "$TOOL_TIMEOUT" =~ ^[0-9]+$ ]] || { echo "TOOL_TIMEOUT must be seconds" >&2; exit 2; }
case "$DELAY" in auto|netem|relay) ;; *) echo "DELAY must be auto, netem or relay" >&2; exit 2 ;; esac

if [ -z "${TLSWEEP_LATENCY_NETNS:-}" ]; then
  [ "$(id -u)" = 0 ] || { echo "run as root (apt-get, unshare -n)" >&2; exit 2; }
  if [ ! -f "$JAR" ] || [ ! -f "$BENCH_JAR" ]; then
    mvn -B -q -o -pl scanner-cli,benchmarks -am package -DskipTests
  fi
  install_tools
  exec unshare -n env TLSWEEP_LATENCY_NETNS=1 "$0" "$@"
fi

# From here on: inside the new network namespace.
ip link set lo up
NGINX=/usr/sbin/nginx
WORK=$(mktemp -d /tmp/tlsweep-latency.XXXXXX)
NGINX_PID=""
RELAY_PID=""
stop() { # stop PID: TERM, up to 5 s, then KILL
  if [ -n "$1" ] && kill -0 "$1" 2>/dev/null; then
    kill -TERM "$1" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$1" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
  fi
}
cleanup() {
  stop "$RELAY_PID"; stop "$NGINX_PID"
  if [ "${KEEP:-0}" = 1 ]; then echo "outputs kept in $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

shape_keys "$WORK" "$@"
STATUS=127.0.0.1:8080
backend() { echo "127.0.1.$1:8443"; } # the endpoint of the Nth shape given
{
  echo "daemon off; master_process on; worker_processes 1; pid $WORK/nginx.pid; error_log $WORK/error.log crit;"
  echo "events { worker_connections 4096; }"
  echo "http { access_log off;"
  echo "  server { listen $STATUS; location = /status { stub_status; } }"
  i=0
  for shape in "$@"; do
    i=$((i + 1))
    echo "  server { listen $(backend "$i") ssl;"
    shape_nginx "$shape" "$WORK" | sed 's/^/    /'
    echo "    return 204; }"
  done
  echo "}"
} > "$WORK/nginx.conf"
"$NGINX" -c "$WORK/nginx.conf" -p "$WORK" -e "$WORK/error.log" &
NGINX_PID=$!
accepts() { curl -s --noproxy '*' --max-time 10 "http://$STATUS/status" | awk 'NR == 3 {print $1}'; }
for _ in $(seq 1 100); do [ -n "$(accepts 2>/dev/null || true)" ] && break; sleep 0.1; done
[ -n "$(accepts)" ] || { echo "nginx did not start:" >&2; cat "$WORK/error.log" >&2; exit 1; }

# What each endpoint accepts, pair by pair, before any delay.
declare -A PAIRS ACCEPTED TARGET
i=0
for shape in "$@"; do
  i=$((i + 1))
  accepted_pairs "$(backend "$i")" > "$WORK/$shape.pairs"
  PAIRS[$shape]=$(pairs_summary < "$WORK/$shape.pairs")
  ACCEPTED[$shape]=$(wc -l < "$WORK/$shape.pairs")
done

# The delay: netem on loopback (every packet, each way), else a relay per endpoint (every chunk, each way).
STATUS_VIA=$STATUS
VIA=""
if [ "$DELAY" != relay ] && tc qdisc add dev lo root netem delay "${DELAY_MS}ms" 2>/dev/null; then
  VIA="tc netem on lo, ${DELAY_MS} ms per packet each way"
  i=0
  for shape in "$@"; do i=$((i + 1)); TARGET[$shape]=$(backend "$i"); done
elif [ "$DELAY" = netem ]; then
  echo "tc netem is not available here (kernel without sch_netem?); DELAY=relay or auto uses the relay" >&2; exit 1
else
  i=0; relayed=()
  for _ in "$@"; do i=$((i + 1)); relayed+=("$(backend "$i")"); done
  java -cp "$BENCH_JAR" io.tlsweep.bench.latency.DelayRelayMain --delay-ms "$DELAY_MS" "${relayed[@]}" "$STATUS" \
    > "$WORK/relay.out" 2> "$WORK/relay.err" &
  RELAY_PID=$!
  for _ in $(seq 1 300); do grep -q '^READY' "$WORK/relay.out" 2>/dev/null && break; sleep 0.1; done
  if ! grep -q '^READY' "$WORK/relay.out"; then
    echo "the delay relay did not start:" >&2; cat "$WORK/relay.err" >&2; exit 1
  fi
  i=0
  for shape in "$@"; do
    i=$((i + 1)); TARGET[$shape]=$(awk -v b="$(backend "$i")" '$1 == "RELAY" && $3 == b {print $2}' "$WORK/relay.out")
  done
  STATUS_VIA=$(awk -v b="$STATUS" '$1 == "RELAY" && $3 == b {print $2}' "$WORK/relay.out")
  VIA="DelayRelay (targets) in front of each endpoint, ${DELAY_MS} ms per chunk each way"
fi

# The round trip as measured: HTTP requests to nginx's status page through the same delay, 3 to warm up (the
# relay's JIT), then 9: TCP connect (a round trip under netem, local under the relay, which accepts at once) and
# request to first byte (one round trip either way), median and range.
for _ in 1 2 3; do curl -s --noproxy '*' --max-time 10 -o /dev/null "http://$STATUS_VIA/status" || true; done
rtt=$(for _ in $(seq 1 9); do
  curl -s --noproxy '*' --max-time 10 -o /dev/null -w '%{time_connect} %{time_starttransfer}\n' "http://$STATUS_VIA/status"
done | awk '{ c[NR] = $1 * 1000; t[NR] = ($2 - $1) * 1000 }
  function sort(a, n,   i, j, x) {
    for (i = 2; i <= n; i++) { x = a[i]; for (j = i - 1; j >= 1 && a[j] > x; j--) a[j + 1] = a[j]; a[j + 1] = x }
  }
  END {
    sort(c, NR); sort(t, NR); m = int((NR + 1) / 2)
    printf "TCP connect %.1f ms (%.1f-%.1f), request to first byte %.1f ms (%.1f-%.1f)", c[m], c[1], c[NR],
      t[m], t[1], t[NR]
  }')

echo "nginx $("$NGINX" -v 2>&1 | cut -d/ -f2) (1 worker), nmap $(nmap --version | awk 'NR == 1 {print $3}')," \
  "sslscan $(sslscan --version 2>/dev/null | sed 's/\x1b\[[0-9;]*m//g' | awk 'NR == 1 {print $1}')," \
  "java $(java -version 2>&1 | awk -F'"' 'NR == 1 {print $2}'), $(nproc) cores; tlsweep: $TLSWEEP"
echo "delay: $VIA; measured (median of 9, range): $rtt"
for shape in "$@"; do
  echo "endpoint $shape: $(shape_title "$shape") at ${TARGET[$shape]}; accepts ${PAIRS[$shape]}"
done

now_ns() { date +%s%N; }
ROWS=()
# run SHAPE TOOL ROUND: one run of TOOL against SHAPE's endpoint (through the delay), under the timeout.
run() {
  local shape=$1 tool=$2 round=$3 target out="$WORK/$1-$2-$3" rc=0 status=ok a0 a1 w0 w1 found own=-
  if [ "$shape" = closed ]; then target=127.0.0.1:1; else target=${TARGET[$shape]}; fi
  local host=${target%:*} port=${target##*:}
  a0=$(accepts); w0=$(now_ns)
  # $TLSWEEP may be a command with arguments (TLSWEEP="java -jar scanner-cli/target/tlsweep.jar")
  # shellcheck disable=SC2086
  case "$tool" in
    tlsweep-no-profiles) timeout -k 10 "$TOOL_TIMEOUT" $TLSWEEP scan -q --no-profiles "$target" -o "$out" \
      > "$out.txt" 2>&1 || rc=$? ;;
    tlsweep) timeout -k 10 "$TOOL_TIMEOUT" $TLSWEEP scan -q "$target" -o "$out" > "$out.txt" 2>&1 || rc=$? ;;
    nmap) timeout -k 10 "$TOOL_TIMEOUT" nmap -Pn -n -p "$port" --script ssl-enum-ciphers "$host" \
      > "$out.txt" 2>&1 || rc=$? ;;
    sslscan) timeout -k 10 "$TOOL_TIMEOUT" sslscan --no-colour "$target" > "$out.txt" 2>&1 || rc=$? ;;
  esac
  w1=$(now_ns); a1=$(accepts)
  case "$tool" in
    tlsweep*) found=$( { tail -n +2 "$out/suites.csv" 2>/dev/null || true; } | wc -l)
      # the target's own time in results.jsonl: the scan without the JVM's start and the reports
      own=$(grep -o '"elapsedMs":[0-9]*' "$out/results.jsonl" 2>/dev/null | head -n 1 | cut -d: -f2) || own=-
      [ -n "$own" ] || own=- ;;
    nmap) found=$(grep -cE '^\|[[:space:]]+TLS_' "$out.txt" || true) ;;
    sslscan) found=$(grep -cE '^(Accepted|Preferred) ' "$out.txt" || true) ;;
  esac
  if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then status=TIMEOUT; elif [ "$rc" != 0 ]; then status="exit $rc"; fi
  # the status request made after the run is in a1: one connection less
  ROWS+=("$shape $tool $round $(( (w1 - w0) / 1000000 )) $((a1 - a0 - 1)) $found ${ACCEPTED[$shape]:-0} $own $status")
  echo "  done: $shape $tool round $round ($status)" >&2
}

echo "== runs: one endpoint at a time, one tool at a time; wall includes the JVM's start; conns = accepted by nginx;"\
  "target s = tlsweep's own time for the target (results.jsonl elapsedMs)"
TOOLS="tlsweep-no-profiles tlsweep nmap sslscan"
for round in $(seq 1 "$ROUNDS"); do
  run closed tlsweep "$round"
  for shape in "$@"; do
    for tool in $TOOLS; do run "$shape" "$tool" "$round"; done
  done
done
printf '%s\n' "${ROWS[@]}" | awk '
  BEGIN { printf "%-9s %-20s %5s %8s %8s %6s %11s  %s\n", "endpoint", "tool", "round", "wall s", "target s", "conns",
    "pairs", "status" }
  { st = $9; for (j = 10; j <= NF; j++) st = st " " $j
    printf "%-9s %-20s %5s %8.2f %8s %6s %11s  %s\n", $1, $2, $3, $4 / 1000, $8 == "-" ? "-" : sprintf("%.2f", $8 / 1000),
      $1 == "closed" ? "-" : $5, $6 "/" $7, st }'

echo "== wall s side by side (median over $ROUNDS round(s)), RTT set to $((2 * DELAY_MS)) ms; issue 15's goal: tlsweep" \
  "faster than both nmap and sslscan on each endpoint"
printf '%s\n' "${ROWS[@]}" | awk -v shapes="$*" '
  { key = $1 SUBSEP $2; n[key]++; v[key, n[key]] = $4 / 1000; if ($9 != "ok") bad[key] = 1 }
  function median(key,   i, j, x, a, m) {
    m = n[key]; for (i = 1; i <= m; i++) a[i] = v[key, i]
    for (i = 2; i <= m; i++) { x = a[i]; for (j = i - 1; j >= 1 && a[j] > x; j--) a[j + 1] = a[j]; a[j + 1] = x }
    return m % 2 ? a[(m + 1) / 2] : (a[m / 2] + a[m / 2 + 1]) / 2
  }
  function cell(key) { return sprintf("%.2f%s", median(key), bad[key] ? "!" : "") }
  function beats(tool, s) {
    t = median(s SUBSEP tool)
    return (t < median(s SUBSEP "nmap") && t < median(s SUBSEP "sslscan") && !bad[s SUBSEP tool]) ? "yes" : "no"
  }
  END {
    printf "tlsweep scan of a closed port (start-up and exit, no delay): %s s\n", cell("closed" SUBSEP "tlsweep")
    printf "%-9s %14s %9s %9s %9s  %-26s %s\n", "endpoint", "--no-profiles", "default", "nmap", "sslscan",
      "--no-profiles beats both", "default beats both"
    k = split(shapes, list, " ")
    for (i = 1; i <= k; i++) {
      s = list[i]
      printf "%-9s %14s %9s %9s %9s  %-26s %s\n", s, cell(s SUBSEP "tlsweep-no-profiles"), cell(s SUBSEP "tlsweep"),
        cell(s SUBSEP "nmap"), cell(s SUBSEP "sslscan"), beats("tlsweep-no-profiles", s), beats("tlsweep", s)
    }
    print "(! = a run that did not end well: see its status above)"
  }'
