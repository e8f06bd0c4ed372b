# shellcheck shell=bash
# Endpoint shapes shared by side-by-side.sh and latency.sh (sourced, not run): the nginx TLS directives of each
# shape, the key material they need, a check of what a live endpoint accepts, pair by pair, and the tools' install.
#
#   issue   TLS 1.0-1.2, 19 suites: 13 TLS 1.2-only (GCM, ChaCha20, SHA-256/384 CBC) and 6 SHA-1 CBC suites that
#           TLS 1.0 and 1.1 accept too: 31 accepted (version, suite) pairs, the endpoint of issue 15's tables
#           (its budget of 36 connections = 31 accepted + 1 per version over 5 versions probed)
#   wide    TLS 1.0-1.2, 31 suites (CCM, CCM8, Camellia too): 51 pairs (31 in TLS 1.2, 10 each in 1.0 and 1.1)
#   modern  TLS 1.2+1.3, 12 suites: 9 TLS 1.2 (ECDHE/DHE/RSA, AEAD and SHA-256/384 CBC) + OpenSSL's 3 TLS 1.3
#   kitchen every suite Debian 12's OpenSSL 3 serves without PSK or SRP: 'ALL:COMPLEMENTOFALL:@SECLEVEL=0'
#           (NULL, anonymous, DSS, ECDSA, RSA), TLS 1.0-1.3 with all 5 TLS 1.3 suites, RSA-2048 + ECDSA P-256 +
#           DSA-2048 certificates (SSLv3 is not built into Debian's OpenSSL)
# Every shape: ffdhe2048 for DHE, self-signed certificates for bench.tlsweep.test, the server's order.

# shellcheck disable=SC2034 # read by the scripts that source this file
SHAPES="issue wide modern kitchen"

# The OpenSSL cipher string of a shape (TLS 1.2 and below).
shape_ciphers() {
  case "$1" in
    issue) echo "ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-CHACHA20-POLY1305:\
ECDHE-RSA-AES128-SHA256:ECDHE-RSA-AES256-SHA384:DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384:\
DHE-RSA-CHACHA20-POLY1305:DHE-RSA-AES128-SHA256:DHE-RSA-AES256-SHA256:AES128-GCM-SHA256:AES256-GCM-SHA384:\
AES128-SHA256:ECDHE-RSA-AES128-SHA:ECDHE-RSA-AES256-SHA:DHE-RSA-AES128-SHA:DHE-RSA-AES256-SHA:AES128-SHA:\
AES256-SHA:@SECLEVEL=0" ;;
    wide) echo "ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-CHACHA20-POLY1305:\
ECDHE-RSA-AES128-SHA256:ECDHE-RSA-AES256-SHA384:ECDHE-RSA-AES128-SHA:ECDHE-RSA-AES256-SHA:\
DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384:DHE-RSA-CHACHA20-POLY1305:DHE-RSA-AES128-SHA256:\
DHE-RSA-AES256-SHA256:DHE-RSA-AES128-SHA:DHE-RSA-AES256-SHA:AES128-GCM-SHA256:AES256-GCM-SHA384:\
AES128-SHA256:AES256-SHA256:AES128-SHA:AES256-SHA:CAMELLIA128-SHA:CAMELLIA256-SHA:DHE-RSA-CAMELLIA128-SHA:\
DHE-RSA-CAMELLIA256-SHA:AES128-CCM:AES256-CCM:DHE-RSA-AES128-CCM:DHE-RSA-AES256-CCM:\
ECDHE-RSA-CAMELLIA128-SHA256:ECDHE-RSA-CAMELLIA256-SHA384:AES128-CCM8:@SECLEVEL=0" ;;
    modern) echo "ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-CHACHA20-POLY1305:\
DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384:DHE-RSA-CHACHA20-POLY1305:ECDHE-RSA-AES128-SHA256:\
ECDHE-RSA-AES256-SHA384:AES128-GCM-SHA256" ;;
    kitchen) echo "ALL:COMPLEMENTOFALL:@SECLEVEL=0" ;;
    *) return 1 ;;
  esac
}

# One line describing a shape, for the benchmarks' headers.
shape_title() {
  case "$1" in
    issue) echo "TLS 1.0-1.2, 19 suites, RSA-2048" ;;
    wide) echo "TLS 1.0-1.2, 31 suites, RSA-2048" ;;
    modern) echo "TLS 1.2+1.3, 12 suites, RSA-2048" ;;
    kitchen) echo "TLS 1.0-1.3, ALL:COMPLEMENTOFALL:@SECLEVEL=0, RSA-2048 + ECDSA P-256 + DSA-2048" ;;
  esac
}

