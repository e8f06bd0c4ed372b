#!/usr/bin/env python3
"""Writes the Zeek ssl.log samples here (ssl.log, ssl-log-ext.log, ssl-log-ext.json): see README.md.

The field names, types and order are those Zeek's SSL::Info declares (base/protocols/ssl/main.zeek) followed by
those policy/protocols/ssl/ssl-log-ext.zeek adds; the header lines are the ASCII writer's. The client offers are
real ClientHellos: the .NET 4.5 / Server 2012 R2 profile's hello as tlsweep sends it, and the openssl s_client 3.0
and JDK 17 captures kept in src/test/resources/io/tlsweep/profiles/captures (decimal codes, wire order).
"""
import datetime
import json

def ts(s):
    return datetime.datetime.fromisoformat(s).replace(tzinfo=datetime.timezone.utc).timestamp()

dotnet = dict(cv=769, sv=[], suites=[49172, 49171, 57, 51, 53, 47, 49162, 49161, 56, 50, 10, 19, 5, 4],
              exts=[0, 65281, 10, 11, 5], groups=[23, 24], sig=[], alpn=[])
ossl = dict(cv=771, sv=[772, 771, 770, 769],
            suites=[4866, 4867, 4865, 49196, 49200, 159, 52393, 52392, 52394, 49195, 49199, 158, 49188, 49192, 107,
                    49187, 49191, 103, 49162, 49172, 57, 49161, 49171, 51, 157, 156, 61, 60, 53, 47, 255],
            exts=[0, 11, 10, 35, 22, 23, 13, 43, 45, 51], groups=[29, 23, 30, 25, 24, 256, 257, 258, 259, 260],
            sig=[1027, 1283, 1539, 2055, 2056, 2057, 2058, 2059, 2052, 2053, 2054, 1025, 1281, 1537, 771, 769, 770,
                 1026, 1282, 1538], alpn=[])
java = dict(cv=771, sv=[772, 771],
            suites=[4866, 4865, 4867, 49196, 49195, 52393, 49200, 52392, 49199, 159, 52394, 163, 158, 162, 49188,
                    49192, 49187, 49191, 107, 106, 103, 64, 49162, 49172, 49161, 49171, 57, 56, 51, 50, 157, 156, 61,
                    60, 53, 47, 255],
            exts=[0, 5, 10, 11, 17, 23, 35, 13, 43, 45, 50, 51], groups=[29, 23, 24, 25, 30, 256, 257, 258, 259, 260],
            sig=[1027, 1283, 1539, 2055, 2056, 2052, 2053, 2054, 2057, 2058, 2059, 1025, 1281, 1537, 1026, 771, 769,
                 770, 515, 513, 514], alpn=["h2", "http/1.1"])
# time, uid, client, port, server, port, version, cipher, curve, sni, resumed, last_alert, next_protocol,
# established, ssl_history, client offer, server_version
recs = [
    ("2026-11-02 08:15:30.125431", "CHhAvVGS1DHFjwGM9", "192.0.2.10", 49731, "198.51.100.20", 443, "TLSv10",
     "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", "secp256r1", "legacy.example.test", False, None, None, True, "CsxknGIi",
     dotnet, 769),
    ("2026-11-02 08:16:02.501002", "ClEkJM2Vm5giqnMf4h", "192.0.2.11", 50412, "198.51.100.20", 443, "TLSv13",
     "TLS_AES_256_GCM_SHA384", "x25519", "app.example.test", False, None, None, True, "CsiI", ossl, 771),
    ("2026-11-02 08:17:45.000950", "C4J4Th3PJpwUYZZ6gc", "192.0.2.12", 51877, "198.51.100.21", 8443, None, None,
     None, "legacy.example.test", False, "protocol_version", None, False, "CL", dotnet, None),
    ("2026-11-03 23:59:59.999999", "CtPZjS20MLrsMUOJi2", "2001:db8::7", 40022, "2001:db8::1", 443, "TLSv12",
     "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "x25519", "api.example.test", False, None, "h2", True, "CsxknGIiFf",
     java, 771),
]
base = ["ts", "uid", "id.orig_h", "id.orig_p", "id.resp_h", "id.resp_p", "version", "cipher", "curve", "server_name",
        "resumed", "last_alert", "next_protocol", "established", "ssl_history", "cert_chain_fps",
        "client_cert_chain_fps", "sni_matches_cert"]
