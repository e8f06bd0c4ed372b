#!/usr/bin/env python3
"""Capture what real servers answer to the records tlsweep's active checks send after the first flight.

    python3 capture_followups.py [--only SCENARIO ...]

For each scenario a real server (openssl s_server, gnutls-serv) is started on 127.0.0.1 with the throwaway keys of
../capture.py, a ClientHello built here is sent, the server's first flight is read up to ServerHelloDone, the
follow-up records are sent, and everything the server sends until it closes (or LIMIT seconds of silence) is
kept. The .hex file holds the server's bytes, flight and answer, in the format of ../README.md, with two more
comment lines: the hello and the follow-up records sent (hex). As root the run re-executes itself in a
loopback-only network namespace (gnutls-serv binds the wildcard address). Standard library only.
"""
import argparse, datetime, os, select, shlex, shutil, socket, struct, subprocess, sys, tempfile, time

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import capture                                      # noqa: E402  (its processes, PKI and version lines)
from tlsdump import summarize                       # noqa: E402

LIMIT = 3.0                                         # seconds of silence that end an answer
SRV = capture.SRV + capture.LEAF
GNUTLS = ('gnutls-serv --port {port} --echo --disable-client-cert --x509certfile {pki}/leaf.pem '
          '--x509keyfile {pki}/leaf.key ')
SUITES12 = [0xC02F, 0xC030, 0x009C, 0x002F]


def record(ct, version, body):
    return struct.pack('>BHH', ct, version, len(body)) + body


def ext(t, body):
    return struct.pack('>HH', t, len(body)) + body


def client_hello(version, suites, heartbeat):
    """A plain ClientHello of `version` (no supported_versions), with the heartbeat extension if asked."""
    es = ext(10, bytes.fromhex('0004001d0017')) + ext(11, b'\x01\x00') \
        + ext(13, bytes.fromhex('000c040308040401050106010201')) + ext(0xff01, b'\x00')
    if heartbeat:
        es += ext(15, b'\x01')                      # RFC 6520: peer_allowed_to_send
    cs = b''.join(struct.pack('>H', s) for s in suites)
    body = struct.pack('>H', version) + os.urandom(32) + b'\x00' + struct.pack('>H', len(cs)) + cs + b'\x01\x00' \
        + struct.pack('>H', len(es)) + es
    return record(22, 0x0301, struct.pack('>B', 1) + len(body).to_bytes(3, 'big') + body)


HEARTBLEED = record(24, 0x0303, bytes.fromhex('014000'))                # 3 bytes claiming a 16,384-byte payload
EARLY_CCS = record(20, 0x0303, b'\x01') * 2                             # two ChangeCipherSpec before the key exchange
SCENARIOS = {  # name: (server command, hello, follow-up records or b'' for none)
    'heartbeat-openssl': (SRV + '-tls1_2', client_hello(0x0303, SUITES12, True), HEARTBLEED),
    'heartbeat-gnutls': (GNUTLS + '--priority NORMAL:-VERS-ALL:+VERS-TLS1.2', client_hello(0x0303, SUITES12, True),
                         HEARTBLEED),
    'heartbeat-gnutls-negotiated': (GNUTLS + '--heartbeat --priority NORMAL:-VERS-ALL:+VERS-TLS1.2',
                                    client_hello(0x0303, SUITES12, True), HEARTBLEED),
    'early-ccs-openssl': (SRV + '-tls1_2', client_hello(0x0303, SUITES12, False), EARLY_CCS),
    'early-ccs-gnutls': (GNUTLS + '--priority NORMAL:-VERS-ALL:+VERS-TLS1.2', client_hello(0x0303, SUITES12, False),
                         EARLY_CCS),
    'fallback-openssl': (SRV.strip(), client_hello(0x0303, SUITES12 + [0x5600], False), b''),
    'fallback-gnutls': (GNUTLS + '--priority NORMAL', client_hello(0x0303, SUITES12 + [0x5600], False), b''),
}


