#!/usr/bin/env bash
# Side-by-side benchmark: one nginx serving N TLS endpoints of one shape (lib/tls-endpoints.sh: `issue`, the
# default, TLS 1.0-1.2 with 31 accepted (version, suite) pairs as in issue 15; `wide`, TLS 1.0-1.2 with 31 suites,
# 51 pairs), then, one after another in the same run, nmap's ssl-enum-ciphers, sslscan (8 endpoints at a time) and
# `tlsweep scan` (default settings, then --no-profiles). For each run it prints wall time, client CPU (user+sys
# of the client's whole process tree), server CPU (nginx master + workers), connections per endpoint counted at
# the server (nginx's accepted-connections counter over N) and the ratios against nmap, then issue 15's goals next
# to the measured figures. Before the runs, openssl s_client checks the first endpoint pair by pair and the
# header gives what it accepts.
#
# Installs nginx, nmap and sslscan from Debian's packages where missing (needs root), then re-executes itself
# in a new network namespace (`unshare -n`) that has only loopback: nothing can leave the machine.
# The endpoints are 127.0.1.1:8443, 127.0.1.2:8443, ... (one address each, as in nginx-sweep.sh): tlsweep's
# --per-host cap holds per address whatever the port, so N ports of one address would measure the cap.
# Every tool runs under a timeout; a run that hits it is marked TIMEOUT and its figures cover the time it had.
#   usage: benchmarks/scripts/side-by-side.sh [ENDPOINTS (default 200, at most 5000)] [issue|wide (default issue)]
#   env:   NMAP_TIMEOUT, SSLSCAN_TIMEOUT, TLSWEEP_TIMEOUT (whole run, seconds; default 1800 each),
#          TLSWEEP_JAVA_OPTS (JVM options ./tlsweep adds, e.g. a JFR recording), ONLY_TLSWEEP=1 (no nmap,
#          no sslscan: ratios against the first tlsweep run),
#          NGINX_WORKERS (default auto), KEEP=1 keeps the tools' outputs (path printed at the end)
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-200}
SHAPE=${2:-issue}
if ! [[ "$N" =~ ^[0-9]+$ ]] || [ "$N" -lt 1 ] || [ "$N" -gt 5000 ]; then
  echo "ENDPOINTS must be 1..5000" >&2; exit 2
fi
case "$SHAPE" in issue|wide) ;; *) echo "the endpoints' shape is issue or wide" >&2; exit 2 ;; esac
# shellcheck source=SCRIPTDIR/lib/tls-endpoints.sh
. benchmarks/scripts/lib/tls-endpoints.sh
JAR=scanner-cli/target/tlsweep.jar

if [ -z "${TLSWEEP_SIDE_BY_SIDE_NETNS:-}" ]; then
  [ "$(id -u)" = 0 ] || { echo "run as root (apt-get, unshare -n)" >&2; exit 2; }
  [ -f "$JAR" ] || mvn -B -q -o -pl scanner-cli -am package -DskipTests
  install_tools
  exec unshare -n env TLSWEEP_SIDE_BY_SIDE_NETNS=1 "$0" "$N" "$SHAPE"
fi

# From here on: inside the new network namespace.
ip link set lo up
NGINX=/usr/sbin/nginx
WORK=$(mktemp -d /tmp/tlsweep-side-by-side.XXXXXX)
NGINX_PID=""
stop_nginx() {
  if [ -n "$NGINX_PID" ] && kill -0 "$NGINX_PID" 2>/dev/null; then
    kill -TERM "$NGINX_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$NGINX_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$NGINX_PID" 2>/dev/null || true
    wait "$NGINX_PID" 2>/dev/null || true
  fi
}
trap 'stop_nginx; if [ "${KEEP:-0}" = 1 ]; then echo "outputs kept in $WORK"; else rm -rf "$WORK"; fi' EXIT

shape_keys "$WORK" "$SHAPE"

endpoint() { echo "127.0.$((1 + ($1 - 1) / 250)).$((1 + ($1 - 1) % 250))"; }
STATUS=127.0.0.1:8080
{
  echo "daemon off; master_process on; worker_processes ${NGINX_WORKERS:-auto}; worker_rlimit_nofile 65536;"
  echo "pid $WORK/nginx.pid; error_log $WORK/error.log crit;"
  echo "events { worker_connections 16384; }"
  echo "http { access_log off;"
  shape_nginx "$SHAPE" "$WORK"
  echo "  server { listen $STATUS; location = /status { stub_status; } }"
  for i in $(seq 1 "$N"); do
    echo "  server { listen $(endpoint "$i"):8443 ssl backlog=4096; return 204; }"
  done
  echo "}"
} > "$WORK/nginx.conf"
: > "$WORK/hosts.txt"; : > "$WORK/targets.txt"
for i in $(seq 1 "$N"); do
  endpoint "$i" >> "$WORK/hosts.txt"
  echo "$(endpoint "$i"):8443" >> "$WORK/targets.txt"
