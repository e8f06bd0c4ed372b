#!/usr/bin/env python3
"""Decode tlsweep's golden vectors (the .hex files beside this script) into one-line summaries.

    python3 tlsdump.py [FILE.hex ...]     no arguments: every .hex file here, as Markdown table rows

Parses the bytes as a sequence of TLS records (content type, version, length; every length must fit) and the
plaintext handshake messages inside them (ClientHello, ServerHello/HelloRetryRequest with their extensions,
Certificate, ServerKeyExchange, ServerHelloDone); alerts by level and description; encrypted TLS 1.3 records by
length only.  Anything that does not start like a TLS record is shown as text.  Exit status 1 if a file fails.
Standard library only; capture.py uses it to write each file's `# contents:` line.
"""
import os, sys

HERE = os.path.dirname(os.path.abspath(__file__))


def read_vector(path):
    with open(path) as f:
        return bytes.fromhex(''.join(l.strip() for l in f if l.strip() and not l.startswith('#')))


# ------------------------------------------------------------------------------------------------ decoding (verification)
CT = {20: 'ChangeCipherSpec', 21: 'Alert', 22: 'Handshake', 23: 'ApplicationData'}
HS = {1: 'ClientHello', 2: 'ServerHello', 4: 'NewSessionTicket', 8: 'EncryptedExtensions', 11: 'Certificate',
      12: 'ServerKeyExchange', 13: 'CertificateRequest', 14: 'ServerHelloDone', 15: 'CertificateVerify', 20: 'Finished'}
VER = {0x0300: 'SSLv3', 0x0301: 'TLSv1.0', 0x0302: 'TLSv1.1', 0x0303: 'TLSv1.2', 0x0304: 'TLSv1.3'}
SUITES = {0x000A: 'TLS_RSA_WITH_3DES_EDE_CBC_SHA', 0x002F: 'TLS_RSA_WITH_AES_128_CBC_SHA',
          0x009F: 'TLS_DHE_RSA_WITH_AES_256_GCM_SHA384', 0x1301: 'TLS_AES_128_GCM_SHA256', 0x1302: 'TLS_AES_256_GCM_SHA384',
          0xC013: 'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA', 0xC02C: 'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384',
          0xC02F: 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', 0xC030: 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384'}
GROUPS = {0x17: 'secp256r1', 0x18: 'secp384r1', 0x19: 'secp521r1', 0x1d: 'x25519', 0x1e: 'x448', 0x100: 'ffdhe2048',
          0x101: 'ffdhe3072', 0x102: 'ffdhe4096', 0x103: 'ffdhe6144', 0x104: 'ffdhe8192'}
SIGALGS = {0x0403: 'ecdsa_secp256r1_sha256', 0x0804: 'rsa_pss_rsae_sha256', 0x0401: 'rsa_pkcs1_sha256'}
ALERTS = {0: 'close_notify', 10: 'unexpected_message', 40: 'handshake_failure', 47: 'illegal_parameter',
          50: 'decode_error', 70: 'protocol_version', 71: 'insufficient_security', 80: 'internal_error',
          109: 'missing_extension', 112: 'unrecognized_name', 120: 'no_application_protocol'}
EXT = {0: 'server_name', 5: 'status_request', 10: 'supported_groups', 11: 'ec_point_formats', 13: 'signature_algorithms',
       16: 'alpn', 17: 'status_request_v2', 18: 'sct', 21: 'padding', 22: 'encrypt_then_mac', 23: 'extended_master_secret',
       27: 'compress_certificate', 28: 'record_size_limit', 35: 'session_ticket', 41: 'pre_shared_key',
       43: 'supported_versions', 44: 'cookie', 45: 'psk_key_exchange_modes', 49: 'post_handshake_auth',
       50: 'signature_algorithms_cert', 51: 'key_share', 0xff01: 'renegotiation_info'}
HRR_RANDOM = bytes.fromhex('cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c')


def u(b, i, n):
    return int.from_bytes(b[i:i + n], 'big')