def flight_done(data):
    """Whether `data` holds a whole ServerHelloDone (or an alert): walk the records and their messages."""
    i, hs = 0, b''
    while i + 5 <= len(data):
        ct, n = data[i], int.from_bytes(data[i + 3:i + 5], 'big')
        if i + 5 + n > len(data):
            return False
        if ct == 21:
            return True
        if ct == 22:
            hs += data[i + 5:i + 5 + n]
        i += 5 + n
    j = 0
    while j + 4 <= len(hs):
        if hs[j] == 14:
            return True
        j += 4 + int.from_bytes(hs[j + 1:j + 4], 'big')
    return False


def converse(port, hello, follow_up):
    got, end = bytearray(), time.monotonic() + 20
    s = socket.create_connection((capture.LO, port), timeout=LIMIT)
    s.sendall(hello)

    def read(until):                                # until(got) or the peer's close or LIMIT s of silence
        while time.monotonic() < end and not until(bytes(got)):
            if not select.select([s], [], [], LIMIT)[0]:
                return 'silent for %.0f s' % LIMIT
            try:
                b = s.recv(65536)
            except OSError as e:
                return 'reset (%s)' % e.__class__.__name__
            if not b:
                return 'closed'
            got.extend(b)
        return 'answered'
    steps = ['flight: ' + read(flight_done)]
    if follow_up and steps[0] == 'flight: answered':
        n = len(got)
        s.sendall(follow_up)
        steps.append('after the follow-up: ' + read(lambda g: False) + ', %d bytes' % (len(got) - n))
    s.close()
    return bytes(got), '; '.join(steps)


def run(name, pki):
    cmd, hello, follow_up = SCENARIOS[name]
    server, port = capture.start_server(cmd, pki, name)
    try:
        data, steps = converse(port, hello, follow_up)
    finally:
        capture.stop(server)
    lines = ['# scenario: ' + name, '# direction: server->client', '# source: ' + capture.source(cmd),
             '# command: ' + capture.shown(cmd).replace('127.0.0.1:0 ', '127.0.0.1:0 (ephemeral) ')
             + '  ;  client: capture_followups.py (' + steps + ')',
             '# captured: ' + datetime.date.today().isoformat(), '# contents: ' + summarize(data),
             '# hello sent: ' + hello.hex(), '# follow-up sent: ' + (follow_up.hex() or 'none')]
    h = data.hex()
    with open(os.path.join(HERE, name + '.server.hex'), 'w') as f:
        f.write('\n'.join(lines + [h[i:i + 64] for i in range(0, len(h), 64)]) + '\n')
    print('%-28s %5d bytes  %s' % (name, len(data), steps))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--only', nargs='+', metavar='SCENARIO', choices=sorted(SCENARIOS))
    a = ap.parse_args()
    if os.environ.get('TLSWEEP_NETNS') != '1' and os.geteuid() == 0 and shutil.which('unshare'):
        os.environ['TLSWEEP_NETNS'] = '1'
        os.execvp('unshare', ['unshare', '--net', '--', sys.executable, os.path.abspath(__file__)] + sys.argv[1:])
    if os.environ.get('TLSWEEP_NETNS') == '1':
        subprocess.run(['ip', 'link', 'set', 'lo', 'up'], check=True, timeout=10)
    failed = []
    with tempfile.TemporaryDirectory(prefix='tlsweep-pki-') as pki:
        capture.make_pki(pki)
        try:
            for name in SCENARIOS:
                if a.only and name not in a.only:
                    continue
                if not shutil.which(shlex.split(SCENARIOS[name][0])[0]):
                    print('SKIP %s: not installed' % name); failed.append(name)
                    continue
                try:
                    run(name, pki)
                except Exception as e:
                    print('FAILED %s: %s' % (name, e)); failed.append(name)
        finally:
            capture.stop_all()
    sys.exit(1 if failed else 0)


if __name__ == '__main__':
    main()
