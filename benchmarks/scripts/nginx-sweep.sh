#!/usr/bin/env bash
# End-to-end engine benchmark: one nginx process serving N TLS endpoints on 127.0.1.x, configured like a
# typical mixed server (TLS 1.0-1.2, 30 suites: ECDHE/DHE/RSA, GCM and CBC, RSA-2048 certificate).
# Runs the full scan, the rejected-hello rate, and (with MEMORY=1) the 1,000,000 closed-port sweep in 256 MB.
# Loopback only; every step is bounded; nginx is stopped on exit.
#   usage: benchmarks/scripts/nginx-sweep.sh [ENDPOINTS (default 250)]
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-250}
JAR=benchmarks/target/benchmarks.jar
[ -f "$JAR" ] || mvn -B -q -ntp -DskipTests package
if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
  apt-get update -qq && apt-get install -y -qq nginx >/dev/null
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
WORK=$(mktemp -d /tmp/tlsweep-nginx.XXXXXX)
trap '[ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null; sleep 0.5; rm -rf "$WORK"' EXIT

openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=bench.tlsweep.test -days 2 \
  -keyout "$WORK/key.pem" -out "$WORK/cert.pem" 2>/dev/null
openssl genpkey -genparam -algorithm DH -pkeyopt group:ffdhe2048 -out "$WORK/dh.pem" 2>/dev/null

SUITES="ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-CHACHA20-POLY1305:\
ECDHE-RSA-AES128-SHA256:ECDHE-RSA-AES256-SHA384:ECDHE-RSA-AES128-SHA:ECDHE-RSA-AES256-SHA:\
DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384:DHE-RSA-CHACHA20-POLY1305:DHE-RSA-AES128-SHA256:\
DHE-RSA-AES256-SHA256:DHE-RSA-AES128-SHA:DHE-RSA-AES256-SHA:AES128-GCM-SHA256:AES256-GCM-SHA384:\
AES128-SHA256:AES256-SHA256:AES128-SHA:AES256-SHA:CAMELLIA128-SHA:CAMELLIA256-SHA:DHE-RSA-CAMELLIA128-SHA:\
DHE-RSA-CAMELLIA256-SHA:AES128-CCM:AES256-CCM:DHE-RSA-AES128-CCM:DHE-RSA-AES256-CCM:\
ECDHE-RSA-CAMELLIA128-SHA256:ECDHE-RSA-CAMELLIA256-SHA384:@SECLEVEL=0"

{
  echo "worker_processes ${NGINX_WORKERS:-auto}; pid $WORK/nginx.pid; error_log $WORK/error.log crit;"
  echo "events { worker_connections 8192; }"
  echo "http { access_log off;"
  echo "  ssl_certificate $WORK/cert.pem; ssl_certificate_key $WORK/key.pem; ssl_dhparam $WORK/dh.pem;"
  echo "  ssl_protocols TLSv1 TLSv1.1 TLSv1.2; ssl_prefer_server_ciphers on;"
  echo "  ssl_ciphers '$SUITES';"
  for i in $(seq 1 "$N"); do
    echo "  server { listen 127.0.$((1 + i / 250)).$((1 + i % 250)):8443 ssl backlog=4096; return 204; }"
  done
  echo "}"
} > "$WORK/nginx.conf"
: > "$WORK/targets.txt"
for i in $(seq 1 "$N"); do echo "127.0.$((1 + i / 250)).$((1 + i % 250)):8443" >> "$WORK/targets.txt"; done

"$NGINX" -c "$WORK/nginx.conf" -p "$WORK" -e "$WORK/error.log"
for _ in $(seq 1 50); do [ -s "$WORK/nginx.pid" ] && break; sleep 0.1; done
echo "nginx $("$NGINX" -v 2>&1 | cut -d/ -f2) serving $N endpoints, worker_processes ${NGINX_WORKERS:-auto}"

nginx_cpu() { for p in $(pgrep -x nginx); do cut -d' ' -f14,15 "/proc/$p/stat"; done | awk '{s += $1 + $2} END {print s}'; }
echo "== full scan of $N endpoints"
before=$(nginx_cpu)
timeout 600 java ${JAVA_OPTS:-} -cp "$JAR" io.tlsweep.bench.SweepBenchmark full "$WORK/targets.txt"
echo "nginx CPU during the full scans: $(( $(nginx_cpu) - before )) ticks of 10 ms"
echo "== rejected hellos"
timeout 600 java -Dconcurrency=256 -DperHost=8 -cp "$JAR" io.tlsweep.bench.SweepBenchmark reject "$WORK/targets.txt" 200000

if [ "${MEMORY:-0}" = 1 ]; then
  echo "== 1,000,000 closed loopback ports with -Xmx256m"
  python3 - "$WORK/closed.txt" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    for i in range(1_000_000):
        f.write(f"127.{2 + i // 60000}.{(i // 240) % 250 + 1}.{i % 240 + 1}:9\n")
PY
  timeout 1200 java -Xmx256m -Dconcurrency=512 -cp "$JAR" io.tlsweep.bench.SweepBenchmark memory "$WORK/closed.txt"
fi
