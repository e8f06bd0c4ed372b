#!/usr/bin/env python3
"""Capture what real servers answer to ROBOT's five RSA ClientKeyExchange variants.

    python3 capture_robot.py [--only STACK ...]

For each stack (openssl s_server, gnutls-serv, with static RSA key exchange allowed) and each variant, a server is
started on 127.0.0.1 with the throwaway keys of ../capture.py, a TLS 1.2 ClientHello offering TLS_RSA suites only is
sent, the first flight is read up to ServerHelloDone, then the variant's ClientKeyExchange (the premaster secret
block built as the ROBOT reference scanner builds it, encrypted here with pow(m, e, n) from the leaf's modulus, read
independently of tlsweep with `openssl x509`), a ChangeCipherSpec and a garbage Finished are sent, and everything
the server sends until it closes (or 3 s of silence) is kept: robot-STACK-VARIANT.server.hex, in the format of
../README.md with the hello and the records sent as comment lines. Reuses ../followup/capture_followups.py (its
network namespace and conversation). Standard library only.
"""
import argparse, datetime, os, shlex, shutil, subprocess, sys, tempfile

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), 'followup'))
import capture                                      # noqa: E402
import capture_followups as cf                      # noqa: E402
from tlsdump import summarize                       # noqa: E402

STACKS = {  # name: server command allowing static RSA key exchange in TLS 1.2
    'openssl': cf.SRV + '-tls1_2 -cipher AES128-SHA:AES128-GCM-SHA256',
    'gnutls': cf.GNUTLS + '--priority NORMAL:+RSA:-VERS-ALL:+VERS-TLS1.2',
}
VARIANTS = ['correct', 'wrong-first-bytes', 'misplaced-zero', 'no-zero', 'wrong-version']
HELLO = cf.client_hello(0x0303, [0x002F, 0x009C], False)   # TLS_RSA_WITH_AES_128_CBC_SHA, _AES_128_GCM_SHA256
PAD = bytes([0xAB, 0xCD])
SECRET = bytes.fromhex('aa' + '112233445566778899' * 5)     # the reference scanner's 46 bytes
GARBAGE_FINISHED = bytes((0x5A ^ (i * 37)) & 0xFF for i in range(64))


def block(variant, k, version):
    pad = (PAD * k)[:k - 51]
    v = version.to_bytes(2, 'big')
    return {
        'correct': b'\x00\x02' + pad + b'\x00' + v + SECRET,
        'wrong-first-bytes': b'\x41\x17' + pad + b'\x00' + v + SECRET,
        'misplaced-zero': b'\x00\x02' + pad + b'\x11' + SECRET + b'\x00\x11',
        'no-zero': b'\x00\x02' + pad + b'\x11\x11\x11' + SECRET,
        'wrong-version': b'\x00\x02' + pad + b'\x00\x02\x02' + SECRET,
    }[variant]


def public_key(pki):
    out = subprocess.run(['openssl', 'x509', '-noout', '-modulus', '-text', '-in', os.path.join(pki, 'leaf.pem')],
                         capture_output=True, text=True, check=True, timeout=10).stdout
    n = int(next(l for l in out.splitlines() if l.startswith('Modulus=')).split('=', 1)[1], 16)
    e = int(next(l for l in out.splitlines() if 'Exponent:' in l).split()[1])
    return n, e


def follow_up(variant, n, e):
    k = (n.bit_length() + 7) // 8
    c = pow(int.from_bytes(block(variant, k, 0x0303), 'big'), e, n).to_bytes(k, 'big')
    cke = bytes([16]) + (k + 2).to_bytes(3, 'big') + k.to_bytes(2, 'big') + c
    return cf.record(22, 0x0303, cke) + cf.record(20, 0x0303, b'\x01') + cf.record(22, 0x0303, GARBAGE_FINISHED)


def run(stack, variant, pki, key):
    cmd = STACKS[stack]
    records = follow_up(variant, *key)
    server, port = capture.start_server(cmd, pki, stack)
    try:
        data, steps = cf.converse(port, HELLO, records)
    finally:
        capture.stop(server)
    name = 'robot-%s-%s' % (stack, variant)
    lines = ['# scenario: ' + name, '# direction: server->client', '# source: ' + capture.source(cmd),
             '# command: ' + capture.shown(cmd).replace('127.0.0.1:0 ', '127.0.0.1:0 (ephemeral) ')
             + '  ;  client: capture_robot.py (' + steps + ')',
             '# captured: ' + datetime.date.today().isoformat(), '# contents: ' + summarize(data),
             '# hello sent: ' + HELLO.hex(), '# follow-up sent: ' + records.hex()]
    h = data.hex()
    with open(os.path.join(HERE, name + '.server.hex'), 'w') as f:
        f.write('\n'.join(lines + [h[i:i + 64] for i in range(0, len(h), 64)]) + '\n')
    print('%-32s %5d bytes  %s' % (name, len(data), steps))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--only', nargs='+', metavar='STACK', choices=sorted(STACKS))
    a = ap.parse_args()
    if os.environ.get('TLSWEEP_NETNS') != '1' and os.geteuid() == 0 and shutil.which('unshare'):
        os.environ['TLSWEEP_NETNS'] = '1'
        os.execvp('unshare', ['unshare', '--net', '--', sys.executable, os.path.abspath(__file__)] + sys.argv[1:])
    if os.environ.get('TLSWEEP_NETNS') == '1':
        subprocess.run(['ip', 'link', 'set', 'lo', 'up'], check=True, timeout=10)
    failed = []
    with tempfile.TemporaryDirectory(prefix='tlsweep-pki-') as pki:
        capture.make_pki(pki)
        key = public_key(pki)
        try:
            for stack in STACKS:
                if a.only and stack not in a.only:
                    continue
                if not shutil.which(shlex.split(STACKS[stack])[0]):
                    print('SKIP %s: not installed' % stack); failed.append(stack)
                    continue
                for variant in VARIANTS:
                    try:
                        run(stack, variant, pki, key)
                    except Exception as e:
                        print('FAILED %s %s: %s' % (stack, variant, e)); failed.append(stack)
        finally:
            capture.stop_all()
    sys.exit(1 if failed else 0)


if __name__ == '__main__':
    main()
