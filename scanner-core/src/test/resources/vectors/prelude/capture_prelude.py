#!/usr/bin/env python3
"""Capture what real IMAP, POP3, ManageSieve, FTP and NNTP servers say before TLS, for the prelude codec tests.

    python3 capture_prelude.py [--only SCENARIO ...]     capture (all, or the named scenarios), rewrite the .hex files
    python3 capture_prelude.py --list                   the scenarios and the server each needs

Each server (Debian's dovecot, vsftpd, INN's nnrpd) runs in the foreground on 127.0.0.1 at an ephemeral port, with a
private configuration written to a temp dir, never as the system service.  A small client here speaks the prelude as
the codecs do (greeting, capability list, STARTTLS when offered) and stops right after the answer to STARTTLS: no TLS
byte is sent.  It connects from 127.0.0.2, because dovecot counts a connection whose two ends have the same address
as secured and would then offer plain-text logins it otherwise keeps for TLS.  As root the run re-executes itself in a
new network namespace (`unshare --net`) that has nothing but loopback.  Every step is bounded (LIMIT seconds) and each
process started is stopped by its own process group id afterwards.  Standard library only.
"""
import argparse, contextlib, ctypes, datetime, json, os, re, shlex, shutil, signal, socket, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
LO, CLIENT = '127.0.0.1', '127.0.0.2'
LIMIT = 10.0
PROCS = []

# ------------------------------------------------------------------------------------------------ server configurations
DOVECOT = '''base_dir = {tmp}/run
state_dir = {tmp}/state
log_path = {tmp}/dovecot.log
protocols = imap pop3 sieve
listen = 127.0.0.1
ssl = {ssl}
ssl_cert = <{tmp}/cert.pem
ssl_key = <{tmp}/key.pem
auth_mechanisms = plain login
disable_plaintext_auth = {no_plaintext}
passdb {{
  driver = static
  args = password=unused
}}
userdb {{
  driver = static
  args = uid=nobody gid=nogroup home={tmp}/home/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {imap}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service pop3-login {{
  inet_listener pop3 {{
    address = 127.0.0.1
    port = {pop3}
  }}
  inet_listener pop3s {{
    port = 0
  }}
}}
service managesieve-login {{
  inet_listener sieve {{
    address = 127.0.0.1
    port = {sieve}
  }}
}}
'''
DOVECOT_VARIANTS = {  # name: (ssl, disable_plaintext_auth)
    'starttls': ('yes', 'yes'),         # Debian's defaults, with a certificate: plain-text logins only after TLS
    'plaintext': ('yes', 'no'),         # plain-text logins allowed before TLS too
    'no-tls': ('no', 'yes'),            # no TLS at all
}
VSFTPD = '''listen=YES
listen_ipv6=NO
listen_address=127.0.0.1
listen_port={ftp}
background=NO
anonymous_enable=NO
local_enable=YES
ssl_enable={ssl}
rsa_cert_file={tmp}/cert.pem
rsa_private_key_file={tmp}/key.pem
secure_chroot_dir={tmp}/empty
xferlog_enable=NO
vsftpd_log_file={tmp}/vsftpd.log
{extra}
'''
VSFTPD_VARIANTS = {  # name: (ssl_enable, extra lines)
    'auth-tls': ('YES', 'banner_file={tmp}/banner.txt'),    # a multi-line 220 greeting, then AUTH TLS
    'no-tls': ('NO', ''),
    'too-many': ('YES', 'max_clients=1'),                   # a second connection gets 421
}
FTP_BANNER = 'Welcome to the tlsweep test FTP service.\nAuthorised use only.\n'
READERS_CONF = '''auth "local" {
    hosts: "127.0.0.0/8"
    default: "<local>"
}
access "local" {
    users: "<local>"
    newsgroups: "*"
}
'''
NNRPD_VARIANTS = {  # name: (TLS certificate configured, extra nnrpd arguments)
    'starttls': (True, []),
    'no-certificate': (False, []),     # STARTTLS still advertised (INN is built with TLS), but it cannot start
    'refused': (True, ['-r', 'Too many connections, try later']),   # nnrpd as innd runs it when paused or throttled
}

