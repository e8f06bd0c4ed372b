#!/usr/bin/env python3
"""Capture the prelude vectors (what is said before TLS) from real Debian servers on loopback.

    python3 capture.py [--only SCENARIO ...]     capture (all, or the named scenarios) and rewrite the .hex files

Servers: slapd (ldap), postgres (postgresql), mariadbd (mysql) and prosody (xmpp, xmpp-server), each started
here in the foreground on 127.0.0.1 (127.0.0.2 for one MariaDB scenario) at a free port, with a private config
and data dir in a temp dir and a certificate made by openssl for it; never the system service.  The script is
the client: it sends exactly the bytes tlsweep's codecs send, records every byte the server sends until the
prelude is over, and, where TLS may start, completes a TLS handshake to prove it.  As root it re-executes
itself inside a new network namespace that has nothing but loopback.  Every wait is bounded (LIMIT seconds) and
every process started is stopped by its own process group id at the end.  Standard library only.
"""
import argparse, contextlib, datetime, glob, os, shutil, signal, socket, ssl, struct, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
LIMIT = 10.0
PROCS = []
TODAY = datetime.date.today().isoformat()

# exactly what the codecs send (LdapCodec.START_TLS, PostgresCodec.SSL_REQUEST, XmppPrelude, XmppCodec.STARTTLS)
LDAP_STARTTLS = bytes.fromhex('301d02010177188016') + b'1.3.6.1.4.1.1466.20037'
PG_SSLREQUEST = struct.pack('>II', 8, 80877103)


def ber(tag, *parts):
    body = b''.join(parts)
    n = len(body)
    if n < 0x80:
        return bytes([tag, n]) + body
    k = (n.bit_length() + 7) // 8
    return bytes([tag, 0x80 | k]) + n.to_bytes(k, 'big') + body


# RootDseSearch.request(1): base search of "" for (objectClass=*), sizeLimit 1, timeLimit 10, two attributes
LDAP_ROOTDSE = ber(0x30, ber(0x02, b'\x01'), ber(0x63, ber(0x04), ber(0x0a, b'\x00'), ber(0x0a, b'\x00'),
                                                ber(0x02, b'\x01'), ber(0x02, b'\x0a'), ber(0x01, b'\x00'),
                                                ber(0x87, b'objectClass'),
                                                ber(0x30, ber(0x04, b'supportedSASLMechanisms'),
                                                    ber(0x04, b'supportedExtension'))))
LDAP_STARTTLS_2 = bytes.fromhex('301d02010277188016') + b'1.3.6.1.4.1.1466.20037'
XMPP_STARTTLS = b"<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>"


def xmpp_header(domain, server=False):
    to = "to='%s' " % domain if domain else ''
    ns = 'jabber:server' if server else 'jabber:client'
    db = " xmlns:db='jabber:server:dialback'" if server else ''
    return ("<?xml version='1.0'?><stream:stream %sversion='1.0' xmlns='%s'%s "
            "xmlns:stream='http://etherx.jabber.org/streams'>" % (to, ns, db)).encode()


def mysql_ssl_request(greeting):
    """The SSL request for a protocol-10 greeting payload, as InitialHandshake.sslRequest builds it."""
    nul = greeting.index(b'\0', 1)
    at = nul + 1 + 4 + 8 + 1
    caps = struct.unpack_from('<H', greeting, at)[0]
    charset = 33
    if at + 2 < len(greeting):
        charset = greeting[at + 2]
        caps |= struct.unpack_from('<H', greeting, at + 5)[0] << 16
    flags = 0x0800 | caps & (0x0200 | 0x0001 | 0x8000 | 0x80000)
    payload = struct.pack('<IIB', flags, 16 * 1024 * 1024, charset) + bytes(23)
    return struct.pack('<I', len(payload))[:3] + b'\x01' + payload


# ------------------------------------------------------------------------------------------------ processes, sockets
def start(cmd, log, user=None):
    p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=open(log, 'w'), stderr=subprocess.STDOUT,
                         start_new_session=True, user=user)
    PROCS.append(p)
    return p


