#!/usr/bin/env python3
"""Capture golden TLS byte vectors for tlsweep from real servers and clients on loopback.

    python3 capture.py [--only SCENARIO ...]     capture (all, or the named scenarios) and rewrite the .hex files
    python3 capture.py --verify                 parse every .hex file here (tlsdump.py) and print a summary of each

Servers are started here on 127.0.0.1 with throwaway keys made in a temp dir; clients talk to them through a
recording TCP proxy, or a recorded ClientHello is replayed.  As root the run re-executes itself inside a new
network namespace (`unshare --net`) that has nothing but loopback.  Each scenario is bounded in time
(LIMIT seconds) and every process started is killed afterwards.  Standard library only.
"""
import argparse, contextlib, datetime, os, select, shlex, shutil, signal, socket, subprocess, sys, tempfile, time

sys.dont_write_bytecode = True    # keep __pycache__ out of the test resources
from tlsdump import hello_complete, read_vector, summarize, verify_all   # the decoder that verifies vectors

HERE = os.path.dirname(os.path.abspath(__file__))
LO = '127.0.0.1'
LIMIT = 10.0                      # seconds per scenario (30 for the Java client, which compiles its source first)
PROCS = []                        # every process started, killed again by stop_all()

# ------------------------------------------------------------------------------------------------ scenarios
SRV = 'openssl s_server -accept 127.0.0.1:0 -naccept 1 -www '
CLI = 'openssl s_client -connect 127.0.0.1:{port} '
LEAF = '-cert {pki}/leaf.pem -key {pki}/leaf.key '
G3DES = 'NORMAL:-VERS-ALL:+VERS-TLS1.0:-KX-ALL:+RSA:-CIPHER-ALL:+3DES-CBC:-MAC-ALL:+SHA1'
TLS = {  # name: (server command, client command); {pki} = temp dir, {port} = server or proxy port
    'tls12-ecdhe-rsa': (SRV + '-tls1_2 -cipher ECDHE-RSA-AES128-GCM-SHA256 ' + LEAF + '-cert_chain {pki}/ca.pem',
                        CLI + '-tls1_2'),
    'tls12-dhe-rsa': (SRV + '-tls1_2 -cipher DHE-RSA-AES256-GCM-SHA384 -dhparam {pki}/dh2048.pem ' + LEAF,
                      CLI + '-tls1_2'),
    'tls12-ecdhe-ecdsa-p384': (SRV + '-tls1_2 -cipher ECDHE-ECDSA-AES256-GCM-SHA384 -groups P-384 '
                               '-cert {pki}/ec.pem -key {pki}/ec.key', CLI + '-tls1_2'),
    # OpenSSL 3.0.19 as shipped by Debian has no 3DES cipher suites at all, so this one is GnuTLS on both sides
    'tls10-rsa-3des': ('gnutls-serv --port {port} --http --disable-client-cert --x509certfile {pki}/leaf.pem '
                       '--x509keyfile {pki}/leaf.key --priority ' + G3DES,
                       'gnutls-cli --insecure --port {port} --priority ' + G3DES + ' 127.0.0.1'),
    'tls10-rsa-aes128': (SRV + '-tls1 -cipher AES128-SHA:@SECLEVEL=0 ' + LEAF, CLI + '-tls1 -cipher AES128-SHA:@SECLEVEL=0'),
    'tls11-ecdhe-rsa': (SRV + '-tls1_1 -cipher ECDHE-RSA-AES128-SHA:@SECLEVEL=0 ' + LEAF,
                        CLI + '-tls1_1 -cipher ECDHE-RSA-AES128-SHA:@SECLEVEL=0'),
    'tls13-aes128': (SRV + '-tls1_3 -ciphersuites TLS_AES_128_GCM_SHA256 -groups X25519 ' + LEAF, CLI.strip()),
    'tls13-hrr': (SRV + '-tls1_3 -groups P-256 ' + LEAF, CLI + '-groups X25519:P-256'),
    'alert-handshake-failure': (SRV + '-tls1_2 -cipher ECDHE-RSA-AES128-GCM-SHA256 ' + LEAF,
                                CLI + '-tls1_2 -cipher AES256-SHA256'),
    'alert-protocol-version': (SRV + '-tls1_3 ' + LEAF, CLI + '-tls1 -cipher ALL:@SECLEVEL=0'),
    'sni-unrecognized-name-warning': (SRV + '-tls1_2 -servername good.example ' + LEAF +
                                      '-cert2 {pki}/good.pem -key2 {pki}/good.key', CLI + '-tls1_2 -servername other.example'),
    'tls12-renegotiation-alpn': (SRV + '-tls1_2 -alpn h2,http/1.1 ' + LEAF, CLI + '-tls1_2 -alpn http/1.1'),
    # the client offers rsa_pkcs1_sha1 alone: a server that allows SHA-1 signs its ServerKeyExchange with it
    'tls12-sha1-signature': (SRV + '-tls1_2 -cipher ECDHE-RSA-AES128-GCM-SHA256:@SECLEVEL=0 ' + LEAF,
                             CLI + '-tls1_2 -sigalgs RSA+SHA1 -cipher ECDHE-RSA-AES128-GCM-SHA256:@SECLEVEL=0'),
    # a CBC suite with ALPN: the ServerHello echoes encrypt_then_mac, extended_master_secret, session_ticket, alpn
    'tls12-cbc-features': (SRV + '-tls1_2 -cipher ECDHE-RSA-AES128-SHA256 -alpn h2,http/1.1 ' + LEAF,
                           CLI + '-tls1_2 -alpn h2,http/1.1 -cipher ECDHE-RSA-AES128-SHA256'),
}
RAW = {  # name: (server command, seconds to wait for a greeting before the ClientHello is sent)
    'http-400': ('nginx -p {pki} -e {pki}/nginx-error.log -c {pki}/nginx.conf', 0.5),
    'http-400-python': ('python3 -m http.server --bind 127.0.0.1 --directory {pki} {port}', 0.5),
    'ssh-banner': ('/usr/sbin/sshd -D -e -f /dev/null -h {pki}/ssh_host_ed25519_key -p {port} '
                   '-o ListenAddress=127.0.0.1 -o PidFile=none', 2.0),
    'smtp-banner': ('python3 -W ignore -m smtpd -n -c DebuggingServer 127.0.0.1:{port}', 2.0),
}
NGINX_CONF = '''daemon off; master_process off; worker_processes 1; pid {pki}/nginx.pid; error_log {pki}/nginx-error.log;
events { worker_connections 16; }
http { access_log off; client_body_temp_path {pki}/ngx-body; proxy_temp_path {pki}/ngx-proxy;
  fastcgi_temp_path {pki}/ngx-fcgi; uwsgi_temp_path {pki}/ngx-uwsgi; scgi_temp_path {pki}/ngx-scgi;
  server { listen 127.0.0.1:{port}; location / { return 200 "ok"; } } }
'''
JAVA_SRC = '''import javax.net.ssl.*; import java.util.List;
public class JavaHello { public static void main(String[] a) throws Exception {
  SSLSocket s = (SSLSocket) SSLSocketFactory.getDefault().createSocket("127.0.0.1", Integer.parseInt(a[0]));
  SSLParameters p = s.getSSLParameters(); p.setServerNames(List.of(new SNIHostName("test.example")));
  s.setSSLParameters(p); s.setSoTimeout(5000);
  try { s.startHandshake(); } catch (Exception e) { System.out.println(e); } finally { s.close(); } } }
'''
HELLOS = {  # name: client command; a listener keeps its first ClientHello and closes
    'openssl-default': CLI.strip(),
    'openssl-tls12': CLI + '-tls1_2',
    'openssl-alpn-tds8': CLI + '-tls1_2 -alpn tds/8.0',  # TDS 8.0 strict encryption's ALPN, as a client sends it
    'openssl-tls10': CLI + '-tls1 -cipher ALL:@SECLEVEL=0',
    'python-ssl': 'python3 -c "import socket,ssl; ssl.create_default_context().wrap_socket(socket.create_connection('
                  "('127.0.0.1',{port}),timeout=5),server_hostname='test.example')\"",
    'java17': 'java {pki}/JavaHello.java {port}',
    'curl': 'curl -sk --max-time 5 --resolve test.example:{port}:127.0.0.1 https://test.example:{port}/',
    'gnutls-cli': 'gnutls-cli --insecure --sni-hostname test.example --port {port} 127.0.0.1',
}
VERSION_CMD = {'openssl': 'openssl version', 'gnutls-serv': 'gnutls-serv --version', 'gnutls-cli': 'gnutls-cli --version',
               'java': 'java -version', 'nginx': 'nginx -v', 'curl': 'curl --version', 'python3': 'python3 --version',
               '/usr/sbin/sshd': 'dpkg-query -W -f=openssh-server_${Version} openssh-server'}


