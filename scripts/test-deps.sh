#!/usr/bin/env sh
# Installs what tlsweep's tests use beyond Java and Maven, from Debian's packages, where it is missing:
#   openssl                    `openssl s_server` / `s_client` peers on loopback (interop, client messages)
#   gnutls-bin                 `gnutls-serv`, a second real server stack the predictions are held against
#   chromium                   renders report.html headless (the report test)
#   python3-prometheus-client  reads tlsweep.prom back with the Prometheus project's own parser
#   nginx                      a real nginx (OpenSSL) the re-check is held against while its versions are
#                              switched off and on; the tests run it in the foreground with a private config
#   freetds-bin                `tsql`, a real SQL Server client that logs in over TLS to the scripted TDS front
# Nothing is installed when everything is there. Runs apt-get as root, through sudo otherwise.
# Part of the README's test command: `sh scripts/test-deps.sh && mvn -B -ntp verify`.
set -eu

need=""
command -v openssl >/dev/null 2>&1 || need="$need openssl"
command -v gnutls-serv >/dev/null 2>&1 || need="$need gnutls-bin"
[ -x /usr/bin/chromium ] || need="$need chromium"
/usr/bin/python3 -c 'import prometheus_client.parser' >/dev/null 2>&1 || need="$need python3-prometheus-client"
[ -x /usr/sbin/nginx ] || need="$need nginx"
command -v tsql >/dev/null 2>&1 || need="$need freetds-bin"

if [ -z "$need" ]; then
  echo "test-deps: openssl, gnutls-serv, chromium, python3-prometheus-client, nginx and tsql are present"
  exit 0
fi

as_root=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    as_root="sudo"
  else
    echo "test-deps: missing:$need; run this script as root (or install sudo) to install them" >&2
    exit 1
  fi
fi

echo "test-deps: installing$need"
export DEBIAN_FRONTEND=noninteractive
$as_root apt-get update -qq
# shellcheck disable=SC2086 # word splitting of the package list is intended
$as_root apt-get install -y -qq --no-install-recommends $need >/dev/null
echo "test-deps: installed$need"
