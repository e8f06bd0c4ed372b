#!/usr/bin/env python3
"""Capture what a real Postfix says before TLS, for the SMTP prelude codec's tests.

    python3 capture_smtp.py [--only SCENARIO ...]   capture (all, or the named scenarios) and rewrite the .hex files

One Postfix instance (`postfix -c DIR start-fg`, run in the foreground from a private configuration directory
with its own queue and data directories in a temp dir, stopped by its process id) listens on 127.0.0.1 only,
on one free port per scenario, each port an smtpd (or postscreen) service with its own settings in master.cf.
The script speaks SMTP to each as tlsweep does (EHLO tlsweep.invalid, then STARTTLS when it is offered) and
writes everything the server sent, in order, to <scenario>.server.hex. As root the run re-executes itself in a
new network namespace (`unshare --net`) that has nothing but loopback. Every wait is bounded (LIMIT seconds).
Standard library only; needs postfix (Debian: apt-get install -y postfix; its own service need not run) and
openssl (for a throwaway certificate).
"""
import argparse, contextlib, datetime, os, re, shutil, signal, socket, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
LO = '127.0.0.1'
LIMIT = 10.0
EHLO = b'EHLO tlsweep.invalid\r\n'
STARTTLS = b'STARTTLS\r\n'
FINAL = re.compile(rb'(?m)^\d{3}(?: [^\r\n]*)?\r?\n')   # the last line of a reply: a code and a space (or nothing)

MAIN_CF = '''compatibility_level = 3.6
queue_directory = {d}/queue
data_directory = {d}/data
mail_owner = postfix
myhostname = mail.test.example
mydomain = test.example
mydestination =
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
maillog_file = /dev/stdout
smtpd_tls_cert_file = {d}/leaf.pem
smtpd_tls_key_file = {d}/leaf.key
smtpd_tls_security_level = may
smtpd_sasl_auth_enable = yes
smtpd_sasl_type = cyrus
smtpd_tls_auth_only = no
broken_sasl_auth_clients = yes
postscreen_greet_wait = 1s
'''
# Debian's Postfix reads the Cyrus SASL file smtpd.conf from $config_directory/sasl (then /usr/lib/sasl) whatever
# cyrus_sasl_config_path says: written anywhere else, mech_list is not read and every installed mechanism is offered
SASL_CONF = 'pwcheck_method: auxprop\nauxprop_plugin: sasldb\nmech_list: PLAIN LOGIN\nsasldb_path: {d}/sasldb2\n'
# scenario: (master.cf service line after the listen address, what the client does, note for the file)
SCENARIOS = {
    'postfix-starttls': ('inet n - n - - smtpd',
                         'starttls', 'STARTTLS and AUTH PLAIN LOGIN (also as AUTH=) offered before TLS'),
    'postfix-no-tls': ('inet n - n - - smtpd -o smtpd_tls_security_level=none -o smtpd_sasl_auth_enable=no',
                       'starttls', 'no STARTTLS in the EHLO reply (TLS off), no AUTH'),
    'postfix-tls-broken': ('inet n - n - - smtpd -o smtpd_tls_cert_file={d}/missing.pem'
                           ' -o smtpd_tls_key_file={d}/missing.key', 'starttls',
                           'STARTTLS offered, the certificate missing: STARTTLS is answered 454'),
    'postfix-postscreen': ('inet n - n - 1 postscreen -o postscreen_access_list='
                           ' -o postscreen_cache_map=btree:{d}/data/postscreen_greet', 'starttls',
                           'postscreen in front: a multi-line greeting (220- at once, 220 after greet_wait 1s)'),
    'postfix-denied': ('inet n - n - 1 postscreen -o postscreen_access_list=static:reject'
                       ' -o postscreen_denylist_action=drop -o postscreen_cache_map=btree:{d}/data/postscreen_deny',
                       'greeting',
                       'postscreen denies the client: 521 in place of a greeting, then the close'),
    'postfix-too-many': ('inet n - n - - smtpd -o smtpd_client_connection_count_limit=1'
                         ' -o smtpd_client_event_limit_exceptions=', 'second',
                         'one connection held open, the second refused in its greeting (421)'),
}
MASTER_CF = '''smtpd     pass  -       -       n       -       -       smtpd
anvil     unix  -       -       n       -       1       anvil
proxymap  unix  -       -       n       -       -       proxymap
rewrite   unix  -       -       n       -       -       trivial-rewrite
tlsmgr    unix  -       -       n       1000?   1       tlsmgr
postlog   unix-dgram n  -       n       -       1       postlogd
'''
PROCS = []


