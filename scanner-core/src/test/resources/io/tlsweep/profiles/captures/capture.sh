#!/usr/bin/env bash
# Re-captures the ClientHellos in this folder: java17, java25, openssl3-debian, openssl3, chromium.
#
#   bash capture.sh [NAME ...]        (default: all five; the .hex files here are rewritten)
#
# java25 runs the JDK 25 named by JAVA25 (default: the Temurin 25 JDK under /usr/lib/jvm); it is skipped with a
# note when that JDK is not installed.
#
# Loopback only: a one-shot Python listener on 127.0.0.1 keeps the first complete ClientHello and closes the
# connection; each client is pointed at it. Run as root, the script re-executes itself inside a new network
# namespace (unshare --net) that has nothing but loopback, so no client can reach an outside host. Every step is
# bounded by LIMIT seconds; every process started here is stopped by its own id (or its own process group).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
LIMIT=${LIMIT:-20}
SNI=client.tlsweep.test

if [ "$(id -u)" = 0 ] && [ -z "${TLSWEEP_NETNS:-}" ] && command -v unshare >/dev/null; then
    exec env TLSWEEP_NETNS=1 unshare --net -- bash -c 'ip link set lo up 2>/dev/null || true; exec bash "$@"' \
        bash "$0" "$@"
fi

WORK=$(mktemp -d)
PIDS=()
cleanup() {
    for p in "${PIDS[@]:-}"; do
        [ -n "$p" ] && kill -TERM -- "-$p" 2>/dev/null || true   # the process group of a client started with setsid
        [ -n "$p" ] && kill -TERM "$p" 2>/dev/null || true
    done
    rm -rf "$WORK"
}
trap cleanup EXIT

# listen NAME SOURCE COMMAND: starts the one-shot listener in the background, waits for its port in $WORK/NAME.port
listen() {
    python3 - "$WORK/$1.port" "$HERE/$1.hex" "$1" "$2" "$3" "$LIMIT" <<'PY' &
import datetime, socket, sys
portfile, out, name, source, command, limit = sys.argv[1:7]
def complete(d):
    if d and d[0] & 0x80:                       # SSLv2-format hello: 2-byte header with the length
        return len(d) >= 2 and len(d) >= 2 + ((d[0] & 0x7F) << 8 | d[1])
    hs, pos = b'', 0
    while pos + 5 <= len(d) and d[pos] == 22:
        n = d[pos + 3] << 8 | d[pos + 4]
        if pos + 5 + n > len(d):
            return False
        hs += d[pos + 5:pos + 5 + n]; pos += 5 + n
        if len(hs) >= 4 and len(hs) >= 4 + (hs[1] << 16 | hs[2] << 8 | hs[3]):
            return True
    return False
srv = socket.socket(); srv.bind(('127.0.0.1', 0)); srv.listen(4); srv.settimeout(float(limit))
open(portfile + '.tmp', 'w').write(str(srv.getsockname()[1])); __import__('os').rename(portfile + '.tmp', portfile)
try:
    c, _ = srv.accept()
except socket.timeout:
    sys.exit('%s: no connection within %ss' % (name, limit))
c.settimeout(float(limit)); data = b''
while not complete(data):
    chunk = c.recv(65536)
    if not chunk:
        break
    data += chunk
c.close(); srv.close()
if not complete(data):
    sys.exit('%s: incomplete ClientHello (%d bytes)' % (name, len(data)))
h = data.hex()
with open(out, 'w') as f:
    f.write('# scenario: %s\n# direction: client->server\n# source: %s on 127.0.0.1\n' % (name, source))
    f.write('# command: one-shot listener in capture.sh (keeps the first ClientHello, then closes)  ;  client: %s\n' % command)
    f.write('# captured: %s\n' % datetime.date.today().isoformat())
    f.write('# bytes: %d (TLS record(s) exactly as received)\n' % len(data))
    f.write(''.join(h[i:i + 64] + '\n' for i in range(0, len(h), 64)))
print('%s: %d bytes -> %s' % (name, len(data), out))
PY
    LPID=$!
    for _ in $(seq 1 50); do [ -s "$WORK/$1.port" ] && break; sleep 0.1; done
    PORT=$(cat "$WORK/$1.port")
}

