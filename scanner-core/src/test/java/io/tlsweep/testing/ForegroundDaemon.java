package io.tlsweep.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A real server from a Debian package run by a test: in the foreground, as a child of the test's JVM, with its
 * private configuration in a temp dir and its output in {@code daemon.out} there. It is up when every port it was
 * given listens (read from {@code /proc/net/tcp}, so no probe connection reaches the server and its logs stay the
 * test's); it is stopped through its own process handle (SIGTERM, then SIGKILL after 10 s) and then the processes
 * it had started are waited for by their handles, never by name.
 */
public final class ForegroundDaemon implements AutoCloseable {
    private static final long START_SECONDS = 20;

    private final String name;
    private final Path dir;
    private final Process process;
    private final List<Integer> ports;
    private List<ProcessHandle> started;

    private ForegroundDaemon(String name, Path dir, Process process, List<Integer> ports) {
        this.name = name;
        this.dir = dir;
        this.process = process;
        this.ports = ports;
    }

    /**
     * The first of these binaries that is installed.
     *
     * @throws AssertionError naming the Debian package and scripts/test-deps.sh when none is
     */
    public static Path binary(String debianPackage, Path... candidates) {
        return Stream.of(candidates).filter(Files::isExecutable).findFirst().orElseThrow(() -> new AssertionError(
                List.of(candidates) + " not installed: `sh scripts/test-deps.sh` (the first half of the README's test"
                        + " command) installs Debian's " + debianPackage));
    }

    /**
     * Fails the calling test unless it runs as root: Postfix's master, Dovecot, vsftpd and MariaDB switch to their own
     * users and refuse to start otherwise, PostgreSQL is started as its own user (CI and this machine run the tests as
     * root).
     */
    public static void requireRoot(String server) throws IOException {
        Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        if (!Integer.valueOf(0).equals(uid)) {
            throw new AssertionError(server + " must be started as root (it switches to its own users), but the"
                    + " tests run as uid " + uid);
        }
    }

    /**
     * A fresh temp dir readable by the unprivileged users the servers switch to ({@code postfix}, {@code dovecot},
     * {@code nobody}): rwxr-xr-x.
     */
    public static Path directory(String prefix) throws IOException {
        return Files.createTempDirectory(prefix,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    }

    /**
     * Starts {@code command} in {@code dir} with these extra environment variables and waits (at most 20 s) until
     * every one of {@code ports} listens on a loopback address.
     *
     * @throws IOException when it exits or does not listen in time (with what it said)
     */
    public static ForegroundDaemon start(String name, Path dir, List<String> command, Map<String, String> env,
            Collection<Integer> ports) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("daemon.out").toFile()).redirectInput(ProcessBuilder.Redirect.from(
                        Path.of("/dev/null").toFile()));
        builder.environment().putAll(env);
        ForegroundDaemon daemon = new ForegroundDaemon(name, dir, builder.start(), List.copyOf(ports));
        try {
            daemon.awaitListening(daemon.ports);
        } catch (IOException | RuntimeException e) {
            daemon.close();
            throw e;
        }
        return daemon;
    }

    private void awaitListening(Collection<Integer> ports) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException(name + " exited with " + process.exitValue() + ": " + logs());
            }
            List<Integer> listening = listeningPorts();
            if (listening.containsAll(ports)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IOException(name + " did not listen on " + ports + " within " + START_SECONDS + " s: " + logs());
    }

    /** Ports in LISTEN state on any address, from the kernel's tables. */
    private static List<Integer> listeningPorts() throws IOException {
        List<Integer> ports = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path p = Path.of(table);
            if (!Files.exists(p)) {
                continue;
            }
            for (String line : Files.readAllLines(p, StandardCharsets.US_ASCII)) {
                String[] cols = line.trim().split("\\s+");
                if (cols.length > 3 && cols[3].equals("0A")) {
                    String local = cols[1];
                    ports.add(Integer.parseInt(local.substring(local.lastIndexOf(':') + 1), 16));
                }
            }
        }
        return ports;
    }

    /** A port free on 127.0.0.1 just now (the kernel's choice). */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /**
     * Makes these files and directories the Debian system user's (the package that creates it is named when it does
     * not exist), for a server that runs as that user and reads or writes them.
     */
    public static void giveTo(String user, String debianPackage, Path... paths) throws IOException {
        UserPrincipal owner;
        try {
            owner = FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(user);
        } catch (UserPrincipalNotFoundException e) {
            throw new AssertionError("no user " + user + ": `sh scripts/test-deps.sh` (the first half of the README's"
                    + " test command) installs Debian's " + debianPackage + ", which creates it", e);
        }
        for (Path p : paths) {
            Files.setOwner(p, owner);
        }
    }

    /**
     * The one port it was started with.
     *
     * @throws IllegalStateException when it was given several (or none): their owner knows which is which
     */
    public int port() {
        if (ports.size() != 1) {
            throw new IllegalStateException(name + " listens on " + ports + ", not on one port");
        }
        return ports.get(0);
    }

    /** The temp dir with the configuration and the output. */
    public Path dir() {
        return dir;
    }

    /** What the server wrote to its output and to every {@code *.log} in its dir, for a failing assertion. */
    public String logs() {
        StringBuilder b = new StringBuilder();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().matches(".*\\.(out|log)")).sorted().toList()) {
                String text = Files.readString(f, StandardCharsets.UTF_8).strip();
                b.append(f.getFileName()).append(": ")
                        .append(text.length() > 4000 ? "..." + text.substring(text.length() - 4000) : text)
                        .append('\n');
            }
        } catch (IOException | UncheckedIOException e) {
            b.append("(logs unreadable: ").append(e.getMessage()).append(')');
        }
        return b.toString();
    }

    /**
     * Sends SIGTERM to the server without waiting, so that several can shut down at once (Dovecot takes about 3 s);
     * {@link #close} then waits. The processes it had started are noted first, to be waited for by their handles.
     */
    public void requestStop() {
        if (started == null) {
            started = process.descendants().toList();
            process.destroy();
        }
    }

    @Override
    public void close() throws InterruptedException {
        requestStop();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        for (ProcessHandle child : started) {
            try {
                child.onExit().get(10, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                child.destroyForcibly();
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temp dir left behind is harmless
        }
    }

    @Override
    public String toString() {
        return name.toLowerCase(Locale.ROOT) + " in " + dir;
    }
}
