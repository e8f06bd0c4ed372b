#!/usr/bin/env python3
"""Capture the TLS 1.3 first flights SignatureAlgorithmsCheckTest reads with its own x25519 key.

    python3 capture_tls13sig.py        rewrite the .hex files here

One x25519 key pair is made per run; its private value goes to client-x25519-private.hex so the test can derive the
handshake keys and decrypt each flight.  Each scenario writes a TLS 1.3 ClientHello offering ONE signature scheme in
signature_algorithms (every scheme in signature_algorithms_cert, suite TLS_AES_128_GCM_SHA256, group x25519 with that
key's share) to a server on 127.0.0.1 and keeps every byte until the server is silent for 1.5 s.  The servers are
`openssl s_server -tls1_3` with throwaway keys made in a temp dir, and for the one flight no real stack sends, a
scripted TLS 1.3 server written below that signs its CertificateVerify with rsa_pkcs1_sha256 (which RFC 8446 §4.4.3
forbids there).  Every process started is killed afterwards.  Needs python3-cryptography and openssl.
"""
import os, socket, struct, subprocess, sys, tempfile, threading, time, hashlib, hmac, datetime

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import x25519, padding
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

HERE = os.path.dirname(os.path.abspath(__file__))
LO = '127.0.0.1'
ALL_SCHEMES = [0x0401, 0x0501, 0x0601, 0x0403, 0x0503, 0x0603, 0x0804, 0x0805, 0x0806, 0x0807, 0x0808,
               0x0809, 0x080A, 0x080B, 0x0201, 0x0203]
SCENARIOS = [  # name, server key (or 'scripted'), the scheme offered alone, what it shows
    ('rsa-pss-rsae-sha256', 'rsa', 0x0804, 'signed with the scheme offered'),
    ('rsa-pkcs1-sha256', 'rsa', 0x0401, 'refused: TLS 1.3 has no PKCS#1 v1.5 CertificateVerify'),
    ('ecdsa-sha1', 'ec', 0x0203, 'refused: TLS 1.3 has no SHA-1 CertificateVerify'),
    ('ed25519', 'ed25519', 0x0807, 'signed with the scheme offered'),
    ('scripted-rsa-pkcs1-sha256', 'scripted', 0x0401, 'a scripted server signs with the forbidden scheme'),
]


def u16(n):
    return struct.pack('>H', n)


def vec(b, size):
    return len(b).to_bytes(size, 'big') + b


def ext(t, body):
    return u16(t) + vec(body, 2)


def client_hello(scheme, public):
    exts = (ext(10, vec(u16(29), 2))                                        # supported_groups x25519
            + ext(13, vec(u16(scheme), 2))                                  # signature_algorithms: the one
            + ext(50, vec(b''.join(u16(s) for s in ALL_SCHEMES), 2))        # signature_algorithms_cert: all
            + ext(43, vec(u16(0x0304), 1))                                  # supported_versions TLS 1.3
            + ext(45, vec(b'\x01', 1))                                      # psk_key_exchange_modes psk_dhe_ke
            + ext(51, vec(u16(29) + vec(public, 2), 2)))                    # key_share x25519
    body = u16(0x0303) + os.urandom(32) + vec(os.urandom(32), 1) + vec(u16(0x1301), 2) + vec(b'\x00', 1) + vec(exts, 2)
    msg = b'\x01' + vec(body, 3)
    return b'\x16\x03\x01' + vec(msg, 2)


def exchange(port, hello):
    s = socket.create_connection((LO, port), timeout=5)
    s.sendall(hello)
    s.settimeout(1.5)
    got = b''
    try:
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            got += chunk
    except (socket.timeout, ConnectionResetError):
        pass   # silence, or a reset after the server's alert: what came before it is kept
    s.close()
    return got


def write(name, direction, source, data, note):
    with open(os.path.join(HERE, name), 'w') as f:
        f.write('# scenario: %s\n# direction: %s\n# source: %s\n# note: %s\n' % (name.split('.')[0], direction,
                                                                                 source, note))
        h = data.hex()
        for i in range(0, len(h), 64):
            f.write(h[i:i + 64] + '\n')


# ------------------------------------------------------------------ the scripted server (RFC 8446 §7.1 schedule)
def hkdf_extract(salt, ikm):
    return hmac.new(salt, ikm, hashlib.sha256).digest()


def expand_label(secret, label, context, length):
    info = u16(length) + vec(b'tls13 ' + label, 1) + vec(context, 1)
    out, t, i = b'', b'', 1
    while len(out) < length:
        t = hmac.new(secret, t + info + bytes([i]), hashlib.sha256).digest()
        out += t
        i += 1
    return out[:length]


