package io.tlsweep.targets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The most connections one target had open at once, as the kernel counts them: its ESTABLISHED sockets (on its
 * address and port) in {@code /proc/net/tcp} and {@code /proc/net/tcp6}, counted each time the target accepts a
 * connection, that one included.
 *
 * <p>Not the server's own tally: a server learns that a client closed only when its event loop gets to that
 * socket, which may be after it accepted the client's next connection, and would count both. The kernel has
 * already moved the closed one out of ESTABLISHED (to CLOSE_WAIT after a FIN, gone after an RST: on loopback the
 * client's close delivers them before it returns), and a connection the client opened is ESTABLISHED on this side
 * before it is accepted. So this count never exceeds what the client had open. Linux only.
 */
public final class OpenConnections {
    private static final List<Path> TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));
    private static final String ESTABLISHED = "01";

    private final String v4;
    private final String v6;
    private final AtomicInteger peak = new AtomicInteger();
    private final AtomicInteger samples = new AtomicInteger();

    OpenConnections(String host, int port) {
        byte[] a;
        try {
            a = InetAddress.getByName(host).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address literal: " + host, e);
        }
        // the tables print each 32-bit word of an address as the CPU holds it
        String word = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN
                ? hex(a[3]) + hex(a[2]) + hex(a[1]) + hex(a[0]) : hex(a[0]) + hex(a[1]) + hex(a[2]) + hex(a[3]);
        String mapped = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? "FFFF0000" : "0000FFFF";
        String p = String.format(Locale.ROOT, ":%04X", port);
        this.v4 = word + p;
        this.v6 = "0000000000000000" + mapped + word + p;
        count(); // fails now, naming the table, where /proc cannot be read
    }

    /** Counts the target's open connections now; the peak keeps the highest count seen. */
    void sample() {
        peak.accumulateAndGet(count(), Math::max);
        samples.incrementAndGet();
    }

    /** The most connections seen open at once; 0 before the first accept. */
    public int peak() {
        return peak.get();
    }

    /** How many times the count was taken (one per accepted connection). */
    public int samples() {
        return samples.get();
    }

    private int count() {
        int n = 0;
        for (Path table : TABLES) {
            try (Stream<String> lines = Files.lines(table)) {
                n += (int) lines.skip(1).map(String::trim).map(l -> l.split("\\s+"))
                        .filter(f -> f.length > 3 && f[3].equals(ESTABLISHED)
                                && (f[1].equalsIgnoreCase(v4) || f[1].equalsIgnoreCase(v6)))
                        .count();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + table + " to count open connections (Linux only)", e);
            }
        }
        return n;
    }

    private static String hex(byte b) {
        return String.format(Locale.ROOT, "%02X", b & 0xFF);
    }
}
