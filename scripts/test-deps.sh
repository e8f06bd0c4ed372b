#!/usr/bin/env sh
# Installs what tlsweep's tests use beyond Java and Maven, from Debian's packages, where it is missing:
#   openssl                    `openssl s_server` / `s_client` peers on loopback (interop, client messages)
#   gnutls-bin                 `gnutls-serv`, a second real server stack the predictions are held against
#   chromium                   renders report.html headless (the report test)
#   python3-prometheus-client  reads tlsweep.prom back with the Prometheus project's own parser
#   nginx                      a real nginx (OpenSSL) the re-check is held against while its versions are
#                              switched off and on; the tests run it in the foreground with a private config
#   freetds-bin                `tsql`, a real SQL Server client that logs in over TLS to the scripted TDS front
#   xrdp                       a real RDP server the RDP prelude is scanned through; the tests run it in the
#                              foreground with a private xrdp.ini on a free port. Its package enables the system's
#                              xrdp and xrdp-sesman services (3389 on every address, 3350) and starts them where
#                              an init system runs and no policy-rc.d forbids it; this script disables and stops
#                              them again when it installed xrdp
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
[ -x /usr/sbin/xrdp ] || need="$need xrdp"

if [ -z "$need" ]; then
  echo "test-deps: openssl, gnutls-serv, chromium, python3-prometheus-client, nginx, tsql and xrdp are present"
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
case " $need " in
  *" xrdp "*)
    if [ -d /run/systemd/system ]; then
      $as_root systemctl disable --now xrdp.service xrdp-sesman.service >/dev/null 2>&1 || true
    else
      $as_root invoke-rc.d xrdp stop >/dev/null 2>&1 || true
      $as_root update-rc.d xrdp disable >/dev/null 2>&1 || true
    fi
    echo "test-deps: the system's xrdp services are disabled (the tests start their own)"
    ;;
esac
echo "test-deps: installed$need"
