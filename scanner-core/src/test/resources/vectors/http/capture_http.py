#!/usr/bin/env python3
"""Captures what real web servers answer to tlsweep's HTTP request over TLS (the http-auth check's codec vectors).

Starts nginx (and openssl s_server -www) on 127.0.0.1 with a throwaway key in a temp dir, sends the exact request
HttpRequest builds over TLS (Python's ssl), and writes everything the server sent up to its close, decrypted, as
<scenario>.server.hex in this directory (same format as ../README.md). Run as root or any user:
    python3 scanner-core/src/test/resources/vectors/http/capture_http.py
"""
import datetime, os, shutil, socket, ssl, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))

NGINX_CONF = r'''daemon off; master_process off; worker_processes 1; pid {d}/nginx.pid; error_log {d}/error.log;
events {{ worker_connections 16; }}
http {{
  access_log off; client_body_temp_path {d}; proxy_temp_path {d}; fastcgi_temp_path {d}; uwsgi_temp_path {d};
  scgi_temp_path {d};
  server {{
    listen 127.0.0.1:{port} ssl; ssl_certificate {d}/leaf.pem; ssl_certificate_key {d}/leaf.key;
    root {d}/www;
    location /basic {{ auth_basic "tlsweep test"; auth_basic_user_file {d}/htpasswd; }}
    location /iis {{ add_header WWW-Authenticate Negotiate always; add_header WWW-Authenticate NTLM always;
                    return 401; }}
    location /bearer {{ add_header WWW-Authenticate 'Bearer realm="example", error="invalid_token", error_description="The access token expired"' always;
                       return 401; }}
    location /several {{ add_header WWW-Authenticate 'Newauth realm="apps", type=1, title="Login to \\\"apps\\\"", Basic realm="simple"' always;
                        return 401; }}
  }}
}}
'''

SCENARIOS = [  # (file, server, path)
    ('nginx-auth-basic', 'nginx', '/basic/'),
    ('nginx-open', 'nginx', '/'),
    ('nginx-negotiate-ntlm', 'nginx', '/iis'),
    ('nginx-bearer', 'nginx', '/bearer'),
    ('nginx-several-challenges', 'nginx', '/several'),
    ('openssl-www', 'openssl', '/'),
]


def free_port():
    s = socket.socket()
    s.bind(('127.0.0.1', 0))
    port = s.getsockname()[1]
    s.close()
    return port


def wait_listening(port):
    for _ in range(100):
        try:
            socket.create_connection(('127.0.0.1', port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise SystemExit('nothing listens on %d' % port)


def ask(port, path):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    request = ('GET %s HTTP/1.1\r\nHost: test.example:%d\r\nUser-Agent: tlsweep\r\nAccept: */*\r\n'
               'Connection: close\r\n\r\n' % (path, port)).encode('ascii')
    with socket.create_connection(('127.0.0.1', port), timeout=5) as raw:
        with ctx.wrap_socket(raw, server_hostname='test.example') as s:
            s.sendall(request)
            got = b''
            deadline = time.time() + 5
            while time.time() < deadline:
                try:
                    chunk = s.recv(4096)
                except (ssl.SSLError, socket.timeout, ConnectionResetError):
                    break
                if not chunk:
                    break
                got += chunk
                if len(got) > 65536:
                    break
    return got


def version(cmd):
    out = subprocess.run(cmd, capture_output=True, text=True)
    return (out.stdout + out.stderr).strip().splitlines()[0]


def write(name, source, command, data):
    head = data.split(b'\r\n\r\n')[0].decode('latin-1').replace('\r\n', ' | ')
    lines = ['# scenario: ' + name, '# direction: server->client (decrypted application data, up to the close)',
             '# source: ' + source + ' on 127.0.0.1', '# command: ' + command,
             '# captured: ' + datetime.date.today().isoformat(), '# head: ' + head]
    h = data.hex()
    with open(os.path.join(HERE, name + '.server.hex'), 'w') as f:
        f.write('\n'.join(lines + [h[i:i + 64] for i in range(0, len(h), 64)]) + '\n')
    print('%-32s %5d bytes  %s' % (name, len(data), head[:100]))


def main():
    d = tempfile.mkdtemp(prefix='tlsweep-http-')
    procs = []
    try:
        subprocess.run(['openssl', 'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', d + '/leaf.key',
                        '-out', d + '/leaf.pem', '-days', '30', '-subj', '/CN=test.example'],
                       check=True, capture_output=True, timeout=60)
        os.mkdir(d + '/www')
        with open(d + '/www/index.html', 'w') as f:
            f.write('<html><body>tlsweep test</body></html>\n')
        with open(d + '/htpasswd', 'w') as f:
            f.write('user:$apr1$abcdefgh$0123456789012345678901\n')
        ports = {'nginx': free_port(), 'openssl': free_port()}
        with open(d + '/nginx.conf', 'w') as f:
            f.write(NGINX_CONF.format(d=d, port=ports['nginx']))
        procs.append(subprocess.Popen(['nginx', '-p', d, '-e', d + '/error.log', '-c', d + '/nginx.conf'],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        procs.append(subprocess.Popen(['openssl', 's_server', '-quiet', '-www', '-accept', str(ports['openssl']),
                                       '-cert', d + '/leaf.pem', '-key', d + '/leaf.key'],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        for p in ports.values():
            wait_listening(p)
        sources = {'nginx': version(['nginx', '-v']), 'openssl': version(['openssl', 'version'])}
        commands = {'nginx': 'nginx -p $TMP -c $TMP/nginx.conf (see NGINX_CONF in capture_http.py)',
                    'openssl': 'openssl s_server -quiet -www -cert $TMP/leaf.pem -key $TMP/leaf.key'}
        for name, server, path in SCENARIOS:
            write(name, sources[server], commands[server] + '  ;  client: GET ' + path + ' (capture_http.py)',
                  ask(ports[server], path))
    finally:
        for p in procs:
            p.terminate()
            p.wait(timeout=10)
        shutil.rmtree(d, ignore_errors=True)


if __name__ == '__main__':
    sys.exit(main())