# ------------------------------------------------------------------------------------------------ scenarios
# name: (server, variant, protocol of the client dialogue, connect a second time while the first is held open)
SCENARIOS = {
    'imap-dovecot-starttls': ('dovecot', 'starttls', 'imap', False),
    'imap-dovecot-plaintext': ('dovecot', 'plaintext', 'imap', False),
    'imap-dovecot-no-tls': ('dovecot', 'no-tls', 'imap', False),
    'pop3-dovecot-starttls': ('dovecot', 'starttls', 'pop3', False),
    'pop3-dovecot-plaintext': ('dovecot', 'plaintext', 'pop3', False),
    'pop3-dovecot-no-tls': ('dovecot', 'no-tls', 'pop3', False),
    'sieve-dovecot-starttls': ('dovecot', 'starttls', 'sieve', False),
    'sieve-dovecot-plaintext': ('dovecot', 'plaintext', 'sieve', False),
    'sieve-dovecot-no-tls': ('dovecot', 'no-tls', 'sieve', False),
    'ftp-vsftpd-auth-tls': ('vsftpd', 'auth-tls', 'ftp', False),
    'ftp-vsftpd-no-tls': ('vsftpd', 'no-tls', 'ftp', False),
    'ftp-vsftpd-too-many': ('vsftpd', 'too-many', 'ftp', True),
    'nntp-inn-starttls': ('nnrpd', 'starttls', 'nntp', False),
    'nntp-inn-no-certificate': ('nnrpd', 'no-certificate', 'nntp', False),
    'nntp-inn-refused': ('nnrpd', 'refused', 'nntp', False),
}
PROGRAMS = {'dovecot': '/usr/sbin/dovecot', 'vsftpd': '/usr/sbin/vsftpd', 'nnrpd': '/usr/lib/news/bin/nnrpd'}
PACKAGES = {'dovecot': 'dovecot-core dovecot-imapd dovecot-pop3d dovecot-managesieved', 'vsftpd': 'vsftpd',
            'nnrpd': 'inn2'}


def versions(server):
    out = subprocess.run(['dpkg-query', '-W', '-f=${Package} ${Version}; '] + PACKAGES[server].split(),
                         capture_output=True, text=True, timeout=20).stdout.strip().rstrip(';')
    if server == 'dovecot':
        out = 'dovecot %s (%s)' % (subprocess.run(['dovecot', '--version'], capture_output=True, text=True,
                                                  timeout=20).stdout.strip(), out)
    return out


# ------------------------------------------------------------------------------------------------ processes
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


def start(argv, tmp, ports, env=None):
    log = open(os.path.join(tmp, 'server.log'), 'a')
    p = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                         start_new_session=True, env=env)
    PROCS.append(p)
    end = time.monotonic() + LIMIT
    while time.monotonic() < end and p.poll() is None:
        if all(listening(port) for port in ports):
            return p
        time.sleep(0.05)
    stop(p)
    raise RuntimeError('%s did not start (see %s)' % (argv[0], open(os.path.join(tmp, 'server.log')).read()[-400:]))


