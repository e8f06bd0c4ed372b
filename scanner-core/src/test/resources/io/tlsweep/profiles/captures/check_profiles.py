#!/usr/bin/env python3
"""Self-check of client-profiles.json (standard library only).

    python3 check_profiles.py            (from anywhere; paths are relative to this file)

Checks: the schema fields and value sets; every fact has non-empty sources that exist and a confidence H/M/L;
every cipher-suite code is in tls-cipher-suites.csv; versions are valid names, oldest first, and `completes` is a
subset; tls13CipherSuites is present iff TLSv1.3 is offered; no signature_algorithms in a TLS 1.0/1.1-max profile;
services are known service names;
key shares are groups of the profile in a TLS 1.3 hello;
and for the profiles captured here (java17, java25, openssl-3, chromium) every list equals the decoded capture.
Exit status 1 on any problem.
"""
import csv, json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, '../../../../../../..'))          # scanner-core
PROFILES = os.path.join(ROOT, 'src/main/resources/io/tlsweep/profiles/client-profiles.json')
SUITES_CSV = os.path.join(ROOT, 'src/main/resources/io/tlsweep/wire/tls-cipher-suites.csv')

VERSIONS = ['SSLv3', 'TLSv1.0', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3']
WIRE_VERSION = {0x0300: 'SSLv3', 0x0301: 'TLSv1.0', 0x0302: 'TLSv1.1', 0x0303: 'TLSv1.2', 0x0304: 'TLSv1.3'}
FAMILIES = {'schannel', 'winhttp', 'dotnet', 'java', 'openssl', 'browser'}
REQUIRED_IDS = ['win7-schannel', 'win2012-schannel', 'win81-schannel', 'win2016-schannel', 'win10-schannel',
                'win11-schannel', 'win11-24h2-schannel', 'win2025-schannel', 'winhttp-win7-a0', 'winhttp-win7-aa0',
                'winhttp-win7-a00', 'dotnet35-win7', 'dotnet45-win2012r2', 'dotnet45-strongcrypto-win2012r2',
                'dotnet46-win2012r2', 'dotnet47-systemdefault-win7', 'java6', 'java7', 'java8', 'java11', 'java17',
                'java21', 'java25', 'openssl-1.0.1', 'openssl-1.0.2', 'openssl-1.1.1', 'openssl-3', 'openssl-3.5',
                'chromium', 'rdp-win7', 'rdp-win7-kb3080079', 'rdp-win10', 'rdp-win11', 'snac11-win7',
                'snac11-tls12-win7', 'odbc17-win2016', 'odbc18-win2019', 'sqlclient-netfx45-win7',
                'sqlclient-netfx46-win2012r2']
# ProfileServices.KNOWN: "tls" (no prelude) and the names of the protocols spoken before TLS
SERVICES = {'tls', 'smtp', 'lmtp', 'imap', 'pop3', 'ftp', 'ldap', 'xmpp', 'xmpp-server', 'nntp', 'sieve', 'postgres',
            'mysql', 'rdp', 'mssql', 'mssql-strict'}
# IANA TLS Supported Groups names (the ones a client may send; anything else must be written as hex)
GROUPS = {1: 'sect163k1', 2: 'sect163r1', 3: 'sect163r2', 4: 'sect193r1', 5: 'sect193r2', 6: 'sect233k1',
          7: 'sect233r1', 8: 'sect239k1', 9: 'sect283k1', 10: 'sect283r1', 11: 'sect409k1', 12: 'sect409r1',
          13: 'sect571k1', 14: 'sect571r1', 15: 'secp160k1', 16: 'secp160r1', 17: 'secp160r2', 18: 'secp192k1',
          19: 'secp192r1', 20: 'secp224k1', 21: 'secp224r1', 22: 'secp256k1', 23: 'secp256r1', 24: 'secp384r1',
          25: 'secp521r1', 26: 'brainpoolP256r1', 27: 'brainpoolP384r1', 28: 'brainpoolP512r1', 29: 'x25519',
          30: 'x448', 31: 'brainpoolP256r1tls13', 32: 'brainpoolP384r1tls13', 33: 'brainpoolP512r1tls13',
          256: 'ffdhe2048', 257: 'ffdhe3072', 258: 'ffdhe4096', 259: 'ffdhe6144', 260: 'ffdhe8192',
          0x11EB: 'SecP256r1MLKEM768', 0x11EC: 'X25519MLKEM768', 0x11ED: 'SecP384r1MLKEM1024'}
GROUP_CODE = {v: k for k, v in GROUPS.items()}
CAPTURED = {'java17': 'java17.hex', 'java25': 'java25.hex', 'openssl-3': 'openssl3.hex', 'chromium': 'chromium.hex'}
FACT_KEYS = ['versions', 'completes', 'cipherSuites', 'tls13CipherSuites', 'groups', 'signatureAlgorithms', 'sni',
             'helloFormat', 'renegotiationScsv', 'extendedMasterSecret', 'statusRequest', 'sessionTicket', 'alpn',
             'legacySignaturesRefused', 'services', 'keyShares']
HEX4 = re.compile(r'^0x[0-9A-F]{4}$')

problems = []
def bad(msg):
    problems.append(msg)

def grease(c):
    return (c & 0x0F0F) == 0x0A0A and (c >> 8) == (c & 0xFF)

def decode(path):
    """The first ClientHello in a .hex capture (TLS record format), as a dict of the fields profiles carry."""
    data = bytes.fromhex(''.join(l.strip() for l in open(path) if not l.startswith('#')))
    hs, pos = b'', 0
    while pos + 5 <= len(data) and data[pos] == 22:
        n = int.from_bytes(data[pos + 3:pos + 5], 'big'); hs += data[pos + 5:pos + 5 + n]; pos += 5 + n
    assert hs[0] == 1, 'not a ClientHello'
    body = hs[4:4 + int.from_bytes(hs[1:4], 'big')]
    p = 2 + 32; p += 1 + body[p]
    n = int.from_bytes(body[p:p + 2], 'big'); suites = [int.from_bytes(body[p + 2 + i:p + 4 + i], 'big') for i in range(0, n, 2)]
    p += 2 + n; p += 1 + body[p]
    exts, end = {}, p + 2 + int.from_bytes(body[p:p + 2], 'big'); p += 2
    while p < end:
        t, n = int.from_bytes(body[p:p + 2], 'big'), int.from_bytes(body[p + 2:p + 4], 'big')
        exts[t] = body[p + 4:p + 4 + n]; p += 4 + n
    def u16s(b):
        return [int.from_bytes(b[i:i + 2], 'big') for i in range(0, len(b), 2)]
    out = {'suites': suites, 'ext': exts}
    out['groups'] = u16s(exts[10][2:]) if 10 in exts else []
    out['sigalgs'] = u16s(exts[13][2:]) if 13 in exts else []
    out['versions'] = u16s(exts[43][1:]) if 43 in exts else [int.from_bytes(body[0:2], 'big')]
    alpn, b = [], exts.get(16, b'')[2:]
    while b:
        alpn.append(b[1:1 + b[0]].decode()); b = b[1 + b[0]:]
    out['alpn'] = alpn
    return out

def main():
    doc = json.load(open(PROFILES))
    codes = {row['code'].upper().replace('0X', '0x') for row in csv.DictReader(open(SUITES_CSV))}
    if doc.get('schema') != 'tlsweep-profiles/1':
        bad('schema is %r' % doc.get('schema'))
    sources = doc.get('sources', {})
    for k, s in sources.items():
        if not isinstance(s, dict) or not s.get('title') or 'url' not in s:
            bad('source %s needs title and url' % k)
    used = set()
    ids = [p.get('id') for p in doc['profiles']]
    if sorted(ids) != sorted(REQUIRED_IDS) or len(set(ids)) != len(ids):
        bad('profile ids %s differ from the required set' % sorted(set(ids) ^ set(REQUIRED_IDS)))
    for p in doc['profiles']:
        pid = p.get('id')
        if not p.get('name'):
            bad('%s: no name' % pid)
        if p.get('family') not in FAMILIES:
            bad('%s: family %r' % (pid, p.get('family')))
        for k in p:
            if k not in ('id', 'name', 'family') and k not in FACT_KEYS:
                bad('%s: unknown key %s' % (pid, k))
        for k in FACT_KEYS:
            if k not in p:
                continue
            f = p[k]
            if set(f) - {'value', 'sources', 'confidence', 'note'} or 'value' not in f:
                bad('%s.%s: fact keys %s' % (pid, k, sorted(f)))
            if not f.get('sources'):
                bad('%s.%s: no sources' % (pid, k))
            for s in f.get('sources', []):
                used.add(s)
                if s not in sources:
                    bad('%s.%s: unknown source %s' % (pid, k, s))
            if f.get('confidence') not in ('H', 'M', 'L'):
                bad('%s.%s: confidence %r' % (pid, k, f.get('confidence')))
        for k in ('versions', 'cipherSuites', 'groups', 'sni', 'helloFormat'):
            if k not in p:
                bad('%s: missing %s' % (pid, k))
        vers = p['versions']['value']
        if not vers or any(v not in VERSIONS for v in vers) or vers != sorted(vers, key=VERSIONS.index) or len(set(vers)) != len(vers):
            bad('%s: versions %s' % (pid, vers))
        if 'completes' in p:
            c = p['completes']['value']
            if not c or not set(c) <= set(vers) or c != sorted(c, key=VERSIONS.index):
                bad('%s: completes %s not an ordered subset of versions' % (pid, c))
        for k in ('cipherSuites', 'tls13CipherSuites'):
            for code in p.get(k, {}).get('value', []):
                if not HEX4.match(code):
                    bad('%s.%s: code %r is not 0xHHHH' % (pid, k, code))
                elif code not in codes:
                    bad('%s.%s: %s not in tls-cipher-suites.csv' % (pid, k, code))
            vals = p.get(k, {}).get('value', [])
            if len(set(vals)) != len(vals):
                bad('%s.%s: duplicate codes' % (pid, k))
        if any(c.startswith('0x13') for c in p['cipherSuites']['value']) or '0x00FF' in p['cipherSuites']['value']:
            bad('%s: cipherSuites holds a TLS 1.3 suite or the SCSV' % pid)
        if ('TLSv1.3' in vers) != ('tls13CipherSuites' in p):
            bad('%s: tls13CipherSuites must be present iff TLSv1.3 is offered' % pid)
        if VERSIONS.index(vers[-1]) < VERSIONS.index('TLSv1.2') and 'signatureAlgorithms' in p:
            bad('%s: signatureAlgorithms in a hello below TLS 1.2' % pid)
        for g in p['groups']['value']:
            if g not in GROUP_CODE and not HEX4.match(g):
                bad('%s: group %r is neither an IANA name nor hex' % (pid, g))
        for s in p.get('signatureAlgorithms', {}).get('value', []):
            if not HEX4.match(s):
                bad('%s: signature algorithm %r' % (pid, s))
        if 'keyShares' in p:
            ks = p['keyShares']['value']
            if not ks or 'TLSv1.3' not in vers or any(g not in p['groups']['value'] for g in ks) or len(set(ks)) != len(ks):
                bad('%s: keyShares %s are not distinct groups of a TLS 1.3 hello' % (pid, ks))
        if 'services' in p:
            svc = p['services']['value']
            if not svc or any(v not in SERVICES for v in svc) or len(set(svc)) != len(svc):
                bad('%s: services %s' % (pid, svc))
        if p['helloFormat']['value'] not in ('tls', 'sslv2'):
            bad('%s: helloFormat %r' % (pid, p['helloFormat']['value']))
        if p['helloFormat']['value'] == 'sslv2' and p['groups']['value']:
            bad('%s: an SSLv2-format hello has no supported_groups' % pid)
        for k in ('sni', 'renegotiationScsv', 'extendedMasterSecret', 'statusRequest', 'sessionTicket',
                  'legacySignaturesRefused'):
            if k in p and not isinstance(p[k]['value'], bool):
                bad('%s.%s: not a boolean' % (pid, k))
        if pid in CAPTURED:
            compare(p, decode(os.path.join(HERE, CAPTURED[pid])))
    unused = sorted(set(sources) - used)
    n = sum(1 for p in doc['profiles'])
    print('%d profiles, %d sources (%d not cited: %s)' % (n, len(sources), len(unused), ', '.join(unused)))
    for m in problems:
        print('PROBLEM:', m)
    print('OK' if not problems else '%d problem(s)' % len(problems))
    return 1 if problems else 0

def compare(p, h):
    pid = p['id']
    hx = lambda c: '0x%04X' % c
    want = {
        'cipherSuites': [hx(c) for c in h['suites'] if not grease(c) and c != 0x00FF and c >> 8 != 0x13],
        'tls13CipherSuites': [hx(c) for c in h['suites'] if c >> 8 == 0x13],
        'groups': [GROUPS.get(c, hx(c)) for c in h['groups'] if not grease(c)],
        'signatureAlgorithms': [hx(c) for c in h['sigalgs'] if not grease(c)],
        'versions': sorted((WIRE_VERSION[c] for c in h['versions'] if not grease(c)), key=VERSIONS.index),
        'sni': 0 in h['ext'],
        'renegotiationScsv': 0x00FF in h['suites'],
        'extendedMasterSecret': 23 in h['ext'],
        'statusRequest': 5 in h['ext'],
        'sessionTicket': 35 in h['ext'],
    }
    if h['alpn']:
        want['alpn'] = h['alpn']
    if 'keyShares' in p:
        shares, b = [], h['ext'].get(51, b'')[2:]
        while b:
            c, n = int.from_bytes(b[0:2], 'big'), int.from_bytes(b[2:4], 'big')
            if not grease(c):
                shares.append(GROUPS.get(c, hx(c)))
            b = b[4 + n:]
        want['keyShares'] = shares
    for k, v in want.items():
        got = p.get(k, {}).get('value')
        if got != v:
            bad('%s.%s: profile %s != capture %s' % (pid, k, got, v))
    if 'alpn' in p and not h['alpn']:
        bad('%s.alpn: capture has none' % pid)

if __name__ == '__main__':
    sys.exit(main())
