package io.tlsweep.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Real nginx, Apache httpd and HAProxy from Debian's packages, each writing an access log in a format it is given
 * (the evidence readers' documented ones): TLS listeners on loopback addresses and ports that accept TLS 1.0 to 1.3
 * ({@code @SECLEVEL=0}, OpenSSL 3 refuses the old versions otherwise), one plain-HTTP listener, a fresh self-signed
 * certificate, every request answered without content. Each runs in the foreground as a {@link ForegroundDaemon}
 * with its private configuration in its own temp dir; the log goes to a file outside it, complete once the daemon
 * was closed (stopped by its process handle and waited for).
 */
public final class AccessLoggingServers {
    private static final String APACHE_MODULES = "/usr/lib/apache2/modules/";

    /** A loopback address and port to listen on. */
    public record Listener(String address, int port) {
        String hostPort() {
            return address.contains(":") ? "[" + address + "]:" + port : address + ":" + port;
        }
    }

    private AccessLoggingServers() {
    }

    /**
     * nginx with {@code logFormat} (a {@code log_format tlsweep ...} directive) for its access log {@code log}.
     */
    public static ForegroundDaemon nginx(String logFormat, Path log, List<Listener> tls, Listener plain)
            throws IOException, InterruptedException {
        Path binary = ForegroundDaemon.binary("nginx", Path.of("/usr/sbin/nginx"));
        Path dir = certified("tlsweep-nginx-log");
        String d = dir.toString();
        List<String> conf = new ArrayList<>(List.of("worker_processes 1;", "pid " + d + "/nginx.pid;",
                "error_log " + d + "/error.log info;", "events { worker_connections 64; }", "http {",
                "  client_body_temp_path " + d + "/body; proxy_temp_path " + d + "/proxy;",
                "  fastcgi_temp_path " + d + "/fastcgi; uwsgi_temp_path " + d + "/uwsgi; scgi_temp_path " + d
                        + "/scgi;",
                "  " + logFormat, "  access_log " + log + " tlsweep;", "  server {"));
        tls.forEach(l -> conf.add("    listen " + l.hostPort() + " ssl;"));
        conf.addAll(List.of("    listen " + plain.hostPort() + ";",
                "    ssl_certificate " + d + "/cert.pem; ssl_certificate_key " + d + "/key.pem;",
                "    ssl_protocols TLSv1 TLSv1.1 TLSv1.2 TLSv1.3; ssl_ciphers 'DEFAULT:@SECLEVEL=0';",
                "    return 204;", "  }", "}", ""));
        Files.write(dir.resolve("nginx.conf"), conf);
        return ForegroundDaemon.start("nginx", dir, List.of(binary.toString(), "-p", d, "-c", d + "/nginx.conf",
                "-e", d + "/error.log", "-g", "daemon off;"), Map.of(), ports(tls, plain));
    }

    /**
     * Apache httpd (event MPM, mod_ssl, children as www-data) with {@code logFormat} (a {@code LogFormat ... tlsweep}
     * directive) for its access log {@code log}.
     */
    public static ForegroundDaemon apache(String logFormat, Path log, List<Listener> tls, Listener plain)
            throws IOException, InterruptedException {
        Path binary = ForegroundDaemon.binary("apache2", Path.of("/usr/sbin/apache2"));
        Path dir = certified("tlsweep-apache-log");
        String d = dir.toString();
        List<String> conf = new ArrayList<>(List.of("ServerRoot " + d, "DefaultRuntimeDir " + d,
                "PidFile " + d + "/httpd.pid", "ServerName localhost", "User www-data", "Group www-data",
                "LoadModule mpm_event_module " + APACHE_MODULES + "mod_mpm_event.so",
                "LoadModule authz_core_module " + APACHE_MODULES + "mod_authz_core.so",
                "LoadModule ssl_module " + APACHE_MODULES + "mod_ssl.so",
                "ErrorLog " + d + "/error.log", "LogLevel warn", logFormat, "CustomLog " + log + " tlsweep",
                "SSLProtocol +TLSv1 +TLSv1.1 +TLSv1.2 +TLSv1.3", "SSLCipherSuite DEFAULT:@SECLEVEL=0",
                "SSLSessionCache none", "DocumentRoot " + d + "/www"));
        Files.createDirectory(dir.resolve("www"));
        Set<String> addresses = new LinkedHashSet<>();
        for (Listener l : listeners(tls, plain)) {
            conf.add("Listen " + l.hostPort());
        }
        tls.forEach(l -> addresses.add(l.hostPort()));
        conf.addAll(List.of("<VirtualHost " + String.join(" ", addresses) + ">", "  SSLEngine on",
                "  SSLCertificateFile " + d + "/cert.pem", "  SSLCertificateKeyFile " + d + "/key.pem",
                "</VirtualHost>", ""));
        Files.write(dir.resolve("httpd.conf"), conf);
        return ForegroundDaemon.start("apache2", dir, List.of(binary.toString(), "-f", d + "/httpd.conf",
                "-DFOREGROUND"), Map.of(), ports(tls, plain));
    }

    /**
     * HAProxy ({@code mode http}, answering every request itself) with {@code logFormat} (the capture and
     * {@code log-format} lines) in its frontend, logging to stdout in RFC 3164 form (a syslog header as a relay
     * writes it); its stdout is the file {@code log}.
     */
    public static ForegroundDaemon haproxy(String logFormat, Path log, List<Listener> tls, Listener plain)
            throws IOException, InterruptedException {
        Path binary = ForegroundDaemon.binary("haproxy", Path.of("/usr/sbin/haproxy"));
        Path dir = certified("tlsweep-haproxy-log");
        String d = dir.toString();
        Files.writeString(dir.resolve("both.pem"), Files.readString(dir.resolve("cert.pem"))
                + Files.readString(dir.resolve("key.pem")));
        List<String> conf = new ArrayList<>(List.of("global", "  log stdout format rfc3164 local0",
                "  ssl-default-bind-options ssl-min-ver TLSv1.0 ssl-max-ver TLSv1.3",
                "  ssl-default-bind-ciphers DEFAULT:@SECLEVEL=0", "defaults", "  mode http", "  log global",
                "  timeout client 10s", "  timeout connect 5s", "  timeout server 10s", "frontend web"));
        tls.forEach(l -> conf.add("  bind " + l.hostPort() + " ssl crt " + d + "/both.pem"));
        conf.add("  bind " + plain.hostPort());
        logFormat.lines().forEach(line -> conf.add("  " + line));
        conf.addAll(List.of("  http-request return status 204", ""));
        Files.write(dir.resolve("haproxy.cfg"), conf);
        return ForegroundDaemon.start("haproxy", dir, List.of("sh", "-c", "exec \"$0\" -db -f \"$1\" >\"$2\"",
                binary.toString(), d + "/haproxy.cfg", log.toString()), Map.of(), ports(tls, plain));
    }

    private static Path certified(String prefix) throws IOException, InterruptedException {
        Path dir = ForegroundDaemon.directory(prefix);
        OpenSslServer.run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj",
                "/CN=legacy.tlsweep.test", "-days", "2", "-keyout", "key.pem", "-out", "cert.pem");
        return dir;
    }

    private static List<Listener> listeners(List<Listener> tls, Listener plain) {
        List<Listener> all = new ArrayList<>(tls);
        all.add(plain);
        return all;
    }

    private static Set<Integer> ports(List<Listener> tls, Listener plain) {
        return listeners(tls, plain).stream().map(Listener::port).collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