def source(cmd):
    """'openssl s_server (OpenSSL 3.0.19 ...)': the program, its mode, and its exact version line."""
    argv = shlex.split(cmd)
    r = subprocess.run(shlex.split(VERSION_CMD[argv[0]]), capture_output=True, text=True, timeout=20)
    name = ' '.join(argv[:2] if argv[0] == 'openssl' else argv[:3] if argv[1] == '-m' else
                    argv[:4:3] if argv[1] == '-W' else ['python3 ssl module'] if argv[1] == '-c' else argv[:1])
    return '%s (%s) on 127.0.0.1' % (name, ' '.join((r.stdout or r.stderr).splitlines()[0].split()))


def shown(cmd):
    return cmd.replace('{pki}', '$PKI').replace('{port}', '$PORT')


# ------------------------------------------------------------------------------------------------ processes, sockets
def start(cmd, logpath):
    p = subprocess.Popen(shlex.split(cmd), stdin=subprocess.DEVNULL, stdout=open(logpath, 'w'),
                         stderr=subprocess.STDOUT, start_new_session=True)
    PROCS.append(p)
    return p


def stop(p):
    """Terminate the process group this script created for p (by its id), then make sure it is gone."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(p.pid, sig)
        with contextlib.suppress(subprocess.TimeoutExpired):
            p.wait(3)
            return


def stop_all():
    for p in PROCS:
        stop(p)


def listening(port):
    for f in ('/proc/net/tcp', '/proc/net/tcp6'):       # read from /proc: no probe connection is made
        for line in open(f).readlines()[1:]:
            cols = line.split()
            if cols[3] == '0A' and int(cols[1].rsplit(':', 1)[1], 16) == port:
                return True
    return False


def start_server(cmd, pki, name):
    """Start a server on 127.0.0.1 and wait (bounded) until it listens; return (process, port)."""
    log, end = os.path.join(pki, name + '.log'), time.monotonic() + LIMIT
    if '-accept 127.0.0.1:0' in cmd:                     # s_server picks the port and prints "ACCEPT 127.0.0.1:PORT"
        p, port = start(cmd.format(pki=pki), log), None
    else:
        with socket.socket() as s:
            s.bind((LO, 0))
            port = s.getsockname()[1]
        if 'nginx.conf' in cmd:                          # nginx takes its port from its config file
            with open(os.path.join(pki, 'nginx.conf'), 'w') as f:
                f.write(NGINX_CONF.replace('{pki}', pki).replace('{port}', str(port)))
        p = start(cmd.format(pki=pki, port=port), log)
    while time.monotonic() < end and p.poll() is None:
        if port is None:
            port = next((int(l.rsplit(':', 1)[1]) for l in open(log) if l.startswith('ACCEPT ')), None)
        if port is not None and listening(port):
            return p, port
        time.sleep(0.05)
    stop(p)
    raise RuntimeError('server did not start: %s (see %s)' % (cmd, open(log).read()[-300:]))


def relay(c, s, events, end):
    """Forward both ways until both sides closed or the deadline; record (direction, bytes) per read."""
    peer, live = {c: (s, 'c2s'), s: (c, 's2c')}, {c, s}
    while live and time.monotonic() < end:
        for sock in select.select(list(live), [], [], max(0.0, end - time.monotonic()))[0]:
            other, d = peer[sock]
            try:
                data = sock.recv(65536)
            except OSError:
                data = b''
            with contextlib.suppress(OSError):
                if data:
                    events.append((d, data))
                    other.sendall(data)
                else:
                    live.discard(sock)
                    other.shutdown(socket.SHUT_WR)


def with_client(client_cmd, pki, limit, handle):
    """Listen on 127.0.0.1, start the client against it, run handle(conn, deadline) on its connection."""
    end = time.monotonic() + limit
    with socket.create_server((LO, 0)) as ls:
        ls.settimeout(limit)
        client = start(client_cmd.format(pki=pki, port=ls.getsockname()[1]), os.path.join(pki, 'client.log'))
        try:
            c, _ = ls.accept()
            with c:
                return handle(c, end)
        finally:
            stop(client)


def proxy_capture(upstream_port, client_cmd, pki):
    """Run the client through a recording proxy; return (client's first bytes, server's first flight).

    The client's first flight is what it sent before the server's first byte; the server's is everything it sent
    before the client's next byte (for TLS <= 1.2 that ends with ServerHelloDone, for TLS 1.3 with the encrypted
    Finished, for a HelloRetryRequest with the CCS before the second ClientHello, for an alert at the close)."""
    def handle(c, end):
        events = []
        with socket.create_connection((LO, upstream_port), timeout=LIMIT) as s:
            relay(c, s, events, end)
        return events
    events, i, cli, srv = with_client(client_cmd, pki, LIMIT, handle), 0, b'', b''
    while i < len(events) and events[i][0] == 'c2s':
        cli += events[i][1]; i += 1
    while i < len(events) and events[i][0] == 's2c':
        srv += events[i][1]; i += 1
    return cli, srv


def hello_listener(client_cmd, pki, limit):
    """Accept one connection, read one complete ClientHello (possibly in several records), close."""
    def handle(c, end):
        data = b''
        while not hello_complete(data) and select.select([c], [], [], max(0.0, end - time.monotonic()))[0]:
            b = c.recv(65536)
            if not b:
                break
            data += b
        return data
    return with_client(client_cmd, pki, limit, handle)


def raw_probe(port, hello, greet_wait):
    """Connect, take any greeting, send the ClientHello, read to the close (half-closing if the server waits)."""
    got, steps, end = bytearray(), [], time.monotonic() + LIMIT
    s = socket.create_connection((LO, port), timeout=LIMIT)

    def pump(idle):                                       # read until idle for `idle` s; True at the peer's close
        while time.monotonic() < end:
            if not select.select([s], [], [], min(idle, max(0.0, end - time.monotonic())))[0]:
                return False
            try:
                b = s.recv(65536)
            except OSError:
                return True
            if not b:
                return True
            got.extend(b)
        return False
    eof = pump(greet_wait)
    steps.append('%d bytes on connect' % len(got))
    if not eof:
        n = len(got)
        s.sendall(hello)
        eof = pump(3.0)
        steps.append('%d bytes after ClientHello' % (len(got) - n))
        if not eof:
            n = len(got)
            s.shutdown(socket.SHUT_WR)
            eof = pump(3.0)
            steps.append('client half-closed after 3 s idle, then %d bytes' % (len(got) - n))
    steps.append('server closed' if eof else 'client closed at time limit')
    s.close()
    return bytes(got), '; '.join(steps)


# ------------------------------------------------------------------------------------------------ throwaway PKI
def make_pki(d):
    def sh(cmd):
        subprocess.run(shlex.split(cmd.format(d=d)), check=True, timeout=60,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    rsa = 'openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out {d}/%s.key'
    sh(rsa % 'ca')
    sh('openssl req -x509 -new -key {d}/ca.key -sha256 -days 3650 -subj /CN=tlsweep-test-CA -out {d}/ca.pem')
    with open(os.path.join(d, 'leaf.ext'), 'w') as f:
        f.write('basicConstraints=CA:FALSE\nsubjectAltName=DNS:test.example\n')
    sh(rsa % 'leaf')
    sh('openssl req -new -key {d}/leaf.key -subj /CN=test.example -out {d}/leaf.csr')
    sh('openssl x509 -req -in {d}/leaf.csr -CA {d}/ca.pem -CAkey {d}/ca.key -CAcreateserial -sha256 -days 825 '
       '-extfile {d}/leaf.ext -out {d}/leaf.pem')
    sh(rsa % 'good')
    sh('openssl req -x509 -new -key {d}/good.key -sha256 -days 825 -subj /CN=good.example '
       '-addext subjectAltName=DNS:good.example -out {d}/good.pem')
    sh('openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out {d}/ec.key')
    sh('openssl req -x509 -new -key {d}/ec.key -sha256 -days 825 -subj /CN=test.example '
       '-addext subjectAltName=DNS:test.example -out {d}/ec.pem')
    sh('openssl genpkey -genparam -algorithm DH -pkeyopt group:ffdhe2048 -out {d}/dh2048.pem')
    if shutil.which('ssh-keygen'):
        sh("ssh-keygen -q -t ed25519 -N '' -C tlsweep-test -f {d}/ssh_host_ed25519_key")
    with open(os.path.join(d, 'JavaHello.java'), 'w') as f:
        f.write(JAVA_SRC)


# ------------------------------------------------------------------------------------------------ vector files
def write_vector(name, scenario, direction, src, command, data):
    contents, h = summarize(data), data.hex()
    lines = ['# scenario: ' + scenario, '# direction: ' + direction, '# source: ' + src, '# command: ' + command,
             '# captured: ' + datetime.date.today().isoformat(), '# contents: ' + contents]
    with open(os.path.join(HERE, name), 'w') as f:
        f.write('\n'.join(lines + [h[i:i + 64] for i in range(0, len(h), 64)]) + '\n')
    print('%-42s %5d bytes  %s' % (name, len(data), contents))


# ------------------------------------------------------------------------------------------------ scenario runners
def run_tls(name, pki):
    scmd, ccmd = TLS[name]
    server, port = start_server(scmd, pki, name)
    try:
        cli, srv = proxy_capture(port, ccmd, pki)
    finally:
        stop(server)
    if not cli or not srv:
        raise RuntimeError('nothing captured (client %d, server %d bytes)' % (len(cli), len(srv)))
    both = shown(scmd).replace('127.0.0.1:0 ', '127.0.0.1:0 (ephemeral) ') + '  ;  client: ' + shown(ccmd)
    write_vector(name + '.server.hex', name, 'server->client', source(scmd), both, srv)
    write_vector(name + '.client.hex', name, 'client->server', source(ccmd), both, cli)


def run_raw(name, pki):
    scmd, greet = RAW[name]
    hello_file = os.path.join(HERE, 'tls12-ecdhe-rsa.client.hex')
    if not os.path.exists(hello_file):
        run_tls('tls12-ecdhe-rsa', pki)
    if name == 'ssh-banner':
        os.makedirs('/run/sshd', mode=0o755, exist_ok=True)     # sshd refuses to start without this directory
    server, port = start_server(scmd, pki, name)
    try:
        data, steps = raw_probe(port, read_vector(hello_file), greet)
    finally:
        stop(server)
    write_vector(name + '.server.hex', name, 'server->client', source(scmd), shown(scmd) + '  ;  client: replayed '
                 'ClientHello from tls12-ecdhe-rsa.client.hex (capture.py raw_probe, greeting wait %.1f s): %s'
                 % (greet, steps), data)


def run_hello(name, pki):
    cmd = HELLOS[name]
    data = hello_listener(cmd, pki, 30.0 if name == 'java17' else LIMIT)
    if not hello_complete(data):
        raise RuntimeError('no complete ClientHello (%d bytes)' % len(data))
    write_vector('client-%s.client.hex' % name, 'client-' + name, 'client->server', source(cmd),
                 'capture.py recording listener on 127.0.0.1 (keeps the first ClientHello, then closes)  ;  client: '
                 + shown(cmd) + ('  (JavaHello.java = JAVA_SRC in capture.py)' if name == 'java17' else ''), data)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--only', nargs='+', metavar='SCENARIO', help='e.g. tls13-hrr ssh-banner client-curl')
    ap.add_argument('--verify', action='store_true', help='parse and summarize the existing .hex files, capture nothing')
    ap.add_argument('--no-netns', action='store_true', help='do not re-run inside a loopback-only network namespace')
    a = ap.parse_args()
    if a.verify:
        sys.exit(0 if verify_all() else 1)
    jobs = {**{n: (run_tls, n, TLS[n]) for n in TLS}, **{n: (run_raw, n, RAW[n][:1]) for n in RAW},
            **{'client-' + n: (run_hello, n, (HELLOS[n],)) for n in HELLOS}}
    if set(a.only or []) - set(jobs):
        ap.error('unknown scenario(s): %s; known: %s' % (' '.join(set(a.only) - set(jobs)), ' '.join(jobs)))
    if not a.no_netns and os.environ.get('TLSWEEP_NETNS') != '1' and os.geteuid() == 0 and shutil.which('unshare'):
        os.environ['TLSWEEP_NETNS'] = '1'
        os.execvp('unshare', ['unshare', '--net', '--', sys.executable, os.path.abspath(__file__)] + sys.argv[1:])
    netns = os.environ.get('TLSWEEP_NETNS') == '1'
    if netns:
        subprocess.run(['ip', 'link', 'set', 'lo', 'up'], check=True, timeout=10)
    failed = []
    with tempfile.TemporaryDirectory(prefix='tlsweep-pki-') as pki:
        make_pki(pki)
        try:
            for key, (fn, arg, cmds) in jobs.items():
                missing = [c for c in cmds if not shutil.which(shlex.split(c)[0])]
                if a.only and key not in a.only:
                    continue
                if missing or (key == 'tls10-rsa-3des' and not netns):   # gnutls-serv can only bind the wildcard
                    print('SKIP %s: %s' % (key, 'needs the loopback-only netns' if not missing else
                                           shlex.split(missing[0])[0] + ' is not installed')); failed.append(key)
                    continue
                try:
                    fn(arg, pki)
                except Exception as e:                       # keep going; report at the end
                    print('FAILED %s: %s' % (key, e)); failed.append(key)
        finally:
            stop_all()
    sys.exit(1 if failed else 0)


if __name__ == '__main__':
    main()