done

"$NGINX" -c "$WORK/nginx.conf" -p "$WORK" -e "$WORK/error.log" &
NGINX_PID=$!
accepts() { curl -s --noproxy '*' --max-time 5 "http://$STATUS/status" | awk 'NR == 3 {print $1}'; }
for _ in $(seq 1 100); do [ -n "$(accepts 2>/dev/null || true)" ] && break; sleep 0.1; done
[ -n "$(accepts)" ] || { echo "nginx did not start:" >&2; cat "$WORK/error.log" >&2; exit 1; }

TICK=$(getconf CLK_TCK)
# CPU ticks of the children this shell has waited for (cutime + cstime of /proc/$$/stat).
client_ticks() { sed 's/.*) //' "/proc/$$/stat" | awk '{print $14 + $15}'; }
# CPU ticks of the nginx master and its workers (utime + stime).
server_ticks() {
  { cat "/proc/$NGINX_PID/stat"; for p in $(pgrep -P "$NGINX_PID"); do cat "/proc/$p/stat" 2>/dev/null || true; done; } \
    | sed 's/.*) //' | awk '{s += $12 + $13} END {print s}'
}
now_ns() { date +%s%N; }

# What the endpoints accept, checked on the first one before the runs (its connections are not in any run's).
PAIRS=$(accepted_pairs "$(endpoint 1):8443" | pairs_summary)

echo "nginx $("$NGINX" -v 2>&1 | cut -d/ -f2), worker_processes ${NGINX_WORKERS:-auto}: $N endpoints,"\
  "shape $SHAPE ($(shape_title "$SHAPE")); $(nproc) cores"
echo "each endpoint accepts $PAIRS (openssl s_client, pair by pair, on $(endpoint 1):8443)"
echo "nmap $(nmap --version | awk 'NR == 1 {print $3}'), sslscan $(sslscan --version 2>/dev/null | sed 's/\x1b\[[0-9;]*m//g' | awk 'NR == 1 {print $1}')," \
  "java $(java -version 2>&1 | awk -F'"' 'NR == 1 {print $2}')"

ROWS=()
# measure NAME TIMEOUT CHECK-COMMAND -- COMMAND...: runs COMMAND once, then CHECK-COMMAND prints how many
# endpoints have a result in the tool's output.
measure() {
  local name=$1 limit=$2 check=$3; shift 4
  local a0 w0 c0 s0 rc=0 w1 c1 s1 a1 status=ok
  a0=$(accepts); s0=$(server_ticks); c0=$(client_ticks); w0=$(now_ns)
  timeout -k 10 "$limit" "$@" > "$WORK/$name.out" 2>&1 || rc=$?
  w1=$(now_ns); c1=$(client_ticks); s1=$(server_ticks); a1=$(accepts)
  [ "$rc" = 124 ] || [ "$rc" = 137 ] && status=TIMEOUT
  [ "$status" = ok ] && [ "$rc" != 0 ] && status="exit $rc"
  # the status request made after the run is in a1: one connection less
  local wall=$(( (w1 - w0) / 1000000 )) client=$(( (c1 - c0) * 1000 / TICK )) server=$(( (s1 - s0) * 1000 / TICK ))
  ROWS+=("$name $wall $client $server $((a1 - a0 - 1)) $($check) $status")
  echo "  done: $name ($status)" >&2
}