def scripted_server(listener, leaf_der, leaf_key):
    conn, _ = listener.accept()
    conn.settimeout(5)
    data = b''
    while len(data) < 5 or len(data) < 5 + int.from_bytes(data[3:5], 'big'):
        data += conn.recv(65536)
    ch = data[5:5 + int.from_bytes(data[3:5], 'big')]
    p = 4 + 2 + 32
    sid = ch[p + 1:p + 1 + ch[p]]
    p += 1 + ch[p]
    p += 2 + int.from_bytes(ch[p:p + 2], 'big')
    p += 1 + ch[p]
    end = p + 2 + int.from_bytes(ch[p:p + 2], 'big')
    p += 2
    client_share = None
    while p < end:
        t, n = int.from_bytes(ch[p:p + 2], 'big'), int.from_bytes(ch[p + 2:p + 4], 'big')
        body = ch[p + 4:p + 4 + n]
        if t == 51:
            client_share = body[6:6 + int.from_bytes(body[4:6], 'big')]
        p += 4 + n
    key = x25519.X25519PrivateKey.generate()
    public = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    sh_body = (u16(0x0303) + os.urandom(32) + vec(sid, 1) + u16(0x1301) + b'\x00'
               + vec(ext(43, u16(0x0304)) + ext(51, u16(29) + vec(public, 2)), 2))
    sh = b'\x02' + vec(sh_body, 3)
    shared = key.exchange(x25519.X25519PublicKey.from_public_bytes(client_share))
    empty = hashlib.sha256(b'').digest()
    early = hkdf_extract(b'\x00' * 32, b'\x00' * 32)
    handshake = hkdf_extract(expand_label(early, b'derived', empty, 32), shared)
    transcript = ch + sh
    secret = expand_label(handshake, b's hs traffic', hashlib.sha256(transcript).digest(), 32)
    aead_key, iv = expand_label(secret, b'key', b'', 16), expand_label(secret, b'iv', b'', 12)
    ee = b'\x08' + vec(vec(b'', 2), 3)
    cert = b'\x0b' + vec(vec(b'', 1) + vec(vec(leaf_der, 3) + vec(b'', 2), 3), 3)
    transcript += ee + cert
    content = b' ' * 64 + b'TLS 1.3, server CertificateVerify' + b'\x00' + hashlib.sha256(transcript).digest()
    signature = leaf_key.sign(content, padding.PKCS1v15(), hashes.SHA256())   # rsa_pkcs1_sha256: forbidden here
    cv = b'\x0f' + vec(u16(0x0401) + vec(signature, 2), 3)
    transcript += cv
    finished_key = expand_label(secret, b'finished', b'', 32)
    fin = b'\x14' + vec(hmac.new(finished_key, hashlib.sha256(transcript).digest(), hashlib.sha256).digest(), 3)
    out = b'\x16\x03\x03' + vec(sh, 2) + b'\x14\x03\x03\x00\x01\x01'
    for seq, msg in enumerate([ee, cert, cv, fin]):
        inner = msg + b'\x16'
        header = b'\x17\x03\x03' + u16(len(inner) + 16)
        nonce = bytes(a ^ b for a, b in zip(iv, seq.to_bytes(12, 'big')))
        out += header + AESGCM(aead_key).encrypt(nonce, inner, header)
    conn.sendall(out)
    time.sleep(2)
    conn.close()


def main():
    client = x25519.X25519PrivateKey.generate()
    public = client.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    private = client.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                                   serialization.NoEncryption())
    write('client-x25519-private.hex', 'the client\'s own', 'cryptography ' + __import__('cryptography').__version__,
          private, 'the x25519 private value behind the key_share of every ClientHello here, public value '
          + public.hex())
    version = subprocess.run(['openssl', 'version'], capture_output=True, text=True).stdout.strip()
    with tempfile.TemporaryDirectory() as pki:
        for kind, args in [('rsa', ['-newkey', 'rsa:2048']), ('ec', ['-newkey', 'ec', '-pkeyopt',
                                                                       'ec_paramgen_curve:P-256']),
                           ('ed25519', ['-newkey', 'ed25519'])]:
            subprocess.run(['openssl', 'req', '-x509', *args, '-nodes', '-subj', '/CN=test.example', '-days', '30',
                            '-keyout', pki + '/' + kind + '.key', '-out', pki + '/' + kind + '.pem'], check=True,
                           capture_output=True)
        for name, server, scheme, note in SCENARIOS:
            hello = client_hello(scheme, public)
            if server == 'scripted':
                from cryptography import x509
                leaf = x509.load_pem_x509_certificate(open(pki + '/rsa.pem', 'rb').read())
                leaf_key = serialization.load_pem_private_key(open(pki + '/rsa.key', 'rb').read(), None)
                listener = socket.socket()
                listener.bind((LO, 0))
                listener.listen(1)
                t = threading.Thread(target=scripted_server, args=(listener, leaf.public_bytes(
                    serialization.Encoding.DER), leaf_key), daemon=True)
                t.start()
                got = exchange(listener.getsockname()[1], hello)
                t.join(5)
                listener.close()
                source = 'the scripted TLS 1.3 server of capture_tls13sig.py (RSA 2048 key, signs rsa_pkcs1_sha256)'
            else:
                proc = subprocess.Popen(['openssl', 's_server', '-accept', LO + ':0', '-naccept', '1', '-www', '-tls1_3',
                                         '-cert', pki + '/' + server + '.pem', '-key', pki + '/' + server + '.key'],
                                        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                        text=True)
                try:
                    port = None
                    deadline = time.time() + 10
                    while port is None and time.time() < deadline:
                        line = proc.stdout.readline()
                        if line.startswith('ACCEPT '):
                            port = int(line.strip().rsplit(':', 1)[1])
                    got = exchange(port, hello)
                finally:
                    proc.kill()
                    proc.wait(5)
                source = '%s s_server -www -tls1_3 (%s key)' % (version, server)
            write(name + '.client.hex', 'client->server', 'capture_tls13sig.py', hello,
                  'TLS 1.3 hello offering 0x%04X alone' % scheme)
            write(name + '.server.hex', 'server->client', source, got, note)
            print(name, len(got), 'bytes')


if __name__ == '__main__':
    main()