# client NAME: runs the client command (string) with $PORT, in its own session, bounded; then waits for the listener
run_client() {
    local name=$1; shift
    setsid bash -c "$*" >"$WORK/$name.client.log" 2>&1 &
    local cpid=$!; PIDS+=("$cpid")
    if ! wait "$LPID"; then echo "capture of $name failed; client log:"; cat "$WORK/$name.client.log"; fi
    sleep 0.5
    kill -TERM -- "-$cpid" 2>/dev/null || true; kill -TERM "$cpid" 2>/dev/null || true
    wait "$cpid" 2>/dev/null || true
}

cat >"$WORK/Hello.java" <<'JAVA'
import java.util.List;
import javax.net.ssl.*;
public class Hello {
    public static void main(String[] args) throws Exception {
        SSLSocketFactory f = SSLContext.getDefault().getSocketFactory();
        try (SSLSocket s = (SSLSocket) f.createSocket("127.0.0.1", Integer.parseInt(args[0]))) {
            SSLParameters p = s.getSSLParameters();
            p.setServerNames(List.of(new SNIHostName(args[1])));
            s.setSSLParameters(p);
            s.setSoTimeout(10_000);
            s.startHandshake();
        } catch (java.io.IOException expected) {
            System.err.println("handshake ended (the listener closes): " + expected);
        }
    }
}
JAVA

want() { [ $# -eq 0 ] && return 0; for n in "${SELECTED[@]}"; do [ "$n" = "$1" ] && return 0; done; return 1; }
SELECTED=("$@")
[ ${#SELECTED[@]} -eq 0 ] && SELECTED=(java17 java25 openssl3-debian openssl3 chromium)

JV=$(java -version 2>&1 | head -1)
OV=$(openssl version)
CV=$(chromium --version 2>/dev/null | head -1 || true)

if want java17; then
    CMD='java Hello.java $PORT '"$SNI"' (default SSLContext, SNI set via SSLParameters.setServerNames)'
    listen java17 "java ($JV)" "$CMD"
    run_client java17 "timeout $LIMIT java '$WORK/Hello.java' $PORT $SNI"
fi
JAVA25=${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
if want java25; then
    if [ -x "$JAVA25" ]; then
        J25V=$("$JAVA25" -version 2>&1 | head -2 | tr '\n' ' ')
        CMD='java Hello.java $PORT '"$SNI"' (JDK 25 with its own java.security; default SSLContext, SNI set via SSLParameters.setServerNames)'
        listen java25 "java ($J25V)" "$CMD"
        run_client java25 "timeout $LIMIT '$JAVA25' '$WORK/Hello.java' $PORT $SNI"
    else
        echo "java25: $JAVA25 not installed, skipped"
    fi
fi
if want openssl3-debian; then
    CMD="openssl s_client -connect 127.0.0.1:\$PORT -servername $SNI </dev/null (system openssl.cnf)"
    listen openssl3-debian "openssl s_client ($OV)" "$CMD"
    run_client openssl3-debian "timeout $LIMIT openssl s_client -connect 127.0.0.1:$PORT -servername $SNI </dev/null"
fi
if want openssl3; then
    CMD="OPENSSL_CONF=/dev/null openssl s_client -connect 127.0.0.1:\$PORT -servername $SNI </dev/null (no config file)"
    listen openssl3 "openssl s_client ($OV)" "$CMD"
    run_client openssl3 "OPENSSL_CONF=/dev/null timeout $LIMIT openssl s_client -connect 127.0.0.1:$PORT -servername $SNI </dev/null"
fi
if want chromium; then
    mkdir -p "$WORK/chrome-profile"
    FLAGS="--headless=new --no-sandbox --disable-gpu --user-data-dir=$WORK/chrome-profile --no-first-run"
    FLAGS="$FLAGS --disable-background-networking --disable-component-update --disable-sync --disable-extensions"
    FLAGS="$FLAGS --host-resolver-rules='MAP $SNI 127.0.0.1'"
    CMD="chromium $FLAGS https://$SNI:\$PORT/  (the name maps to 127.0.0.1, so SNI is sent as for any host name)"
    listen chromium "chromium ($CV)" "${CMD//$WORK/\$TMP}"
    run_client chromium "timeout -k 5 $LIMIT chromium $FLAGS https://$SNI:$PORT/"
fi