echo "== runs (one after another; each under its own timeout)"
if [ "${ONLY_TLSWEEP:-0}" != 1 ]; then
  nmap_ok() { grep -c "ssl-enum-ciphers:" "$WORK/nmap.out" || true; }
  measure nmap "${NMAP_TIMEOUT:-1800}" nmap_ok -- \
    nmap -Pn -n -p 8443 --script ssl-enum-ciphers -iL "$WORK/hosts.txt"
  mkdir -p "$WORK/sslscan"
  sslscan_ok() { grep -l "Accepted" "$WORK"/sslscan/* 2>/dev/null | wc -l; }
  # shellcheck disable=SC2016 # $0 and $1 are sh -c's own arguments
  measure sslscan "${SSLSCAN_TIMEOUT:-1800}" sslscan_ok -- \
    xargs -a "$WORK/targets.txt" -P 8 -n 1 \
    sh -c 'timeout --foreground -k 5 300 sslscan --no-colour "$1" > "$0/$1.txt" 2>&1' "$WORK/sslscan"
fi
tlsweep_ok() { { wc -l < "$WORK/$1/results.jsonl"; } 2>/dev/null || echo 0; }
default_ok() { tlsweep_ok tlsweep-default; }
measure tlsweep-default "${TLSWEEP_TIMEOUT:-1800}" default_ok -- \
  ./tlsweep scan -q -iL "$WORK/targets.txt" -o "$WORK/tlsweep-default"
noprof_ok() { tlsweep_ok tlsweep-no-profiles; }
measure tlsweep-no-profiles "${TLSWEEP_TIMEOUT:-1800}" noprof_ok -- \
  ./tlsweep scan -q --no-profiles -iL "$WORK/targets.txt" -o "$WORK/tlsweep-no-profiles"

echo "== $N endpoints; CPU in s (client: the tool's whole process tree; server: nginx master + workers);"\
  "conn/ep = connections accepted by nginx / N; ratios against nmap"
printf '%s\n' "${ROWS[@]}" | awk -v n="$N" '
  function ratio(x, y) { return y > 0 ? sprintf("%.2fx", x / y) : "-" }
  NR == 1 { bw = $2; bc = $3; bs = $4; bn = $5 }
  { rows[NR] = $0; w[NR] = $2; c[NR] = $3; s[NR] = $4; k[NR] = $5 }
  END {
    printf "%-20s %8s %8s %8s %8s %7s %7s %7s %7s %11s  %s\n", "run", "wall s", "client", "server", "conn/ep",
      "wall", "client", "server", "conns", "results", "status"
    for (i = 1; i <= NR; i++) {
      split(rows[i], f, " "); st = f[7]; for (j = 8; j in f; j++) st = st " " f[j]
      printf "%-20s %8.2f %8.2f %8.2f %8.1f %7s %7s %7s %7s %11s  %s\n", f[1], w[i] / 1000, c[i] / 1000,
        s[i] / 1000, k[i] / n, ratio(w[i], bw), ratio(c[i], bc), ratio(s[i], bs), ratio(k[i], bn), f[6] "/" n, st
    }
  }'

# Issue 15's goals (2 cores, nginx on the same machine, one run) next to what this run measured.
echo "== goals of issue 15 (default settings): measured, goal, verdict"
printf '%s\n' "${ROWS[@]}" | awk -v n="$N" -v cores="$(nproc)" '
  { w[$1] = $2; c[$1] = $3; s[$1] = $4; k[$1] = $5 }
  function verdict(ok) { return ok ? "met" : "not met" }
  END {
    if (!("nmap" in w) || !("tlsweep-default" in w) || w["tlsweep-default"] <= 0) exit
    x = n >= 1000 ? 5 : 4
    speed = w["nmap"] / w["tlsweep-default"]
    printf "%-44s %8.2fx  >= %dx (issue: >= 4x at 200 endpoints, >= 5x at 1,000)  %s\n",
      "wall: nmap / tlsweep", speed, x, verdict(speed >= x)
    busy = s["tlsweep-default"] / cores / w["tlsweep-default"] * 100
    printf "%-44s %8.0f%%  >= 70%%  %s\n", "server CPU / " cores " cores / tlsweep wall", busy, verdict(busy >= 70)
    conns = k["tlsweep-default"] / n
    printf "%-44s %9.1f  <= 50  %s\n", "connections per endpoint", conns, verdict(conns <= 50)
    # What bounds the wall: how busy the cores were, and the wall the CPU of nginx alone needs for these connections.
    t = "tlsweep-default"
    printf "%-44s %8.0f%%  (100%% = the machine is the bound)\n", "(client + server CPU) / " cores " cores / wall",
      (c[t] + s[t]) / cores / w[t] * 100
    printf "%-44s %8.2f s  (the wall of the goal: %.2f s)\n", "server CPU / " cores " cores alone", s[t] / cores / 1000,
      w["nmap"] / x / 1000
    printf "%-44s %8.0f us client, %.0f us server\n", "CPU per connection", c[t] * 1000 / k[t], s[t] * 1000 / k[t]
  }'