def stop(p):
    """Terminate the process group this script created for p (by its id), then make sure it is gone; reap the
    server's children that outlived it (this script is their subreaper, see main)."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(p.pid, sig)
        with contextlib.suppress(subprocess.TimeoutExpired):
            p.wait(3)
            break
    end = time.monotonic() + 3
    with contextlib.suppress(ChildProcessError):
        while time.monotonic() < end:
            if os.waitpid(-1, os.WNOHANG)[0] == 0:
                time.sleep(0.05)


def make_cert(tmp):
    subprocess.run(['openssl', 'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', tmp + '/key.pem', '-out',
                    tmp + '/cert.pem', '-subj', '/CN=test.example', '-days', '30'], check=True, timeout=60,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def write(path, text, mode=0o644):
    with open(path, 'w') as f:
        f.write(text)
    os.chmod(path, mode)


def start_dovecot(tmp, variant):
    ssl, no_plaintext = DOVECOT_VARIANTS[variant]
    ports = {'imap': free_port(), 'pop3': free_port(), 'sieve': free_port()}
    write(tmp + '/dovecot.conf', DOVECOT.format(tmp=tmp, ssl=ssl, no_plaintext=no_plaintext, **ports))
    p = start([PROGRAMS['dovecot'], '-F', '-c', tmp + '/dovecot.conf'], tmp, ports.values())
    return p, ports, 'dovecot -F -c $TMP/dovecot.conf (ssl = %s, disable_plaintext_auth = %s)' % (ssl, no_plaintext)


def start_vsftpd(tmp, variant):
    ssl, extra = VSFTPD_VARIANTS[variant]
    os.makedirs(tmp + '/empty', mode=0o755, exist_ok=True)
    write(tmp + '/banner.txt', FTP_BANNER)
    ports = {'ftp': free_port()}
    write(tmp + '/vsftpd.conf', VSFTPD.format(tmp=tmp, ssl=ssl, extra=extra.format(tmp=tmp), **ports), 0o600)
    p = start([PROGRAMS['vsftpd'], tmp + '/vsftpd.conf'], tmp, ports.values())
    shown = ('ssl_enable=%s %s' % (ssl, extra.replace('{tmp}', '$TMP'))).strip()
    return p, ports, 'vsftpd $TMP/vsftpd.conf (%s)' % shown


def start_nnrpd(tmp, variant):
    """nnrpd as a standalone daemon, with a private inn.conf (its own run, database and overview dirs)."""
    tls, args = NNRPD_VARIANTS[variant]
    for d in ('run', 'db', 'ov'):
        os.makedirs(os.path.join(tmp, d), exist_ok=True)
    for f in ('active', 'active.times', 'newsgroups'):
        shutil.copy('/var/lib/news/' + f, os.path.join(tmp, 'db', f))
    conf = open('/etc/news/inn.conf').read()
    for key, value in (('pathrun', tmp + '/run'), ('pathdb', tmp + '/db'), ('pathoverview', tmp + '/ov'),
                       ('domain', 'localdomain')):
        conf = re.sub(r'(?m)^#?%s:.*$' % key, '%s: %s' % (key, value), conf)
    if tls:
        conf += 'tlscertfile: %s/cert.pem\ntlskeyfile: %s/key.pem\n' % (tmp, tmp)
    write(tmp + '/inn.conf', conf)
    write(tmp + '/readers.conf', READERS_CONF)
    subprocess.run(['chown', '-R', 'news:news', tmp], check=True, timeout=20)
    os.chmod(tmp + '/key.pem', 0o600)
    env = dict(os.environ, INNCONF=tmp + '/inn.conf')
    subprocess.run(['su', 'news', '-s', '/bin/sh', '-c', '/usr/lib/news/bin/makehistory -O -x -F'], env=env,
                   check=True, timeout=60, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # an empty overview
    ports = {'nntp': free_port()}
    argv = [PROGRAMS['nnrpd'], '-D', '-f', '-n', '-b', LO, '-p', str(ports['nntp']), '-c', tmp + '/readers.conf'] + args
    p = start(argv, tmp, ports.values(), env)
    shown = ' '.join(shlex.quote(a) for a in argv[1:]).replace(tmp, '$TMP').replace(' %d ' % ports['nntp'], ' $PORT ')
    return p, ports, 'INNCONF=$TMP/inn.conf nnrpd %s (%s)' % (shown, 'TLS certificate set' if tls else 'no TLS certificate')


STARTERS = {'dovecot': start_dovecot, 'vsftpd': start_vsftpd, 'nnrpd': start_nnrpd}


# ------------------------------------------------------------------------------------------------ the client
class Session:
    """One connection: everything the server sent, and the transcript (who said which line)."""

    def __init__(self, port):
        self.sock = socket.create_connection((LO, port), timeout=LIMIT, source_address=(CLIENT, 0))
        self.got, self.pos, self.transcript, self.end = bytearray(), 0, [], time.monotonic() + LIMIT

    def line(self):
        """The server's next line (without its line end), or None at the close or the time limit."""
        while b'\n' not in self.got[self.pos:]:
            self.sock.settimeout(max(0.01, self.end - time.monotonic()))
            try:
                b = self.sock.recv(65536)
            except (socket.timeout, OSError):
                b = b''
            if not b:
                return None
            self.got.extend(b)
        nl = self.got.index(b'\n', self.pos)
        text = bytes(self.got[self.pos:nl]).rstrip(b'\r').decode('utf-8', 'replace')
        self.pos = nl + 1
        self.transcript.append('S: ' + text)
        return text

    def send(self, command):
        self.transcript.append('C: ' + command)
        self.sock.sendall(command.encode('ascii') + b'\r\n')

    def close(self):
        self.sock.close()


def until(s, done):
    """Lines until done(line) is true; all of them (the last one included)."""
    lines = []
    while (line := s.line()) is not None:
        lines.append(line)
        if done(line):
            break
    return lines


def imap(s):
    greeting = s.line()
    if greeting is None or not greeting.upper().startswith('* OK'):
        return
    m = re.search(r'\[CAPABILITY ([^\]]*)\]', greeting, re.I)
    caps = m.group(1).upper().split() if m else []
    if not m:
        s.send('a CAPABILITY')
        for line in until(s, lambda l: l.startswith('a ')):
            if line.upper().startswith('* CAPABILITY '):
                caps += line[13:].upper().split()
    if 'STARTTLS' in caps:
        s.send('b STARTTLS')
        until(s, lambda l: l.startswith('b '))


def pop3(s):
    greeting = s.line()
    if greeting is None or not greeting.startswith('+OK'):
        return
    s.send('CAPA')
    first = s.line()
    caps = until(s, lambda l: l == '.') if first and first.startswith('+OK') else []
    if first and (first.startswith('-ERR') or 'STLS' in (c.upper() for c in caps)):
        s.send('STLS')
        s.line()


def ftp(s):
    reply = ftp_reply(s)
    if not reply or not reply[-1].startswith('220'):
        return
    s.send('FEAT')
    feat = ftp_reply(s)
    if feat and (not feat[-1].startswith('211') or any(l.strip().upper() == 'AUTH TLS' for l in feat)):
        s.send('AUTH TLS')
        ftp_reply(s)