def vec(b, i, n):
    """The vector with an n-byte length prefix at i: (body, index after it)."""
    if i + n + u(b, i, n) > len(b):
        raise ValueError('vector at %d overruns its message' % i)
    return b[i + n:i + n + u(b, i, n)], i + n + u(b, i, n)


def items(b, n, step=None):
    """Split b into n-byte-length-prefixed vectors (or fixed step-byte items)."""
    out, i = [], 0
    while i < len(b):
        if step:
            out.append(b[i:i + step]); i += step
        else:
            v, i = vec(b, i, n); out.append(v)
    return out


def exts(b):
    out, i = [], 0
    while i < len(b):
        body, j = vec(b, i + 2, 2)
        out.append((u(b, i, 2), body)); i = j
    return out


def name(table, v):
    return table.get(v, '0x%04X' % v)


def hello_extensions(es, kind):
    """Extension names, then the values of the interesting ones; kind is 'CH', 'SH' or 'HRR'."""
    s = ', ext[%s]' % ','.join(EXT.get(t, '0x%04x' % t) for t, _ in es)
    for t, b in es:
        if t == 0:
            s += ', sni=%s' % vec(vec(b, 0, 2)[0], 1, 2)[0].decode()
        elif t == 43:                                     # ServerHello: one version; ClientHello: a 1-byte-long list
            vs = items(vec(b, 0, 1)[0], 0, 2) if kind == 'CH' else [b]
            s += ', supported_versions=%s' % '/'.join(name(VER, u(v, 0, 2)) for v in vs)
        elif t == 51 and kind == 'HRR':                   # HelloRetryRequest: the selected group only
            s += ', key_share=%s' % name(GROUPS, u(b, 0, 2))
        elif t == 51 and kind == 'CH':                    # ClientHello: a list of (group, key)
            ks, k, gs = vec(b, 0, 2)[0], 0, []
            while k < len(ks):
                gs.append(name(GROUPS, u(ks, k, 2))); k = vec(ks, k + 2, 2)[1]
            s += ', key_share=%s' % '/'.join(gs)
        elif t == 51:                                     # ServerHello: one (group, key)
            s += ', key_share=%s(%d bytes)' % (name(GROUPS, u(b, 0, 2)), len(vec(b, 2, 2)[0]))
        elif t == 16:
            s += ', alpn=%s' % ','.join(p.decode() for p in items(vec(b, 0, 2)[0], 1))
        elif t == 0xff01:
            s += ', renegotiation_info(len %d)' % b[0]
    return s


def server_hello(m):
    hrr = m[2:34] == HRR_RANDOM
    sid, i = vec(m, 34, 1)
    es = exts(vec(m, i + 3, 2)[0]) if len(m) > i + 3 else []
    return '%s(legacy %s, sid %d, cipher 0x%04X %s, compression %d%s)' % (
        'HelloRetryRequest' if hrr else 'ServerHello', name(VER, u(m, 0, 2)), len(sid), u(m, i, 2),
        SUITES.get(u(m, i, 2), '?'), m[i + 2], hello_extensions(es, 'HRR' if hrr else 'SH'))


def client_hello(m):
    sid, i = vec(m, 34, 1)
    suites, i = vec(m, i, 2)
    i = vec(m, i, 1)[1]
    cs = [u(c, 0, 2) for c in items(suites, 0, 2)]
    return 'ClientHello(legacy %s, sid %d, %d suites%s%s)' % (
        name(VER, u(m, 0, 2)), len(sid), len(cs), ' incl. SCSV' if 0x00FF in cs else '',
        hello_extensions(exts(vec(m, i, 2)[0]) if i < len(m) else [], 'CH'))


