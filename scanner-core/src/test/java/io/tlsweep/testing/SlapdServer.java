package io.tlsweep.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A real OpenLDAP slapd (Debian's package, built with GnuTLS) answering LDAP's StartTLS on a free port of 127.0.0.1,
 * in the foreground ({@code -d 0}) from a private {@code slapd.conf} (one empty back_mdb database in the temp dir);
 * the system's slapd and its configuration are never touched. Debian's slapd takes its TLS settings as a GnuTLS
 * priority string ({@code TLSCipherSuite}), which states the versions and the suites together.
 */
public final class SlapdServer {
    private static final Path SLAPD = Path.of("/usr/sbin/slapd");
    private static final Path CORE_SCHEMA = Path.of("/etc/ldap/schema/core.schema");

    /**
     * The SASL security properties slapd asks of a mechanism it lists: no plain text, no anonymous login, none open
     * to active attacks (of Debian's libsasl2-modules, that leaves the SCRAM family).
     */
    public static final String SASL_SECPROPS = "noplain,noanonymous,noactive";

    private SlapdServer() {
    }

    /** Starts slapd serving {@code key}'s certificate with this GnuTLS priority string as its TLSCipherSuite. */
    public static ForegroundDaemon start(SelfSignedKey key, String gnutlsPriority) throws IOException,
            InterruptedException {
        Path slapd = ForegroundDaemon.binary("slapd", SLAPD);
        if (!Files.isRegularFile(CORE_SCHEMA)) {
            throw new AssertionError(CORE_SCHEMA + " is missing: `sh scripts/test-deps.sh` installs Debian's slapd");
        }
        ForegroundDaemon.requireRoot("slapd");
        Path dir = ForegroundDaemon.directory("tlsweep-slapd");
        String d = dir.toString();
        Files.createDirectory(dir.resolve("db"));
        key.writePem(dir.resolve("cert.pem"), dir.resolve("key.pem"));
        Files.writeString(dir.resolve("slapd.conf"), String.join("\n",
                "include " + CORE_SCHEMA,
                "pidfile " + d + "/slapd.pid",
                "modulepath /usr/lib/ldap",
                "moduleload back_mdb",
                "TLSCertificateFile " + d + "/cert.pem",
                "TLSCertificateKeyFile " + d + "/key.pem",
                "TLSCipherSuite " + gnutlsPriority,
                "sasl-secprops " + SASL_SECPROPS,
                "database mdb",
                "suffix \"dc=tlsweep,dc=test\"",
                "directory " + d + "/db", ""));
        int port = ForegroundDaemon.freePort();
        return ForegroundDaemon.start("slapd", dir, List.of(slapd.toString(), "-d", "0", "-h",
                "ldap://127.0.0.1:" + port + "/", "-f", d + "/slapd.conf"), Map.of(), List.of(port));
    }
}