def stop(p):
    """Terminate the process group this script created for p (by its id), then make sure it is gone."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(p.pid, sig)
        with contextlib.suppress(subprocess.TimeoutExpired):
            p.wait(5)
            return


def free_port(host='127.0.0.1'):
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def wait_port(p, port, host='127.0.0.1'):
    deadline = time.time() + LIMIT
    while time.time() < deadline:
        if p.poll() is not None:
            raise RuntimeError('%s exited with %s' % (p.args[0], p.returncode))
        with contextlib.suppress(OSError), socket.create_connection((host, port), timeout=1):
            return
        time.sleep(0.1)
    raise RuntimeError('%s did not listen on %s:%d within %ss' % (p.args[0], host, port, LIMIT))


def connect(port, host='127.0.0.1'):
    s = socket.socket()
    s.settimeout(LIMIT)
    s.bind((host, 0))
    s.connect((host, port))
    return s


def recv_until(s, done, quiet=None):
    """Reads until done(data), the server closes, LIMIT passes, or (quiet) no byte came for that long."""
    data = b''
    deadline = time.time() + LIMIT
    while not done(data) and time.time() < deadline:
        s.settimeout(min(quiet or LIMIT, max(0.05, deadline - time.time())))
        try:
            chunk = s.recv(65536)
        except socket.timeout:
            if quiet:
                break
            continue
        if not chunk:
            break
        data += chunk
    return data


def ber_complete(data):
    if len(data) < 2:
        return False
    n = data[1]
    if n < 0x80:
        return len(data) >= 2 + n
    k = n & 0x7f
    return len(data) >= 2 + k and len(data) >= 2 + k + int.from_bytes(data[2:2 + k], 'big')


def mysql_complete(data):
    return len(data) >= 4 and len(data) >= 4 + int.from_bytes(data[:3], 'little')


def tls(s):
    """A TLS handshake on the socket the prelude ran on: returns 'TLSv1.3 TLS_AES_256_GCM_SHA384'."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    t = ctx.wrap_socket(s, server_hostname='test.example')
    return t, '%s %s' % (t.version(), t.cipher()[0])


def make_cert(d, owner=None):
    subprocess.run(['openssl', 'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', d + '/key.pem', '-out',
                    d + '/cert.pem', '-days', '2', '-subj', '/CN=test.example', '-addext',
                    'subjectAltName=DNS:test.example'], check=True, capture_output=True, timeout=LIMIT)
    os.chmod(d + '/key.pem', 0o600)
    if owner:
        for f in ('key.pem', 'cert.pem'):
            shutil.chown(d + '/' + f, owner, owner)


def package(name):
    out = subprocess.run(['dpkg-query', '-W', '-f=${Version}', name], capture_output=True, text=True, timeout=LIMIT)
    return name + ' ' + (out.stdout.strip() or '(not installed)')


# ------------------------------------------------------------------------------------------------ vector files
def write(name, direction, data, source, command, contents):
    lines = ['# scenario: ' + name.rsplit('.', 1)[0], '# direction: ' + direction, '# source: ' + source,
             '# command: ' + command, '# captured: ' + TODAY, '# contents: ' + contents]
    hexed = data.hex()
    lines += [hexed[i:i + 64] for i in range(0, len(hexed), 64)]
    with open(os.path.join(HERE, name + '.hex'), 'w') as f:
        f.write('\n'.join(lines) + '\n')
    print('  %-40s %5d bytes  %s' % (name + '.hex', len(data), contents))


def pair(scenario, sent, got, source, command, contents):
    write(scenario + '.client', 'client->server', sent, source, command, 'what the client sent (tlsweep\'s codec'
          ' sends the same bytes)')
    write(scenario + '.server', 'server->client', got, source, command, contents)


# ------------------------------------------------------------------------------------------------ slapd
SLAPD_CONF = '''include /etc/ldap/schema/core.schema
pidfile {d}/slapd.pid
modulepath /usr/lib/ldap
moduleload back_mdb
{tls}database mdb
suffix "dc=test,dc=example"
directory {d}/db
'''


def slapd(d, with_tls):
    os.makedirs(d + '/db')
    make_cert(d)
    tls_conf = 'TLSCertificateFile {d}/cert.pem\nTLSCertificateKeyFile {d}/key.pem\n'.format(d=d) if with_tls else ''
    with open(d + '/slapd.conf', 'w') as f:
        f.write(SLAPD_CONF.format(d=d, tls=tls_conf))
    port = free_port()
    p = start(['/usr/sbin/slapd', '-d', '0', '-h', 'ldap://127.0.0.1:%d/' % port, '-f', d + '/slapd.conf'],
              d + '/slapd.log')
    wait_port(p, port)
    return p, port


