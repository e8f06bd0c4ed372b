#!/usr/bin/env bash
# Full-handshake rate of tlsweep's HandshakeBench against as many parallel `openssl s_time -new` processes,
# same loopback nginx, same suite, same time: TLS 1.2 (ECDHE-RSA-AES128-GCM-SHA256) and TLS 1.3
# (TLS_AES_128_GCM_SHA256), RSA-2048 certificate. Loopback only; every step is bounded; nginx stops on exit.
#   usage: benchmarks/scripts/handshake-vs-s_time.sh [CONCURRENCY... (default "4 8")]
#   env:   SECONDS_PER_RUN (10), PROVIDERS ("boringssl jdk"), NGINX_WORKERS (auto), JAVA_OPTS
set -euo pipefail
cd "$(dirname "$0")/../.."
LEVELS=${*:-4 8}
T=${SECONDS_PER_RUN:-10}
PROVIDERS=${PROVIDERS:-boringssl jdk}
JAR=benchmarks/target/benchmarks.jar
[ -f "$JAR" ] || mvn -B -q -ntp -DskipTests package
if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
  apt-get update -qq && apt-get install -y -qq nginx >/dev/null
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
WORK=$(mktemp -d /tmp/tlsweep-hsbench.XXXXXX)
trap '[ -s "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null; sleep 0.5; rm -rf "$WORK"' EXIT
PORT12=${PORT12:-18443}
PORT13=${PORT13:-18444}

openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=bench.tlsweep.test -days 2 \
  -keyout "$WORK/key.pem" -out "$WORK/cert.pem" 2>/dev/null
cat > "$WORK/nginx.conf" <<CONF
worker_processes ${NGINX_WORKERS:-auto}; pid $WORK/nginx.pid; error_log $WORK/error.log crit;
events { worker_connections 8192; }
http { access_log off;
  ssl_certificate $WORK/cert.pem; ssl_certificate_key $WORK/key.pem;
  ssl_session_cache off; ssl_session_tickets off;
  server { listen 127.0.0.1:$PORT12 ssl backlog=4096; ssl_protocols TLSv1.2;
           ssl_ciphers ECDHE-RSA-AES128-GCM-SHA256; return 204; }
  server { listen 127.0.0.1:$PORT13 ssl backlog=4096; ssl_protocols TLSv1.3;
           ssl_conf_command Ciphersuites TLS_AES_128_GCM_SHA256; return 204; }
}
CONF
"$NGINX" -c "$WORK/nginx.conf" -p "$WORK" -e "$WORK/error.log"
for _ in $(seq 1 50); do [ -s "$WORK/nginx.pid" ] && break; sleep 0.1; done
echo "nginx $("$NGINX" -v 2>&1 | cut -d/ -f2), worker_processes ${NGINX_WORKERS:-auto}, $(nproc) cores," \
  "$(openssl version | cut -d' ' -f1-2), ${T}s per run"

# N parallel s_time processes; prints the summed connections per real second
s_time_rate() { # port n extra-args...
  local port=$1 n=$2; shift 2
  for i in $(seq 1 "$n"); do
    timeout $((T + 30)) openssl s_time -connect "127.0.0.1:$port" -new -time "$T" "$@" > "$WORK/s_time.$i" 2>&1 &
  done
  wait
  cat "$WORK"/s_time.* | awk '/connections in [0-9.]+ real seconds/ {s += $1 / $4} END {printf "%.1f", s}'
  rm -f "$WORK"/s_time.*
}

tlsweep_rate() { # port n version provider
  timeout $((T + 60)) java ${JAVA_OPTS:-} -cp "$JAR" io.tlsweep.bench.handshake.HandshakeBenchMain \
    "127.0.0.1:$1" --provider "$4" --version "$3" --concurrency "$2" --duration "$T" --warmup 2 \
    ${5:+--suite "$5"} > "$WORK/bench.out" 2>&1 || { cat "$WORK/bench.out"; return 1; }
  awk '/^handshakes\/s/ {printf "%s", $2}' "$WORK/bench.out"
  grep -E '^latency|^errors' "$WORK/bench.out" | sed 's/^/      /' >&2
}

printf '%-8s %-5s %-22s %s\n' version conc "client" "handshakes/s"
for n in $LEVELS; do
  r=$(s_time_rate "$PORT12" "$n" -tls1_2 -cipher ECDHE-RSA-AES128-GCM-SHA256)
  printf '%-8s %-5s %-22s %s\n' TLSv1.2 "$n" "openssl s_time x$n" "$r"
  for p in $PROVIDERS; do
    r=$(tlsweep_rate "$PORT12" "$n" 1.2 "$p" TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256)
    printf '%-8s %-5s %-22s %s\n' TLSv1.2 "$n" "tlsweep $p" "$r"
  done
  r=$(s_time_rate "$PORT13" "$n" -tls1_3 -ciphersuites TLS_AES_128_GCM_SHA256)
  printf '%-8s %-5s %-22s %s\n' TLSv1.3 "$n" "openssl s_time x$n" "$r"
  for p in $PROVIDERS; do
    r=$(tlsweep_rate "$PORT13" "$n" 1.3 "$p" "")
    printf '%-8s %-5s %-22s %s\n' TLSv1.3 "$n" "tlsweep $p" "$r"
  done
done
