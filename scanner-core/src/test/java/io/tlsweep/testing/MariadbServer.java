package io.tlsweep.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real MariaDB (Debian's mariadb-server) offering TLS in its greeting on a free port of 127.0.0.1: a fresh data
 * dir made by {@code mariadb-install-db} in a temp dir, then {@code mariadbd --no-defaults} in the foreground with
 * every option on its command line (no {@code my.cnf} is read), its socket, pid file and error log in that temp
 * dir; the system's MariaDB and {@code /var/lib/mysql} are never touched. Started as root, it switches to the
 * {@code mysql} user the package creates ({@code --user=mysql}), which owns the temp dir for that. A client from
 * 127.0.0.1 is taken for {@code localhost} (MariaDB names a loopback address so without a lookup), the host of
 * the accounts {@code mariadb-install-db} makes: with {@code --skip-name-resolve} no account would match and every
 * connection would get error 1130 in place of the greeting.
 */
public final class MariadbServer {
    private static final String PACKAGE = "mariadb-server";

    private MariadbServer() {
    }

    /**
     * Starts MariaDB serving {@code key}'s certificate with these options besides the data dir, port and certificate
     * (e.g. {@code --tls-version=TLSv1.2,TLSv1.3}, {@code --ssl-cipher=...}).
     */
    public static ForegroundDaemon start(SelfSignedKey key, List<String> options) throws IOException,
            InterruptedException {
        Path mariadbd = ForegroundDaemon.binary(PACKAGE, Path.of("/usr/sbin/mariadbd"), Path.of("/usr/sbin/mysqld"));
        Path installDb = ForegroundDaemon.binary(PACKAGE, Path.of("/usr/bin/mariadb-install-db"),
                Path.of("/usr/bin/mysql_install_db"));
        ForegroundDaemon.requireRoot("MariaDB");
        Path dir = ForegroundDaemon.directory("tlsweep-mariadb");
        String d = dir.toString();
        Path cert = dir.resolve("cert.pem");
        Path keyFile = dir.resolve("key.pem");
        key.writePem(cert, keyFile);
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
        ForegroundDaemon.giveTo("mysql", PACKAGE, dir, cert, keyFile);
        // --force: without it the script first looks the machine's host name up (resolveip), which may ask DNS
        OpenSslServer.run(dir, installDb.toString(), "--no-defaults", "--force", "--datadir=" + d + "/data",
                "--user=mysql", "--skip-test-db");
        int port = ForegroundDaemon.freePort();
        List<String> command = new ArrayList<>(List.of(mariadbd.toString(), "--no-defaults", "--user=mysql",
                "--datadir=" + d + "/data", "--socket=" + d + "/mariadb.sock", "--pid-file=" + d + "/mariadb.pid",
                "--log-error=" + d + "/mariadb.log", "--bind-address=127.0.0.1", "--port=" + port,
                "--ssl-cert=" + cert, "--ssl-key=" + keyFile));
        command.addAll(options);
        return ForegroundDaemon.start("mariadbd", dir, command, Map.of(), List.of(port));
    }
}