def ldap(work):
    src = package('slapd') + ' (slapd -d 0, mdb, private slapd.conf) on 127.0.0.1'
    p, port = slapd(work + '/slapd-tls', True)
    with connect(port) as s:
        s.sendall(LDAP_STARTTLS)
        got = recv_until(s, ber_complete)
        t, shook = tls(s)
        pair('ldap-starttls', LDAP_STARTTLS, got, src, 'slapd -d 0 -h ldap://127.0.0.1:$PORT/ -f $DIR/slapd.conf'
             ' (TLSCertificateFile/TLSCertificateKeyFile set); client: StartTLS ExtendedRequest, message 1',
             'ExtendedResponse message 1, resultCode 0 success, no responseName; then a %s handshake' % shook)
        t.sendall(LDAP_STARTTLS)
        again = recv_until(t, ber_complete)
        pair('ldap-already-started', LDAP_STARTTLS, again, src, 'same server; client: StartTLS again, message 1'
             ' reused, inside the TLS session it started (bytes as decrypted)',
             'ExtendedResponse message 1, resultCode 1 operationsError, "TLS already started"')
    stop(p)
    p, port = slapd(work + '/slapd-plain', False)
    with connect(port) as s:
        s.sendall(LDAP_STARTTLS)
        got = recv_until(s, ber_complete)
        pair('ldap-not-supported', LDAP_STARTTLS, got, src, 'slapd -d 0 -h ldap://127.0.0.1:$PORT/ -f'
             ' $DIR/slapd.conf (no TLS settings); client: StartTLS ExtendedRequest, message 1',
             'ExtendedResponse message 1, resultCode 2 protocolError, "unsupported extended operation"')
    stop(p)


def ber_messages(data, count):
    """Whether data holds at least count whole BER elements."""
    at = 0
    for _ in range(count):
        rest = data[at:]
        if not ber_complete(rest):
            return False
        n = rest[1]
        at += 2 + n if n < 0x80 else 2 + (n & 0x7f) + int.from_bytes(rest[2:2 + (n & 0x7f)], 'big')
    return True


def ldap_rootdse(work):
    src = package('slapd') + ' (slapd -d 0, mdb, private slapd.conf) on 127.0.0.1'
    for scenario, with_tls, what in (('ldap-rootdse', True, 'then ExtendedResponse message 2, resultCode 0; then'
                                      ' a %s handshake'),
                                     ('ldap-rootdse-no-tls', False, 'then ExtendedResponse message 2, resultCode 2'
                                      ' protocolError%s')):
        p, port = slapd(work + '/' + scenario, with_tls)
        with connect(port) as s:
            s.sendall(LDAP_ROOTDSE)
            got = recv_until(s, lambda d: ber_messages(d, 2))
            s.sendall(LDAP_STARTTLS_2)
            got += recv_until(s, lambda d: ber_messages(d, 3))
            shook = tls(s)[1] if with_tls else ''
            pair(scenario, LDAP_ROOTDSE + LDAP_STARTTLS_2, got, src, 'slapd -d 0 -h ldap://127.0.0.1:$PORT/ -f'
                 ' $DIR/slapd.conf (%s); client: anonymous search of the root DSE for supportedSASLMechanisms and'
                 ' supportedExtension, message 1, then StartTLS, message 2' % ('TLS set' if with_tls else 'no TLS'),
                 'SearchResultEntry and SearchResultDone of message 1, ' + what % shook)
        stop(p)


