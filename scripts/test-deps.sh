#!/usr/bin/env sh
# Installs what tlsweep's tests use beyond Java and Maven, from Debian's packages, where it is missing:
#   openssl                    `openssl s_server` / `s_client` peers on loopback (interop, client messages)
#   gnutls-bin                 `gnutls-serv`, a second real server stack the predictions are held against
#   chromium                   renders report.html headless (the report test)
#   poppler-utils              `pdftotext -bbox`: the words of the printed report.html and their boxes (layout test)
#   python3-prometheus-client  reads tlsweep.prom back with the Prometheus project's own parser
#   nginx                      a real nginx (OpenSSL) the re-check is held against while its versions are
#                              switched off and on; the tests run it in the foreground with a private config
#   freetds-bin                `tsql`, a real SQL Server client that logs in over TLS to the scripted TDS front
#   xrdp                       a real RDP server the RDP prelude is scanned through; the tests run it in the
#                              foreground with a private xrdp.ini on a free port. Its package enables the system's
#                              xrdp and xrdp-sesman services (3389 on every address, 3350) and starts them where
#                              an init system runs and no policy-rc.d forbids it; this script disables and stops
#                              them again when it installed xrdp
#   postfix, libsasl2-modules  a real Postfix (smtpd with STARTTLS; PLAIN and LOGIN for its AUTH), scanned through
#                              STARTTLS; the tests run its master in the foreground with a private config
#   dovecot-core, -imapd,      a real Dovecot (IMAP, POP3, ManageSieve with STARTTLS), run the same way
#     -pop3d, -managesieved
#   vsftpd                     a real vsftpd (FTP with AUTH TLS), run the same way
#   slapd                      a real OpenLDAP slapd (LDAP StartTLS); the tests run it with a private slapd.conf
#   postgresql                 a real PostgreSQL (SSLRequest); the tests initdb a cluster of their own in a temp dir
#                              and run its postgres as the package's postgres user
#   mariadb-server             a real MariaDB (the MySQL SSL request); the tests make a data dir of their own with
#                              mariadb-install-db and run mariadbd --no-defaults
#   prosody                    a real Prosody (XMPP STARTTLS); the tests run it with a private prosody.cfg.lua
#   apache2, haproxy           a real Apache httpd (mod_ssl) and HAProxy whose access logs, with the documented
#                              TLS fields, the evidence readers are held against; run in the foreground with
#                              private configs and log files
#   curl, tcpdump              a real client of those servers, and the capture of that loopback traffic the pcap
#                              reader is held against
#   man-db, groff-base         `man -l` through groff with every warning on: tlsweep's manual pages render cleanly
# The mail, FTP, directory, database, XMPP, web and proxy servers' own services are neither started nor left enabled: postfix is
# preseeded to "No configuration" and slapd to no configuration (no database, no cn=config), a policy-rc.d that
# denies every start is in place while they install (as in a container without systemd), and on a systemd host the
# units of the packages installed here are disabled and stopped afterwards. postgresql still creates its "main"
# cluster, and mariadb-server /var/lib/mysql, neither of them started; the tests use neither.
# Nothing is installed when everything is there. Runs apt-get as root, through sudo otherwise.
# Part of the README's test command: `sh scripts/test-deps.sh && mvn -B -ntp verify`.
set -eu

need=""
command -v openssl >/dev/null 2>&1 || need="$need openssl"
command -v gnutls-serv >/dev/null 2>&1 || need="$need gnutls-bin"
[ -x /usr/bin/chromium ] || need="$need chromium"
command -v pdftotext >/dev/null 2>&1 || need="$need poppler-utils"
/usr/bin/python3 -c 'import prometheus_client.parser' >/dev/null 2>&1 || need="$need python3-prometheus-client"
[ -x /usr/sbin/nginx ] || need="$need nginx"
command -v tsql >/dev/null 2>&1 || need="$need freetds-bin"
[ -x /usr/sbin/xrdp ] || need="$need xrdp"
[ -x /usr/lib/postfix/sbin/master ] || need="$need postfix"
dpkg-query -W -f='${Status}' libsasl2-modules 2>/dev/null | grep -q 'ok installed' || need="$need libsasl2-modules"
[ -x /usr/sbin/dovecot ] || need="$need dovecot-core"
[ -x /usr/lib/dovecot/imap-login ] || need="$need dovecot-imapd"
[ -x /usr/lib/dovecot/pop3-login ] || need="$need dovecot-pop3d"
[ -x /usr/lib/dovecot/managesieve-login ] || need="$need dovecot-managesieved"
[ -x /usr/sbin/vsftpd ] || need="$need vsftpd"
[ -x /usr/sbin/slapd ] || need="$need slapd"
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || need="$need postgresql"
{ [ -x /usr/sbin/mariadbd ] && [ -x /usr/bin/mariadb-install-db ]; } || need="$need mariadb-server"
[ -x /usr/bin/prosody ] || need="$need prosody"
[ -x /usr/sbin/apache2 ] || need="$need apache2"
[ -x /usr/sbin/haproxy ] || need="$need haproxy"
command -v curl >/dev/null 2>&1 || need="$need curl"
command -v tcpdump >/dev/null 2>&1 || need="$need tcpdump"
command -v man >/dev/null 2>&1 || need="$need man-db"
command -v groff >/dev/null 2>&1 || need="$need groff-base"

if [ -z "$need" ]; then
  echo "test-deps: openssl, gnutls-serv, chromium, pdftotext, python3-prometheus-client, nginx, tsql, postfix (with SASL" \
    "PLAIN/LOGIN), dovecot (imap, pop3, managesieve), vsftpd, xrdp, slapd, postgresql, mariadb-server, prosody," \
    "apache2, haproxy, curl, tcpdump, man and groff are present"
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
# postfix's and slapd's questions answered beforehand: no configuration, so their postinsts write no main.cf, no
# slapd database or cn=config, and start nothing
printf '%s\n' 'postfix postfix/main_mailer_type select No configuration' \
  'postfix postfix/mailname string tlsweep.invalid' 'slapd slapd/no_configuration boolean true' \
  | $as_root debconf-set-selections
# No service may start while these install (policy-rc.d exit 101: "action forbidden"), unless a policy is there
policy=""
if [ ! -e /usr/sbin/policy-rc.d ]; then
  policy=/usr/sbin/policy-rc.d
  printf '#!/bin/sh\nexit 101\n' | $as_root tee "$policy" >/dev/null
  $as_root chmod 755 "$policy"
  trap '$as_root rm -f "$policy"' EXIT
fi
$as_root apt-get update -qq
# shellcheck disable=SC2086 # word splitting of the package list is intended
$as_root apt-get install -y -qq --no-install-recommends $need >/dev/null
if [ -d /run/systemd/system ]; then
  for unit in postfix dovecot vsftpd slapd postgresql mariadb prosody apache2 haproxy; do
    case "$need" in
      *"$unit"*) $as_root systemctl disable --now "$unit.service" >/dev/null 2>&1 || true ;;
    esac
  done
fi
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