def key_exchange(m, version):
    if m[0] == 3:                                         # ECParameters: named_curve, then the point
        pub, i = vec(m, 3, 1)
        s = 'ServerKeyExchange(ECDHE %s, point %d bytes' % (name(GROUPS, u(m, 1, 2)), len(pub))
    else:                                                 # ServerDHParams: p, g, Ys
        p, i = vec(m, 0, 2)
        g, i = vec(m, i, 2)
        ys, i = vec(m, i, 2)
        s = 'ServerKeyExchange(DHE p=%d bits, g=%d, Ys %d bytes' % (
            int.from_bytes(p, 'big').bit_length(), int.from_bytes(g, 'big'), len(ys))
    if version >= 0x0303:                                 # only TLS 1.2 names the signature algorithm
        s += ', sigalg 0x%04X %s' % (u(m, i, 2), SIGALGS.get(u(m, i, 2), '?')); i += 2
    sig, i = vec(m, i, 2)
    if i != len(m):
        raise ValueError('ServerKeyExchange has %d trailing bytes' % (len(m) - i))
    return s + ', signature %d bytes)' % len(sig)


def handshake(t, m, version):
    if t == 1:
        return client_hello(m)
    if t == 2:
        return server_hello(m)
    if t == 11:
        return 'Certificate(%d certs: %s bytes)' % (len(items(vec(m, 0, 3)[0], 3)),
                                                    '+'.join(str(len(c)) for c in items(vec(m, 0, 3)[0], 3)))
    if t == 12:
        return key_exchange(m, version)
    return HS.get(t, 'Handshake%d' % t) + ('(%d bytes)' % len(m) if m else '')


def summarize(data):
    """One line: the TLS records and the plaintext handshake messages inside; or a text preview of a non-TLS reply."""
    if not data or data[0] not in CT or data[1] != 3:
        return 'not TLS: %r' % data[:100].decode('latin-1')
    out, hs, pos, version = [], b'', 0, 0
    while pos < len(data):
        ct, ver, ln = data[pos], u(data, pos + 1, 2), u(data, pos + 3, 2)
        body = data[pos + 5:pos + 5 + ln]
        if pos + 5 > len(data) or len(body) != ln or ct not in CT:
            raise ValueError('bad or truncated record at offset %d' % pos)
        desc = '%s[%s,%d]' % (CT[ct], name(VER, ver), ln)
        if ct == 21:
            desc += '(%s %s)' % ({1: 'warning', 2: 'fatal'}.get(body[0]), ALERTS.get(body[1], body[1]))
        if ct == 22:
            hs, msgs = hs + body, []
            while len(hs) >= 4 and len(hs) >= 4 + u(hs, 1, 3):
                version = u(hs, 4, 2) if hs[0] == 2 else version     # TLS <= 1.2: ServerHello's version
                msgs.append(handshake(hs[0], hs[4:4 + u(hs, 1, 3)], version)); hs = hs[4 + u(hs, 1, 3):]
            desc += '{' + ' '.join(msgs) + '}'
        out.append(desc)
        pos += 5 + ln
    if hs:
        raise ValueError('incomplete handshake message at the end')
    return ' '.join(out)


def verify_all():
    ok = True
    for f in sorted(n for n in os.listdir(HERE) if n.endswith('.hex')):
        data = read_vector(os.path.join(HERE, f))
        try:
            print('| `%s` | %d | %s |' % (f, len(data), summarize(data)))
        except (ValueError, IndexError, UnicodeDecodeError) as e:
            ok = False
            print('| `%s` | %d | FAILED: %s |' % (f, len(data), e))
    return ok


def hello_complete(data):
    hs, pos = b'', 0
    while pos + 5 <= len(data) and data[pos] == 22:
        hs += data[pos + 5:pos + 5 + u(data, pos + 3, 2)]; pos += 5 + u(data, pos + 3, 2)
    return len(hs) >= 4 and len(hs) >= 4 + u(hs, 1, 3) and pos <= len(data)


if __name__ == '__main__':
    if sys.argv[1:]:
        for p in sys.argv[1:]:
            print('%s: %s' % (p, summarize(read_vector(p))))
    else:
        sys.exit(0 if verify_all() else 1)