# ------------------------------------------------------------------------------------------------ postgres
def postgres(work):
    d = work + '/pg'
    os.makedirs(d)
    shutil.chown(d, 'postgres', 'postgres')
    make_cert(d, 'postgres')
    bindir = os.path.dirname(sorted(glob.glob('/usr/lib/postgresql/*/bin/initdb'))[-1])
    subprocess.run([bindir + '/initdb', '-D', d + '/data', '-A', 'trust', '-U', 'postgres'], check=True,
                   capture_output=True, timeout=60, user='postgres')
    src = package('postgresql-15') + ' (postgres -D, private data dir) on 127.0.0.1'
    for ssl_on in (True, False):
        port = free_port()
        args = [bindir + '/postgres', '-D', d + '/data', '-k', d, '-p', str(port), '-c', 'listen_addresses=127.0.0.1']
        args += ['-c', 'ssl=on', '-c', 'ssl_cert_file=%s/cert.pem' % d, '-c', 'ssl_key_file=%s/key.pem' % d] \
            if ssl_on else ['-c', 'ssl=off']
        p = start(args, d + '/postgres.log', user='postgres')
        wait_port(p, port)
        cmd = 'postgres -D $DIR/data -k $DIR -p $PORT -c listen_addresses=127.0.0.1 ' + \
            ('-c ssl=on -c ssl_cert_file=$DIR/cert.pem -c ssl_key_file=$DIR/key.pem' if ssl_on else '-c ssl=off')
        with connect(port) as s:
            s.sendall(PG_SSLREQUEST)
            got = recv_until(s, lambda b: len(b) >= 1, quiet=1.0)
            if ssl_on:
                t, shook = tls(s)
                pair('postgres-ssl', PG_SSLREQUEST, got, src, cmd + '; client: SSLRequest',
                     "'S'; then a %s handshake" % shook)
                t.close()
            else:
                pair('postgres-no-ssl', PG_SSLREQUEST, got, src, cmd + '; client: SSLRequest', "'N'")
                s.sendall(PG_SSLREQUEST)
                again = recv_until(s, lambda b: b'\0\0' in b[5:], quiet=2.0)
                pair('postgres-error', PG_SSLREQUEST, again, src, cmd + '; client: SSLRequest, answered N, then a'
                     ' second SSLRequest on the same connection (the server no longer takes it for one: it answers as'
                     ' a server without TLS support does); only the answer to the second is stored',
                     "ErrorResponse 'E': S FATAL, V FATAL, C 0A000, M \"unsupported frontend protocol 1234.5679:"
                     " server supports 3.0 to 3.0\", F, L, R")
        stop(p)


# ------------------------------------------------------------------------------------------------ mariadb
def mariadb(work):
    d = work + '/mariadb'
    os.makedirs(d)
    make_cert(d, 'mysql')
    subprocess.run(['mariadb-install-db', '--no-defaults', '--datadir=' + d + '/data', '--user=mysql',
                    '--skip-test-db'], check=True, capture_output=True, timeout=120)
    shutil.chown(d, 'mysql', 'mysql')
    src = package('mariadb-server') + ' (mariadbd --no-defaults, private data dir) on {host}'
    base = 'mariadbd --no-defaults --datadir=$DIR/data --socket=$DIR/sock --port=$PORT --user=mysql --pid-file=$DIR/pid'
    runs = [  # scenario, host, extra options
        ('mysql-ssl', '127.0.0.1', ['--ssl-cert=%s/cert.pem' % d, '--ssl-key=%s/key.pem' % d]),
        ('mysql-no-ssl', '127.0.0.1', []),
        ('mysql-host-not-allowed', '127.0.0.2', ['--skip-name-resolve']),
    ]
    for scenario, host, extra in runs:
        port = free_port(host)
        p = start(['mariadbd', '--no-defaults', '--datadir=' + d + '/data', '--socket=' + d + '/sock',
                   '--port=%d' % port, '--bind-address=' + host, '--user=mysql', '--pid-file=' + d + '/pid']
                  + extra, d + '/' + scenario + '.log')
        wait_port(p, port, host)
        cmd = base + ' --bind-address=' + host + ''.join(' ' + e.replace(d, '$DIR') for e in extra)
        with connect(port, host) as s:
            got = recv_until(s, mysql_complete)
            if scenario == 'mysql-ssl':
                request = mysql_ssl_request(got[4:])
                s.sendall(request)
                t, shook = tls(s)
                pair(scenario, request, got, src.format(host=host), cmd + '; client: reads the greeting, sends the'
                     ' SSL request (sequence 1)', 'Initial Handshake v10, "5.5.5-10.11.19-MariaDB-0+deb12u1",'
                     ' capabilities with CLIENT_SSL, mysql_native_password; then a %s handshake' % shook)
                t.close()
            elif scenario == 'mysql-no-ssl':
                write(scenario + '.server', 'server->client', got, src.format(host=host), cmd + '; client: reads'
                      ' the greeting', 'Initial Handshake v10, capabilities without CLIENT_SSL (no --ssl-* options)')
            else:
                write(scenario + '.server', 'server->client', got, src.format(host=host), cmd + '; client: connects'
                      ' from 127.0.0.2 (not taken for localhost with --skip-name-resolve, and no account has that'
                      ' host)', 'error packet 0xFF, 1130, "Host \'127.0.0.2\' is not allowed to connect to this'
                      ' MariaDB server"')
        stop(p)


