package io.tlsweep.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real PostgreSQL (Debian's package: the newest {@code /usr/lib/postgresql/VERSION/bin}) answering SSLRequest on a
 * free port of 127.0.0.1: a fresh cluster made by {@code initdb} in a temp dir, its postmaster run in the foreground
 * from that data dir with every setting on its command line and no Unix socket; no cluster or service of the
 * system's is touched. PostgreSQL refuses to run as root, so both run as the {@code postgres} user the package
 * creates, through {@code setpriv}, which execs (the postmaster is the test's child, stopped by its handle).
 */
public final class PostgresServer {
    private static final Path VERSIONS = Path.of("/usr/lib/postgresql");

    private PostgresServer() {
    }

    /**
     * Starts PostgreSQL serving {@code key}'s certificate with SSL on and these settings (e.g.
     * {@code ssl_min_protocol_version=TLSv1.2}, {@code ssl_ciphers=...}), each given as {@code -c NAME=VALUE}.
     */
    public static ForegroundDaemon start(SelfSignedKey key, List<String> settings) throws IOException,
            InterruptedException {
        Path bin = binDirectory();
        ForegroundDaemon.requireRoot("PostgreSQL");
        Path dir = ForegroundDaemon.directory("tlsweep-postgres");
        Path data = Files.createDirectory(dir.resolve("data"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path cert = dir.resolve("cert.pem");
        Path keyFile = dir.resolve("key.pem");
        key.writePem(cert, keyFile);
        // the server reads a key only when it is its user's and no one else may read it
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
        ForegroundDaemon.giveTo("postgres", "postgresql", data, cert, keyFile);
        OpenSslServer.run(dir, asPostgres(bin.resolve("initdb").toString(), "-D", data.toString(), "-A", "trust",
                "-U", "postgres", "--no-sync", "--no-instructions"));
        int port = ForegroundDaemon.freePort();
        List<String> command = new ArrayList<>(List.of(asPostgres(bin.resolve("postgres").toString(), "-D",
                data.toString(), "-p", String.valueOf(port), "-c", "listen_addresses=127.0.0.1", "-c",
                "unix_socket_directories=", "-c", "ssl=on", "-c", "ssl_cert_file=" + cert, "-c",
                "ssl_key_file=" + keyFile)));
        settings.forEach(s -> command.addAll(List.of("-c", s)));
        return ForegroundDaemon.start("postgres", dir, command, Map.of("LC_ALL", "C"), List.of(port));
    }

    /** The newest installed version's bin directory, with {@code initdb} and {@code postgres}. */
    private static Path binDirectory() throws IOException {
        List<Path> bins = List.of();
        if (Files.isDirectory(VERSIONS)) {
            try (Stream<Path> versions = Files.list(VERSIONS)) {
                bins = versions.filter(v -> v.getFileName().toString().matches("\\d+"))
                        .sorted(Comparator.comparingInt(v -> Integer.parseInt(v.getFileName().toString())))
                        .map(v -> v.resolve("bin")).toList();
            }
        }
        Path bin = bins.isEmpty() ? VERSIONS.resolve("VERSION/bin") : bins.get(bins.size() - 1);
        ForegroundDaemon.binary("postgresql", bin.resolve("initdb"));
        ForegroundDaemon.binary("postgresql", bin.resolve("postgres"));
        return bin;
    }

    private static String[] asPostgres(String... command) {
        List<String> all = new ArrayList<>(List.of("setpriv", "--reuid=postgres", "--regid=postgres",
                "--init-groups", "--"));
        all.addAll(List.of(command));
        return all.toArray(String[]::new);
    }
}
