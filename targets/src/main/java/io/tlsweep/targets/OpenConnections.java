package io.tlsweep.targets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The most connections one target had open at once, counted each time the target accepts a connection (that one
 * included) in the kernel's own socket tables ({@code /proc/net/tcp} and {@code /proc/net/tcp6}): the sockets
 * connected to the target's address and port that their owner still holds, that is in SYN_SENT, ESTABLISHED or
 * CLOSE_WAIT on the side that opened them.
 *
 * <p>Not the server's own tally, nor its side of the table: a server learns that a client closed only when its
 * event loop gets to that socket, possibly after accepting the client's next connection, and even the kernel may
 * take the client's RST into the server's socket after that next connection is established (loopback packets
 * wait in a per-CPU queue). On the opening side a socket leaves those states inside the client's close call and
 * enters SYN_SENT inside its connect call. And not one pass over a table: a table is read in page-sized pieces
 * while sockets come and go, so one pass can meet a socket, and later the one that replaced it. A count is the
 * sockets found in two passes one after the other: each was held from its first sighting to its second, and every
 * first sighting comes before every second, so all were held at once at the moment between the passes. So the
 * count never exceeds what the clients held at one moment. Linux only; tests on loopback, where both sides of a
 * connection are in this machine's tables.
 */
public final class OpenConnections {
    private static final List<Path> TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));
    /** ESTABLISHED, SYN_SENT, CLOSE_WAIT: states of a socket its owner has not closed. */
    private static final Set<String> HELD = Set.of("01", "02", "08");

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
        Set<String> first = held();
        Set<String> second = held();
        first.retainAll(second);
        return first.size();
    }

    /** The held sockets to the target, each as its local and remote address in the table. */
    private Set<String> held() {
        Set<String> sockets = new HashSet<>();
        for (Path table : TABLES) {
            try (Stream<String> lines = Files.lines(table)) {
                lines.skip(1).map(String::trim).map(l -> l.split("\\s+"))
                        .filter(f -> f.length > 3 && HELD.contains(f[3])
                                && (f[2].equalsIgnoreCase(v4) || f[2].equalsIgnoreCase(v6)))
                        .forEach(f -> sockets.add(f[1] + ">" + f[2]));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + table + " to count open connections (Linux only)", e);
            }
        }
        return sockets;
    }

    private static String hex(byte b) {
        return String.format(Locale.ROOT, "%02X", b & 0xFF);
    }
}