# ------------------------------------------------------------------------------------------------ prosody
PROSODY_CONF = '''run_as_root = true
daemonize = false
pidfile = "{d}/prosody.pid"
data_path = "{d}/data"
log = {{ {{ levels = {{ min = "info" }}, to = "console" }} }}
interfaces = {{ "127.0.0.1" }}
c2s_ports = {{ {c2s} }}
s2s_ports = {{ {s2s} }}
c2s_direct_tls_ports = {{}}
s2s_direct_tls_ports = {{}}
http_ports = {{}}
https_ports = {{}}
modules_enabled = {{ {tls_module}"saslauth", "disco", "roster", "ping", "register", "dialback" }}
modules_disabled = {{ "posix" }}
authentication = "internal_plain"
c2s_require_encryption = {required}
s2s_require_encryption = false
allow_unencrypted_plain_auth = {plain}
{tls}VirtualHost "test.example"
'''


def prosody(d, required, plain, with_tls):
    """Prosody with its own config; without TLS it has neither mod_tls nor a certificate (with mod_tls loaded,
    Prosody 0.12 offers STARTTLS even with no certificate configured)."""
    os.makedirs(d + '/data')
    if with_tls:
        make_cert(d)
    c2s, s2s = free_port(), free_port()
    tls_conf = 'ssl = {{ certificate = "{d}/cert.pem", key = "{d}/key.pem" }}\n'.format(d=d) if with_tls else ''
    with open(d + '/prosody.cfg.lua', 'w') as f:
        f.write(PROSODY_CONF.format(d=d, c2s=c2s, s2s=s2s, required=str(required).lower(), plain=str(plain).lower(),
                                    tls=tls_conf, tls_module='"tls", ' if with_tls else ''))
    p = start(['prosody', '--config', d + '/prosody.cfg.lua'], d + '/prosody.log')
    wait_port(p, c2s)
    wait_port(p, s2s)
    return p, c2s, s2s


def features_done(b):
    return b'</stream:features>' in b or b'</stream:stream>' in b


def answer_done(b):
    return b'/>' in b or b'</stream:stream>' in b


def xmpp_session(port, header, starttls=True, handshake=True):
    """Header, features, (STARTTLS, answer, handshake): the client's bytes, the server's bytes, the TLS summary."""
    with connect(port) as s:
        s.sendall(header)
        got = recv_until(s, features_done)
        sent = header
        shook = None
        if starttls and b'</stream:stream>' not in got:
            s.sendall(XMPP_STARTTLS)
            sent += XMPP_STARTTLS
            answer = recv_until(s, answer_done)
            got += answer
            if handshake and b'<proceed' in answer:
                t, shook = tls(s)
                t.close()
        return sent, got, shook


def xmpp(work):
    src = package('prosody') + ' (prosody --config, private config) on 127.0.0.1'
    cmd = 'prosody --config $DIR/prosody.cfg.lua (c2s_require_encryption = %s, allow_unencrypted_plain_auth = %s%s)'
    p, c2s, s2s = prosody(work + '/prosody-plain', False, True, True)
    sent, got, shook = xmpp_session(c2s, xmpp_header('test.example'))
    pair('xmpp-starttls-plain', sent, got, src, cmd % ('false', 'true', ', ssl set') + "; client: stream header to"
         " test.example, <starttls/>", 'stream header from test.example, version 1.0; features: SASL mechanisms'
         ' SCRAM-SHA-256, SCRAM-SHA-1, PLAIN and <starttls/> (not required); <proceed/>; then a %s handshake' % shook)
    sent, got, shook = xmpp_session(s2s, xmpp_header('test.example', server=True))
    pair('xmpp-server-starttls', sent, got, src, cmd % ('false', 'true', ', ssl set') + "; client: s2s stream"
         " header to test.example (jabber:server, xmlns:db), <starttls/>", 'stream header from test.example; features:'
         ' <starttls/>, <dialback/>; <proceed/>; then a %s handshake' % shook)
    sent, got, _ = xmpp_session(c2s, xmpp_header('other.example'))
    pair('xmpp-host-unknown', sent, got, src, cmd % ('false', 'true', ', ssl set') + "; client: stream header to"
         " other.example, which the server does not serve", 'stream header, then <stream:error> host-unknown with'
         ' text, </stream:stream>')
    sent, got, _ = xmpp_session(c2s, xmpp_header(None))
    pair('xmpp-no-to', sent, got, src, cmd % ('false', 'true', ', ssl set') + '; client: stream header without to=',
         "stream header, then <stream:error> improper-addressing, text \"A 'to' attribute is required on stream"
         " headers\", </stream:stream>")
    stop(p)
    p, c2s, _ = prosody(work + '/prosody-required', True, False, True)
    sent, got, shook = xmpp_session(c2s, xmpp_header('test.example'))
    pair('xmpp-starttls-required', sent, got, src, cmd % ('true', 'false', ', ssl set') + "; client: stream header"
         " to test.example, <starttls/>", 'features: <starttls> with <required/>, no SASL mechanisms; <proceed/>;'
         ' then a %s handshake' % shook)
    stop(p)
    p, c2s, _ = prosody(work + '/prosody-notls', False, True, False)
    sent, got, _ = xmpp_session(c2s, xmpp_header('test.example'), starttls=False)
    pair('xmpp-no-starttls', sent, got, src, cmd % ('false', 'true', ', no ssl, no certificate, no mod_tls') +
         '; client: stream header to test.example', 'features without <starttls/>: SASL mechanisms SCRAM-SHA-1,'
         ' PLAIN, SCRAM-SHA-256 offered on a server without TLS')
    stop(p)


