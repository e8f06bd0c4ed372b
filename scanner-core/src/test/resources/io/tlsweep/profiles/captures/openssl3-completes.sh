#!/usr/bin/env bash
# Which versions can the local openssl (3.x) client finish a handshake with, at its default settings?
# For the `completes` fact of the openssl-3 profile. Loopback only (as root: inside `unshare --net`), bounded by
# timeouts; prints one line per case. A throwaway self-signed RSA key is made in a temp dir.
set -euo pipefail
if [ "$(id -u)" = 0 ] && [ -z "${TLSWEEP_NETNS:-}" ] && command -v unshare >/dev/null; then
    exec env TLSWEEP_NETNS=1 unshare --net -- bash -c 'ip link set lo up 2>/dev/null || true; exec bash "$@"' bash "$0" "$@"
fi
WORK=$(mktemp -d); SPID=
trap '[ -n "$SPID" ] && kill "$SPID" 2>/dev/null; rm -rf "$WORK"' EXIT
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$WORK/k.pem" -out "$WORK/c.pem" -days 2 \
    -subj /CN=client.tlsweep.test >/dev/null 2>&1
echo "client: $(openssl version), OPENSSL_CONF=/dev/null, default options"
for v in tls1 tls1_1 tls1_2; do
    for cipher in ECDHE-RSA-AES128-SHA DHE-RSA-AES128-SHA AES128-SHA; do
        openssl s_server -accept 127.0.0.1:0 -naccept 1 -"$v" -cipher "$cipher:@SECLEVEL=0" \
            -cert "$WORK/c.pem" -key "$WORK/k.pem" -www >"$WORK/srv.log" 2>&1 &
        SPID=$!
        PORT=
        for _ in $(seq 1 50); do
            PORT=$(sed -n 's/^ACCEPT 127.0.0.1:\([0-9]*\)$/\1/p' "$WORK/srv.log" | head -1)
            [ -n "$PORT" ] && break; sleep 0.1
        done
        out=$(printf 'GET / HTTP/1.0\r\n\r\n' | OPENSSL_CONF=/dev/null timeout 10 openssl s_client -ign_eof \
              -connect "127.0.0.1:$PORT" -servername client.tlsweep.test 2>&1 || true)
        proto=$(printf '%s\n' "$out" | sed -n 's/^ *Protocol *: *//p' | head -1)
        suite=$(printf '%s\n' "$out" | sed -n 's/^New, .*Cipher is //p' | head -1)
        err=$(printf '%s\n' "$out" | grep -o 'error:[0-9A-F]*:SSL routines:[a-z_0-9]*:[^:]*' | head -1 || true)
        if [ -n "$suite" ] && [ "$suite" != "(NONE)" ]; then result="completed $proto $suite"; else result="FAILED ${err:-?}"; fi
        printf 'server -%-7s %-22s -> %s\n' "$v" "$cipher" "$result"
        kill "$SPID" 2>/dev/null || true; wait "$SPID" 2>/dev/null || true; SPID=
    done
done
