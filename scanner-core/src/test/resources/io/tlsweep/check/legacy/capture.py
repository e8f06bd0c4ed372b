#!/usr/bin/env python3
"""Captures what real servers answer to the legacy checks' hellos (SSLv2, DEFLATE offered), on 127.0.0.1.

Writes <scenario>.server.hex beside this script, in the format of scanner-core/src/test/resources/vectors/README.md.
Each server runs in the foreground on a free loopback port with a throwaway key in a temp dir, and is stopped by its
PID. Usage: python3 capture.py
"""
import datetime, os, socket, struct, subprocess, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
# The SSL 2.0 CLIENT-HELLO of Sslv2Check: version 0x0002, the seven kinds of the SSL 2.0 draft, a 32-byte challenge.
SSLV2_HELLO = bytes.fromhex("803e0100020015000000200100800200800300800400800500800600400700c0"
                            + bytes(range(32)).hex())


def tls12_hello_offering_deflate():
    """TLS 1.2, RSA suites and the renegotiation SCSV, compression DEFLATE (1) then null (0), signature_algorithms."""
    suites = (0x009C, 0x002F, 0x00FF)
    body = struct.pack(">H", 0x0303) + bytes(range(32)) + b"\x00"
    body += struct.pack(">H", 2 * len(suites)) + b"".join(struct.pack(">H", s) for s in suites)
    body += b"\x02\x01\x00"
    sig = struct.pack(">H", 4) + bytes.fromhex("04010804")
    ext = struct.pack(">HH", 0x000D, len(sig)) + sig
    body += struct.pack(">H", len(ext)) + ext
    msg = b"\x01" + struct.pack(">I", len(body))[1:] + body
    return b"\x16\x03\x01" + struct.pack(">H", len(msg)) + msg


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def exchange(port, data, wait=3.0):
    """Sends data, reads until the server closes or is quiet for `wait` seconds."""
    deadline = time.time() + 10
    while True:
        try:
            s = socket.create_connection(("127.0.0.1", port), timeout=wait)
            break
        except ConnectionRefusedError:
            if time.time() > deadline:
                raise
            time.sleep(0.1)
    s.sendall(data)
    out, how = b"", "quiet"
    try:
        while True:
            b = s.recv(65536)
            if not b:
                how = "closed"
                break
            out += b
    except socket.timeout:
        pass
    except ConnectionResetError:
        how = "reset"
    s.close()
    return out, how


def capture(name, cmd, hello, describe, contents):
    with tempfile.TemporaryDirectory() as pki:
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", pki + "/key.pem",
                        "-out", pki + "/cert.pem", "-subj", "/CN=test.example", "-days", "30"],
                       check=True, capture_output=True)
        port = free_port()
        argv = [a.replace("$PORT", str(port)).replace("$PKI", pki) for a in cmd]
        server = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.PIPE)
        try:
            time.sleep(0.5)
            out, how = exchange(port, hello)
        finally:
            server.kill()
            server.wait()
    version = subprocess.run([cmd[0], "--version" if cmd[0] != "openssl" else "version"], capture_output=True,
                             text=True).stdout.splitlines()[0]
    hexed = out.hex()
    with open(os.path.join(HERE, name + ".server.hex"), "w") as f:
        f.write("# scenario: %s\n# direction: server->client\n# source: %s (%s) on 127.0.0.1\n"
                % (name, cmd[0], version))
        f.write("# command: %s  ;  client: %s\n" % (" ".join(cmd), describe))
        f.write("# captured: %s\n# contents: %s (then the server %s)\n"
                % (datetime.date.today().isoformat(), contents, how))
        for i in range(0, len(hexed), 64):
            f.write(hexed[i:i + 64] + "\n")
    print(name, how, len(out), "bytes")


capture("sslv2-openssl", ["openssl", "s_server", "-accept", "127.0.0.1:$PORT", "-naccept", "1", "-cert",
                          "$PKI/cert.pem", "-key", "$PKI/key.pem", "-quiet"],
        SSLV2_HELLO, "the SSLv2 CLIENT-HELLO of Sslv2Check (capture.py)", "fatal alert protocol_version")
capture("sslv2-gnutls", ["gnutls-serv", "--port", "$PORT", "--x509certfile", "$PKI/cert.pem", "--x509keyfile",
                         "$PKI/key.pem", "--disable-client-cert"],
        SSLV2_HELLO, "the SSLv2 CLIENT-HELLO of Sslv2Check (capture.py)", "fatal alert protocol_version")
capture("deflate-offered-openssl", ["openssl", "s_server", "-accept", "127.0.0.1:$PORT", "-naccept", "1", "-tls1_2",
                                    "-cert", "$PKI/cert.pem", "-key", "$PKI/key.pem", "-quiet"],
        tls12_hello_offering_deflate(), "a TLS 1.2 hello offering DEFLATE then null and the SCSV (capture.py)",
        "ServerHello (null compression, renegotiation_info), Certificate, ServerHelloDone")