def xmpp_failure(work):
    """Prosody answers <failure/> to a STARTTLS it cannot do: here, a second one, inside the TLS the first began."""
    src = package('prosody') + ' (prosody --config, private config) on 127.0.0.1'
    p, c2s, _ = prosody(work + '/prosody-failure', False, True, True)
    header = xmpp_header('test.example')
    with connect(c2s) as s:
        s.sendall(header)
        recv_until(s, features_done)
        s.sendall(XMPP_STARTTLS)
        recv_until(s, answer_done)
        t, _ = tls(s)
        t.sendall(header)
        recv_until(t, features_done)
        t.sendall(XMPP_STARTTLS)
        answer = recv_until(t, lambda b: b'</stream:stream>' in b)
    write('xmpp-failure.server', 'server->client', answer, src, 'prosody --config $DIR/prosody.cfg.lua'
          ' (c2s_require_encryption = false, ssl set); client: stream header, <starttls/>, <proceed/>, TLS, the stream'
          ' header again inside TLS, features, then <starttls/> again; only the answer to that is stored (as decrypted)',
          '<failure xmlns=\'urn:ietf:params:xml:ns:xmpp-tls\'/> then </stream:stream>')
    stop(p)


SCENARIOS = {'ldap': ldap, 'ldap-rootdse': ldap_rootdse, 'postgres': postgres, 'mysql': mariadb, 'xmpp': xmpp, 'xmpp-failure': xmpp_failure}
NEEDS = {'ldap': '/usr/sbin/slapd', 'ldap-rootdse': '/usr/sbin/slapd', 'postgres': '/usr/lib/postgresql', 'mysql': '/usr/sbin/mariadbd',
         'xmpp': '/usr/bin/prosody', 'xmpp-failure': '/usr/bin/prosody'}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--only', nargs='*', choices=sorted(SCENARIOS), help='capture only these protocols')
    ap.add_argument('--no-netns', action='store_true', help='do not re-run inside a loopback-only network namespace')
    a = ap.parse_args()
    if os.geteuid() != 0:
        sys.exit('run as root: the servers run as their Debian users (postgres, mysql), set up from here')
    if not a.no_netns and os.environ.get('TLSWEEP_NETNS') != '1' and shutil.which('unshare'):
        os.environ['TLSWEEP_NETNS'] = '1'
        os.execvp('unshare', ['unshare', '--net', '--', sys.executable, os.path.abspath(__file__)] + sys.argv[1:])
    if os.environ.get('TLSWEEP_NETNS') == '1':
        subprocess.run(['ip', 'link', 'set', 'lo', 'up'], check=True, timeout=LIMIT)
    failed = []
    with tempfile.TemporaryDirectory(prefix='tlsweep-prelude-') as work:
        os.chmod(work, 0o755)
        for name in a.only or sorted(SCENARIOS):
            if not os.path.exists(NEEDS[name]):
                print('SKIP %s: %s is missing (apt-get install -y slapd postgresql mariadb-server prosody)'
                      % (name, NEEDS[name]))
                failed.append(name)
                continue
            print(name)
            try:
                SCENARIOS[name](work)
            except (OSError, RuntimeError, subprocess.SubprocessError, ssl.SSLError) as e:
                print('FAILED %s: %s' % (name, e))
                failed.append(name)
            finally:
                for p in PROCS:
                    stop(p)
    sys.exit(1 if failed else 0)


if __name__ == '__main__':
    main()
