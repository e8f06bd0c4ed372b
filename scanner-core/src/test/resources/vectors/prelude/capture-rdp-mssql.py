#!/usr/bin/env python3
"""Capture the RDP and SQL Server (TDS) prelude vectors of tlsweep on loopback (see README.rdp-mssql.md).

    python3 capture-rdp-mssql.py            rewrite every rdp-*.hex and mssql-freetds-*.hex file here

RDP: Debian's xrdp runs in the foreground on 127.0.0.1 with a private xrdp.ini and a throwaway certificate in
a temp dir, once per security_layer; each capture sends one X.224 Connection Request with an RDP_NEG_REQ and
records every byte xrdp sends until it closes. SQL Server: no server is packaged for Debian, so a listener here
records the PRELOGIN packet that FreeTDS's tsql sends, then closes. Every process started is stopped by its
own handle; every wait is bounded.  Standard library only.
"""
import datetime, os, socket, subprocess, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
LO = '127.0.0.1'
LIMIT = 10.0
SSL, HYBRID, RDSTLS, HYBRID_EX = 0x1, 0x2, 0x4, 0x8
TODAY = datetime.date.today().isoformat()

RDP = {  # name: (xrdp security_layer, requestedProtocols)
    'rdp-xrdp-tls-ssl-hybrid-hybridex': ('tls', SSL | HYBRID | HYBRID_EX),
    'rdp-xrdp-tls-all-four': ('tls', SSL | HYBRID | RDSTLS | HYBRID_EX),
    'rdp-xrdp-tls-standard-only': ('tls', 0),
    'rdp-xrdp-tls-hybrid-alone': ('tls', HYBRID),
    'rdp-xrdp-rdp-ssl-hybrid-hybridex': ('rdp', SSL | HYBRID | HYBRID_EX),
    'rdp-xrdp-rdp-standard-only': ('rdp', 0),
    'rdp-xrdp-negotiate-ssl-hybrid-hybridex': ('negotiate', SSL | HYBRID | HYBRID_EX),
    # one set per connection, as the check rdp-accepts asks
    'rdp-xrdp-tls-ssl-alone': ('tls', SSL),
    'rdp-xrdp-tls-hybrid-hybridex': ('tls', HYBRID | HYBRID_EX),
    'rdp-xrdp-tls-rdstls-alone': ('tls', RDSTLS),
    'rdp-xrdp-rdp-ssl-alone': ('rdp', SSL),
    'rdp-xrdp-rdp-hybrid-alone': ('rdp', HYBRID),
    'rdp-xrdp-rdp-hybrid-hybridex': ('rdp', HYBRID | HYBRID_EX),
    'rdp-xrdp-rdp-rdstls-alone': ('rdp', RDSTLS),
}
FREETDS = {  # name: the [global] encryption setting of a private freetds.conf (None: no freetds.conf)
    'mssql-freetds-default': None,
    'mssql-freetds-require': 'require',
    'mssql-freetds-off': 'off',
}


def connection_request(protocols):
    """TPKT + X.224 CR TPDU (no cookie) + RDP_NEG_REQ ([MS-RDPBCGR] 2.2.1.1)."""
    neg = bytes([0x01, 0x00, 0x08, 0x00]) + protocols.to_bytes(4, 'little')
    tpdu = bytes([0xE0, 0, 0, 0, 0, 0]) + neg
    x224 = bytes([len(tpdu)]) + tpdu
    return bytes([3, 0]) + (4 + len(x224)).to_bytes(2, 'big') + x224


def free_port():
    with socket.socket() as s:
        s.bind((LO, 0))
        return s.getsockname()[1]


def write(name, direction, source, command, contents, data):
    lines = [f'# scenario: {name}', f'# direction: {direction}', f'# source: {source}', f'# command: {command}',
             f'# captured: {TODAY}', f'# contents: {contents}']
    lines += [data[i:i + 32].hex() for i in range(0, len(data), 32)]
    side = 'server' if direction.startswith('server') else 'client'
    with open(os.path.join(HERE, f'{name}.{side}.hex'), 'w') as f:
        f.write('\n'.join(lines) + '\n')
    print(f'{name}: {len(data)} bytes')


def version(cmd):
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=LIMIT)
    return (out.stdout + out.stderr).strip().splitlines()[0].strip()


