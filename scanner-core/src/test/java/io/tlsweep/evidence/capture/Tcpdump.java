package io.tlsweep.evidence.capture;

import io.tlsweep.testing.ForegroundDaemon;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A real {@code tcpdump} capturing loopback traffic to the given ports into a pcap file, started by the test as its
 * child (as root, {@code -Z root}: Debian's tcpdump would otherwise switch to the user tcpdump, which cannot write
 * the test's temp dir) and stopped through its own process handle (SIGTERM, on which tcpdump closes the file).
 * {@code --immediate-mode} has the kernel hand each packet over at once (else the last ones can wait in its ring
 * for up to a second), {@code -U} writes each packet as it comes, {@code -s 0} keeps whole packets.
 */
final class Tcpdump implements AutoCloseable {
    private final Process process;
    private final Path file;
    private final Path log;

    private Tcpdump(Process process, Path file, Path log) {
        this.process = process;
        this.file = file;
        this.log = log;
    }

    /** Starts a capture of TCP to or from these ports on lo into {@code file}; waits (10 s at most) for it. */
    static Tcpdump start(Path file, List<Integer> ports) throws IOException, InterruptedException {
        ForegroundDaemon.requireRoot("tcpdump on lo");
        Path binary = ForegroundDaemon.binary("tcpdump", Path.of("/usr/bin/tcpdump"), Path.of("/usr/sbin/tcpdump"));
        String filter = ports.stream().map(p -> "tcp port " + p).collect(Collectors.joining(" or "));
        Path log = file.resolveSibling(file.getFileName() + ".tcpdump.out");
        Process p = new ProcessBuilder(binary.toString(), "-i", "lo", "--immediate-mode", "-U", "-s", "0", "-Z",
                "root", "-n", "-w", file.toString(), filter).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        Tcpdump dump = new Tcpdump(p, file, log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!dump.output().contains("listening on")) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                dump.close();
                throw new IOException("tcpdump did not start listening within 10 s: " + dump.output());
            }
            Thread.sleep(20);
        }
        return dump;
    }

    private String output() throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    /**
     * Waits until the file has stopped growing (for 500 ms, within 5 s), stops tcpdump and waits for it to exit.
     *
     * @return the capture's bytes
     */
    byte[] stop() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        long size = -1;
        while (System.nanoTime() < deadline && Files.size(file) != size) {
            size = Files.size(file);
            Thread.sleep(500);
        }
        close();
        if (process.exitValue() != 0) {
            throw new IOException("tcpdump exited with " + process.exitValue() + ": " + output());
        }
        return Files.readAllBytes(file);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