btypes = ["time", "string", "addr", "port", "addr", "port", "string", "string", "string", "string", "bool", "string",
          "string", "bool", "string", "vector[string]", "vector[string]", "bool"]
ext = ["server_version", "client_version", "client_ciphers", "ssl_client_exts", "ssl_server_exts",
       "ticket_lifetime_hint", "dh_param_size", "point_formats", "client_curves", "orig_alpn",
       "client_supported_versions", "server_supported_version", "psk_key_exchange_modes", "client_key_share_groups",
       "server_key_share_group", "client_comp_methods", "sigalgs", "hashalgs"]
etypes = ["count", "count", "vector[count]", "vector[count]", "vector[count]", "count", "count", "vector[count]",
          "vector[count]", "vector[string]", "vector[count]", "count", "vector[count]", "vector[count]", "count",
          "vector[count]", "vector[count]", "vector[count]"]
FP = "a3c4b16e0a4f3c5e7f0d0c0e5f6a7b8c9d0e1f2a3b4c5d6e7f8091a2b3c4d5e6"


def u(x):
    return "-" if x is None else str(x)


def vec(values):
    return "(empty)" if not values else ",".join(str(x) for x in values)


def vals(r, withext):
    t, uid, c, cp, s, sp, v, ci, cu, sni, res, alert, np, est, hist, h, srvv = r
    row = ["%.6f" % ts(t), uid, c, str(cp), s, str(sp), u(v), u(ci), u(cu), u(sni), "T" if res else "F", u(alert),
           u(np), "T" if est else "F", hist, FP if est else "-", "(empty)" if est else "-", "T" if est else "-"]
    if withext:
        sig = [x & 0xFF for x in h["sig"]]   # Zeek logs SignatureAndHashAlgorithm split in two vectors
        hsh = [x >> 8 for x in h["sig"]]
        tls13 = v == "TLSv13"
        row += [u(srvv), str(h["cv"]), vec(h["suites"]), vec(h["exts"]),
                "43,51" if tls13 else ("65281,11" if est else "-"), "-", "-", "0" if 11 in h["exts"] else "-",
                vec(h["groups"]), vec(h["alpn"]) if h["alpn"] else "-", vec(h["sv"]) if h["sv"] else "-",
                "772" if tls13 else "-", "1" if 45 in h["exts"] else "-", "29" if 51 in h["exts"] else "-",
                "29" if tls13 else "-", "0", vec(sig) if sig else "-", vec(hsh) if hsh else "-"]
    return row


def tsv(name, withext):
    f = base + (ext if withext else [])
    ty = btypes + (etypes if withext else [])
    lines = ["#separator \\x09", "#set_separator\t,", "#empty_field\t(empty)", "#unset_field\t-", "#path\tssl",
             "#open\t2026-11-02-08-00-00", "#fields\t" + "\t".join(f), "#types\t" + "\t".join(ty)]
    lines += ["\t".join(vals(r, withext)) for r in recs]
    lines.append("#close\t2026-11-04-00-00-00")
    with open(name, "w") as out:
        out.write("\n".join(lines) + "\n")


tsv("ssl.log", False)
tsv("ssl-log-ext.log", True)
# JSON lines as LogAscii::use_json writes them: unset fields left out, vectors as arrays, ts as epoch seconds
with open("ssl-log-ext.json", "w") as out:
    for r in recs:
        o = {}
        for k, ty, v in zip(base + ext, btypes + etypes, vals(r, True)):
            if v == "-":
                continue
            if ty == "time":
                o[k] = float(v)
            elif ty in ("port", "count"):
                o[k] = int(v)
            elif ty == "bool":
                o[k] = v == "T"
            elif ty.startswith("vector"):
                o[k] = [] if v == "(empty)" else [int(x) if ty == "vector[count]" else x for x in v.split(",")]
            else:
                o[k] = v
        out.write(json.dumps(o, separators=(",", ":")) + "\n")
