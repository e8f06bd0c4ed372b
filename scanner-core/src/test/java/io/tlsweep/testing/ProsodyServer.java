package io.tlsweep.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A real Prosody (Debian's package) serving one XMPP domain on a free client-to-server port of 127.0.0.1, with
 * STARTTLS and TLS required before anything else ({@code c2s_require_encryption}); no server-to-server, direct-TLS or
 * HTTP port. It runs in the foreground ({@code daemonize = false}, as root: {@code run_as_root}) from a private
 * {@code prosody.cfg.lua} with its data dir in a temp dir, logging to its output; the system's Prosody and
 * {@code /etc/prosody} are never touched. A client's stream header must name the domain ({@code to=}).
 */
public final class ProsodyServer {
    private static final Path PROSODY = Path.of("/usr/bin/prosody");

    private ProsodyServer() {
    }

    /**
     * Starts Prosody for {@code domain}, serving {@code key}'s certificate with these LuaSec TLS options in its
     * {@code ssl} table besides the certificate and key (e.g. {@code protocol = "tlsv1_2+"}, {@code ciphers = "..."},
     * {@code ciphersuites = "..."}; Lua's syntax).
     */
    public static ForegroundDaemon start(SelfSignedKey key, String domain, List<String> tlsOptions)
            throws IOException, InterruptedException {
        Path prosody = ForegroundDaemon.binary("prosody", PROSODY);
        ForegroundDaemon.requireRoot("Prosody");
        Path dir = ForegroundDaemon.directory("tlsweep-prosody");
        String d = dir.toString();
        Files.createDirectory(dir.resolve("data"));
        Files.createDirectory(dir.resolve("certs"));
        key.writePem(dir.resolve("cert.pem"), dir.resolve("key.pem"));
        int port = ForegroundDaemon.freePort();
        StringBuilder ssl = new StringBuilder("{ certificate = \"" + d + "/cert.pem\", key = \"" + d + "/key.pem\"");
        tlsOptions.forEach(o -> ssl.append(", ").append(o));
        ssl.append(" }");
        Files.writeString(dir.resolve("prosody.cfg.lua"), String.join("\n",
                "run_as_root = true",
                "daemonize = false",
                "pidfile = \"" + d + "/prosody.pid\"",
                "data_path = \"" + d + "/data\"",
                "certificates = \"" + d + "/certs\"",
                "log = { { levels = { min = \"info\" }, to = \"console\" } }",
                "interfaces = { \"127.0.0.1\" }",
                "c2s_ports = { " + port + " }",
                "s2s_ports = {}", "c2s_direct_tls_ports = {}", "s2s_direct_tls_ports = {}", "legacy_ssl_ports = {}",
                "http_ports = {}", "https_ports = {}",
                "modules_enabled = { \"tls\", \"saslauth\", \"disco\", \"roster\", \"ping\" }",
                "modules_disabled = { \"posix\" }",
                "authentication = \"internal_hashed\"",
                "c2s_require_encryption = true",
                "ssl = " + ssl,
                "VirtualHost \"" + domain + "\"", ""));
        return ForegroundDaemon.start("prosody", dir, List.of(prosody.toString(), "--config", d + "/prosody.cfg.lua"),
                Map.of(), List.of(port));
    }
}