def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, timeout=60, capture_output=True, text=True, **kw)


def free_port():
    with socket.socket() as s:
        s.bind((LO, 0))
        return s.getsockname()[1]


def listening(port):
    for f in ('/proc/net/tcp', '/proc/net/tcp6'):       # read from /proc: no probe connection is made
        for line in open(f).readlines()[1:]:
            cols = line.split()
            if cols[3] == '0A' and int(cols[1].rsplit(':', 1)[1], 16) == port:
                return True
    return False


def configure(d):
    for sub in ('etc', 'queue', 'data', 'etc/sasl'):
        os.makedirs(os.path.join(d, sub), exist_ok=True)
    sh(['openssl', 'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', d + '/leaf.key', '-out',
        d + '/leaf.pem', '-days', '825', '-subj', '/CN=mail.test.example',
        '-addext', 'subjectAltName=DNS:mail.test.example'])
    with open(d + '/etc/sasl/smtpd.conf', 'w') as f:
        f.write(SASL_CONF.format(d=d))
    with open(d + '/etc/main.cf', 'w') as f:
        f.write(MAIN_CF.format(d=d))
    ports = {name: free_port() for name in SCENARIOS}
    with open(d + '/etc/master.cf', 'w') as f:
        f.write(MASTER_CF)
        for name, (service, _, _) in SCENARIOS.items():
            f.write('%s:%d %s\n' % (LO, ports[name], service.format(d=d)))
    sh(['postfix', '-c', d + '/etc', 'set-permissions'], env=dict(os.environ, LC_ALL='C'))
    return ports


def start_postfix(d, ports):
    log = open(d + '/postfix.out', 'w')
    p = subprocess.Popen(['postfix', '-c', d + '/etc', 'start-fg'], stdin=subprocess.DEVNULL, stdout=log,
                         stderr=subprocess.STDOUT, start_new_session=True)
    PROCS.append(p)
    end = time.monotonic() + LIMIT
    while time.monotonic() < end and p.poll() is None:
        if all(listening(port) for port in ports.values()):
            return p
        time.sleep(0.05)
    raise RuntimeError('postfix did not start: ' + open(d + '/postfix.out').read()[-500:])


def stop_all(d):
    """Stops the master started here by the process id in its own pid file (it leaves the session it was started
    in), then the process group of the postfix command itself; each bounded, SIGKILL when SIGTERM is not enough."""
    with contextlib.suppress(OSError, ValueError):
        master = int(open(d + '/queue/pid/master.pid').read().split()[0])
        for sig in (signal.SIGTERM, signal.SIGKILL):
            with contextlib.suppress(ProcessLookupError):
                os.kill(master, sig)
            end = time.monotonic() + 5
            while time.monotonic() < end and os.path.exists('/proc/%d' % master):
                time.sleep(0.05)
            if not os.path.exists('/proc/%d' % master):
                break
    for p in PROCS:
        for sig in (signal.SIGTERM, signal.SIGKILL):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(p.pid, sig)
            with contextlib.suppress(subprocess.TimeoutExpired):
                p.wait(5)
                break