# Writes into DIR the key material the given shapes use: an RSA certificate and key, ffdhe2048, and for the
# kitchen sink ECDSA and DSA certificates and keys too.
shape_keys() {
  local dir=$1; shift
  openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=bench.tlsweep.test -days 2 \
    -keyout "$dir/rsa.key" -out "$dir/rsa.pem" 2>/dev/null
  openssl genpkey -genparam -algorithm DH -pkeyopt group:ffdhe2048 -out "$dir/dh.pem" 2>/dev/null
  case " $* " in *" kitchen "*) ;; *) return 0 ;; esac
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj /CN=bench.tlsweep.test -days 2 \
    -keyout "$dir/ec.key" -out "$dir/ec.pem" 2>/dev/null
  openssl genpkey -genparam -algorithm DSA -pkeyopt dsa_paramgen_bits:2048 -out "$dir/dsa-params.pem" 2>/dev/null
  openssl req -x509 -newkey "dsa:$dir/dsa-params.pem" -sha256 -nodes -subj /CN=bench.tlsweep.test -days 2 \
    -keyout "$dir/dsa.key" -out "$dir/dsa.pem" 2>/dev/null
}

# The nginx directives of a shape (for an http or server block), key material from DIR (see shape_keys).
shape_nginx() {
  local shape=$1 dir=$2
  echo "ssl_certificate $dir/rsa.pem; ssl_certificate_key $dir/rsa.key; ssl_dhparam $dir/dh.pem;"
  echo "ssl_prefer_server_ciphers on; ssl_ciphers '$(shape_ciphers "$shape")';"
  case "$shape" in
    issue|wide) echo "ssl_protocols TLSv1 TLSv1.1 TLSv1.2;" ;;
    modern) echo "ssl_protocols TLSv1.2 TLSv1.3;" ;;
    kitchen)
      echo "ssl_certificate $dir/ec.pem; ssl_certificate_key $dir/ec.key;"
      echo "ssl_certificate $dir/dsa.pem; ssl_certificate_key $dir/dsa.key;"
      echo "ssl_protocols TLSv1 TLSv1.1 TLSv1.2 TLSv1.3;"
      echo "ssl_conf_command Ciphersuites TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:\
TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_CCM_SHA256:TLS_AES_128_CCM_8_SHA256;" ;;
  esac
}

# Prints "VERSION SUITE" for every pair HOST:PORT accepts, one openssl s_client handshake per candidate pair:
# every suite this OpenSSL knows in TLS 1.0, 1.1 and 1.2 (at security level 0), and the 5 TLS 1.3 suites.
accepted_pairs() {
  local endpoint=$1 v c
  for v in tls1 tls1_1 tls1_2; do
    for c in $(openssl ciphers -s "-$v" 'ALL:COMPLEMENTOFALL:@SECLEVEL=0' | tr ':' ' '); do
      case "$c" in TLS_*) continue ;; esac
      if timeout 10 openssl s_client -connect "$endpoint" "-$v" -cipher "$c:@SECLEVEL=0" </dev/null \
          >/dev/null 2>&1; then
        echo "$v $c"
      fi
    done
  done
  for c in TLS_AES_128_GCM_SHA256 TLS_AES_256_GCM_SHA384 TLS_CHACHA20_POLY1305_SHA256 TLS_AES_128_CCM_SHA256 \
      TLS_AES_128_CCM_8_SHA256; do
    if timeout 10 openssl s_client -connect "$endpoint" -tls1_3 -ciphersuites "$c" </dev/null >/dev/null 2>&1; then
      echo "tls1_3 $c"
    fi
  done
}

# "31 pairs (TLS 1.0: 6, TLS 1.1: 6, TLS 1.2: 19), 19 suites" from accepted_pairs' lines on stdin.
pairs_summary() {
  awk '{ n++; per[$1]++; suites[$2] = 1 }
    END {
      split("tls1 tls1_1 tls1_2 tls1_3", order, " "); split("1.0 1.1 1.2 1.3", name, " ")
      s = ""; for (i = 1; i <= 4; i++) if (per[order[i]] > 0) s = s (s == "" ? "" : ", ") "TLS " name[i] ": " per[order[i]]
      k = 0; for (x in suites) k++
      printf "%d pairs (%s), %d suites\n", n, s, k
    }'
}

# Installs nginx, nmap and sslscan from Debian's packages where missing (as root).
install_tools() {
  local missing=""
  [ -x /usr/sbin/nginx ] || missing="$missing nginx"
  command -v nmap >/dev/null 2>&1 || missing="$missing nmap"
  command -v sslscan >/dev/null 2>&1 || missing="$missing sslscan"
  if [ -n "$missing" ]; then
    apt-get update -qq
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
  fi
}