def read_until_close(sock):
    data, deadline = b'', time.monotonic() + LIMIT
    while time.monotonic() < deadline:
        try:
            chunk = sock.recv(4096)
        except socket.timeout:
            break
        if not chunk:
            break
        data += chunk
    return data


def capture_rdp(tmp):
    subprocess.run(['openssl', 'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', f'{tmp}/key.pem',
                    '-out', f'{tmp}/cert.pem', '-days', '2', '-subj', '/CN=xrdp.test'], check=True,
                   capture_output=True, timeout=LIMIT)
    source = f'xrdp {version(["xrdp", "--version"]).split()[-1]} (Debian xrdp 0.9.21.1-1+deb12u3) on {LO}'
    for layer in ('tls', 'rdp', 'negotiate'):
        port = free_port()
        ini = f'{tmp}/xrdp-{layer}.ini'
        with open(ini, 'w') as f:
            f.write(f'[Globals]\nini_version=1\nfork=false\nport=tcp://{LO}:{port}\nsecurity_layer={layer}\n'
                    f'crypt_level=high\ncertificate={tmp}/cert.pem\nkey_file={tmp}/key.pem\n'
                    f'ssl_protocols=TLSv1.2, TLSv1.3\n[Logging]\nLogFile={tmp}/xrdp-{layer}.log\nLogLevel=INFO\n'
                    'EnableSyslog=false\nEnableConsole=false\n')
        server = subprocess.Popen(['xrdp', '--nodaemon', '--config', ini], stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
        try:
            wait_listening(port)
            for name, (want, protocols) in RDP.items():
                if want != layer:
                    continue
                request = connection_request(protocols)
                with socket.create_connection((LO, port), timeout=LIMIT) as s:
                    s.settimeout(2.0)
                    s.sendall(request)
                    reply = read_until_close(s)
                command = (f'xrdp --nodaemon --config xrdp.ini (security_layer={layer}, port={port}); '
                           f'client: one X.224 Connection Request {request.hex()} (requestedProtocols '
                           f'0x{protocols:08x}), then read until xrdp closed or 2 s of silence')
                write(name, 'server->client', source, command, 'everything xrdp sent', reply)
        finally:
            server.terminate()
            server.wait(timeout=LIMIT)


def wait_listening(port):
    deadline = time.monotonic() + LIMIT
    while time.monotonic() < deadline:
        try:
            socket.create_connection((LO, port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f'nothing listens on {LO}:{port} after {LIMIT} s')


def capture_freetds(tmp):
    tsql = [line for line in subprocess.run(['tsql', '-C'], capture_output=True, text=True, timeout=LIMIT)
            .stdout.splitlines() if line.strip().startswith('Version:')][0].split(':', 1)[1].strip()
    source = f'FreeTDS tsql ({tsql}, Debian freetds-bin 1.3.17+ds-2) on {LO}'
    for name, encryption in FREETDS.items():
        env = dict(os.environ)
        conf = 'none'
        if encryption:
            conf = f'{tmp}/freetds-{encryption}.conf'
            with open(conf, 'w') as f:
                f.write(f'[global]\n\tencryption = {encryption}\n')
            env['FREETDSCONF'] = conf
        with socket.socket() as listener:
            listener.bind((LO, 0))
            listener.listen(1)
            listener.settimeout(LIMIT)
            port = listener.getsockname()[1]
            client = subprocess.Popen(['tsql', '-H', LO, '-p', str(port), '-U', 'x', '-P', 'y'], env=env,
                                      stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            try:
                conn, _ = listener.accept()
                with conn:
                    conn.settimeout(LIMIT)
                    data = b''
                    while len(data) < 8 or len(data) < int.from_bytes(data[2:4], 'big'):
                        chunk = conn.recv(4096)
                        if not chunk:
                            break
                        data += chunk
            finally:
                client.kill()
                client.wait(timeout=LIMIT)
        command = (f'listener on {LO}:{port} that reads one TDS packet and closes; client: tsql -H {LO} -p {port} '
                   f'-U x -P y, FREETDSCONF={os.path.basename(conf)} (encryption = {encryption or "default"})')
        write(name, 'client->server', source, command, 'the PRELOGIN packet FreeTDS sent first', data)


def main():
    with tempfile.TemporaryDirectory(prefix='tlsweep-rdp-mssql-') as tmp:
        capture_rdp(tmp)
        capture_freetds(tmp)


if __name__ == '__main__':
    main()