def ftp_reply(s):
    first = s.line()
    if first is None or len(first) < 4 or first[3] != '-':
        return [first] if first else []
    return [first] + until(s, lambda l: l[:3] == first[:3] and l[3:4] in (' ', ''))


def nntp(s):
    greeting = s.line()
    if greeting is None or greeting[:3] not in ('200', '201'):
        return
    s.send('CAPABILITIES')
    first = s.line()
    caps = until(s, lambda l: l == '.') if first and first.startswith('101') else []
    if first and (not first.startswith('101') or 'STARTTLS' in (c.upper() for c in caps)):
        s.send('STARTTLS')
        s.line()


def sieve(s):
    lines = until(s, lambda l: not l.startswith('"'))
    if lines and lines[-1].upper().startswith('OK') and any(l.upper() == '"STARTTLS"' for l in lines):
        s.send('STARTTLS')
        s.line()


DIALOGUES = {'imap': imap, 'pop3': pop3, 'ftp': ftp, 'nntp': nntp, 'sieve': sieve}


# ------------------------------------------------------------------------------------------------ vector files
def write_vector(name, source, command, data, transcript):
    h = data.hex()
    lines = ['# scenario: ' + name, '# direction: server->client', '# source: %s on 127.0.0.1' % source,
             '# command: ' + command + '  ;  client: capture_prelude.py from 127.0.0.2 (%s dialogue)' % name.split('-')[0],
             '# captured: ' + datetime.date.today().isoformat()]
    lines += ['# %s %s' % (t[:2], json.dumps(t[3:])) for t in transcript]      # S: or C:, then the line as a JSON string
    with open(os.path.join(HERE, name + '.server.hex'), 'w') as f:
        f.write('\n'.join(lines + [h[i:i + 64] for i in range(0, len(h), 64)]) + '\n')
    print('%-28s %5d bytes, %d lines' % (name, len(data), len(transcript)))


def run(name, tmp):
    server, variant, protocol, second = SCENARIOS[name]
    make_cert(tmp)
    p, ports, command = STARTERS[server](tmp, variant)
    port = ports[protocol]
    held = None
    try:
        if second:                                       # hold a first connection open, greeted
            held = Session(port)
            held.line()
        s = Session(port)
        try:
            DIALOGUES[protocol](s)
            time.sleep(0.2)                              # nothing more should come; keep it if it does
            s.sock.setblocking(False)
            with contextlib.suppress(BlockingIOError, OSError):
                s.got.extend(s.sock.recv(65536))
        finally:
            s.close()
    finally:
        if held:
            held.close()
        stop(p)
    if not s.got:
        raise RuntimeError('the server said nothing')
    write_vector(name, versions(server), command + ('  ;  a first connection held open' if second else ''),
                 bytes(s.got), s.transcript)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--only', nargs='+', metavar='SCENARIO')
    ap.add_argument('--list', action='store_true')
    ap.add_argument('--no-netns', action='store_true', help='do not re-run inside a loopback-only network namespace')
    a = ap.parse_args()
    if a.list:
        for name, (server, variant, _, _) in SCENARIOS.items():
            print('%-28s %s (%s)' % (name, server, variant))
        return
    if set(a.only or []) - set(SCENARIOS):
        ap.error('unknown scenario(s): %s' % ' '.join(sorted(set(a.only) - set(SCENARIOS))))
    if not a.no_netns and os.environ.get('TLSWEEP_NETNS') != '1' and os.geteuid() == 0 and shutil.which('unshare'):
        os.environ['TLSWEEP_NETNS'] = '1'
        os.execvp('unshare', ['unshare', '--net', '--', sys.executable, os.path.abspath(__file__)] + sys.argv[1:])
    if os.environ.get('TLSWEEP_NETNS') == '1':
        subprocess.run(['ip', 'link', 'set', 'lo', 'up'], check=True, timeout=10)
    ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)   # PR_SET_CHILD_SUBREAPER: orphans come back to us
    failed = []
    for name in a.only or SCENARIOS:
        server = SCENARIOS[name][0]
        if not os.path.exists(PROGRAMS[server]):
            print('SKIP %s: %s is not installed (apt-get install -y %s)' % (name, PROGRAMS[server], PACKAGES[server]))
            failed.append(name)
            continue
        with tempfile.TemporaryDirectory(prefix='tlsweep-prelude-') as tmp:
            os.chmod(tmp, 0o755)                         # nnrpd and dovecot's login processes drop their privileges
            try:
                run(name, tmp)
            except (OSError, RuntimeError, subprocess.SubprocessError) as e:    # keep going; report at the end
                print('FAILED %s: %s' % (name, e))
                failed.append(name)
            finally:
                for p in PROCS:
                    stop(p)
                PROCS.clear()
    sys.exit(1 if failed else 0)


if __name__ == '__main__':
    main()
