#!/usr/bin/env sh
# Makes the capture vectors of this directory (see README.md): real handshakes between openssl s_server and
# openssl s_client on loopback, captured by tcpdump. Run as root (tcpdump). Only 127.0.0.1 and ::1 are used.
set -eu
out=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
cd "$work"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj /CN=localhost -days 2 \
    -keyout key.pem -out cert.pem 2>/dev/null
port=44401
openssl s_server -accept "127.0.0.1:$port" -cert cert.pem -key key.pem -quiet -cipher 'DEFAULT:@SECLEVEL=0' \
    -min_protocol TLSv1 >server4.out 2>&1 &
server4=$!
openssl s_server -accept "[::1]:$((port + 1))" -cert cert.pem -key key.pem -quiet -cipher 'DEFAULT:@SECLEVEL=0' \
    -min_protocol TLSv1 >server6.out 2>&1 &
server6=$!
sleep 1

# capture FILE TCPDUMP-OPTIONS... -- CLIENT-COMMANDS (one per line on stdin)
capture() {
    file=$1
    shift
    tcpdump -Z root -U -w "$out/$file" "$@" "tcp portrange $port-$((port + 1))" >"$file.tcpdump" 2>&1 &
    dump=$!
    sleep 1
    while read -r line; do
        echo Q | timeout 10 sh -c "$line" >/dev/null 2>&1 || true
    done
    sleep 1
    kill -INT "$dump"
    wait "$dump" || true
}

capture ethernet-lo.pcap -i lo <<EOC
openssl s_client -connect 127.0.0.1:$port -tls1 -servername tls10.example -cipher 'DEFAULT:@SECLEVEL=0'
openssl s_client -connect 127.0.0.1:$port -tls1_1 -servername tls11.example -cipher 'DEFAULT:@SECLEVEL=0'
openssl s_client -connect 127.0.0.1:$port -tls1_2 -servername tls12.example
openssl s_client -connect 127.0.0.1:$port -tls1_3 -servername tls13.example
EOC
capture ipv6-nano.pcap -i lo --time-stamp-precision nano <<EOC
openssl s_client -connect [::1]:$((port + 1)) -tls1_2 -servername v6.example
EOC
capture any-sll2.pcap -i any -y LINUX_SLL2 <<EOC
openssl s_client -connect 127.0.0.1:$port -tls1_3 -servername sll2.example
EOC
capture any-sll.pcap -i any -y LINUX_SLL <<EOC
openssl s_client -connect 127.0.0.1:$port -tls1 -servername sll.example -cipher 'DEFAULT:@SECLEVEL=0'
EOC
kill "$server4" "$server6"
wait "$server4" "$server6" 2>/dev/null || true
rm -rf "$work"