def reply(s, got, end):
    """Reads until a reply's last line (or the close, or the deadline); returns the bytes read and whether closed."""
    start = len(got)
    while time.monotonic() < end:
        if FINAL.search(bytes(got[start:])):
            return False
        s.settimeout(max(0.05, end - time.monotonic()))
        try:
            chunk = s.recv(4096)
        except socket.timeout:
            break
        if not chunk:
            return True
        got += chunk
    return False


def converse(port, how):
    """Speaks to one service; returns (server bytes, what the client did)."""
    end, got, steps = time.monotonic() + LIMIT, bytearray(), []
    held = socket.create_connection((LO, port), timeout=LIMIT) if how == 'second' else None
    try:
        if held is not None:
            reply(held, bytearray(), end)
            steps.append('a first connection read its greeting and stayed open')
        with socket.create_connection((LO, port), timeout=LIMIT) as s:
            closed = reply(s, got, end)
            steps.append('connected, read the greeting (%d bytes)' % len(got))
            for line in ((EHLO, STARTTLS) if how == 'starttls' and not closed else ()):
                if line == STARTTLS and b'STARTTLS' not in bytes(got).upper():
                    break
                s.sendall(line)
                before = len(got)
                closed = reply(s, got, end)
                steps.append('sent %r, read %d bytes' % (line.decode().strip(), len(got) - before))
                if closed:
                    break
            if not closed:
                s.settimeout(0.5)
                with contextlib.suppress(socket.timeout):
                    closed = not s.recv(1)
            steps.append('server closed' if closed else 'client closed')
    finally:
        if held is not None:
            held.close()
    return bytes(got), steps


def write_vector(name, version, service, note, steps, data):
    lines = ['# scenario: ' + name, '# direction: server->client',
             '# source: postfix %s (Debian package postfix) on 127.0.0.1' % version,
             '# command: postfix -c $DIR/etc start-fg; master.cf: 127.0.0.1:$PORT ' + service.replace('{d}', '$DIR'),
             '# client: capture_smtp.py: ' + '; '.join(steps), '# captured: ' + datetime.date.today().isoformat(),
             '# contents: ' + note + ': ' + repr(data.decode('ascii', 'replace'))[:400]]
    h = data.hex()
    with open(os.path.join(HERE, name + '.server.hex'), 'w') as f:
        f.write('\n'.join(lines + [h[i:i + 64] for i in range(0, len(h), 64)]) + '\n')
    print('%-24s %5d bytes  %s' % (name, len(data), repr(data[:70])))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--only', nargs='+', metavar='SCENARIO', choices=sorted(SCENARIOS))
    ap.add_argument('--no-netns', action='store_true', help='do not re-run inside a loopback-only network namespace')
    a = ap.parse_args()
    if not shutil.which('postfix'):
        sys.exit('postfix is not installed (Debian: apt-get install -y postfix)')
    if not a.no_netns and os.environ.get('TLSWEEP_NETNS') != '1' and os.geteuid() == 0 and shutil.which('unshare'):
        os.environ['TLSWEEP_NETNS'] = '1'
        os.execvp('unshare', ['unshare', '--net', '--', sys.executable, os.path.abspath(__file__)] + sys.argv[1:])
    if os.environ.get('TLSWEEP_NETNS') == '1':
        sh(['ip', 'link', 'set', 'lo', 'up'])
    version = sh(['postconf', '-d', '-h', 'mail_version']).stdout.strip()
    with tempfile.TemporaryDirectory(prefix='tlsweep-postfix-') as d:
        os.chmod(d, 0o755)                                # postfix's own processes read their files under it
        try:
            ports = configure(d)
            start_postfix(d, ports)
            for name, (service, how, note) in SCENARIOS.items():
                if a.only and name not in a.only:
                    continue
                data, steps = converse(ports[name], how)
                write_vector(name, version, service, note, steps, data)
        finally:
            stop_all(d)


if __name__ == '__main__':
    main()
