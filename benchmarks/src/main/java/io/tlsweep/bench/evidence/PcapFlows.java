package io.tlsweep.bench.evidence;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A synthetic packet capture: a classic pcap file (little-endian, microseconds, Ethernet link type, as tcpdump writes
 * on Linux) of N TCP flows from {@value NginxLines#CLIENTS} client addresses to one server endpoint, each a
 * three-way handshake, the client's first flight, the server's first flight cut into 1448-byte segments, and the
 * client's FIN. The flights are real ones, captured from openssl (scanner-core's test vectors), taken in turn.
 * Sequence numbers and IPv4 header checksums are right; TCP checksums are left zero (as loopback captures with
 * checksum offload have them).
 */
public final class PcapFlows {
    /** The server endpoint of every flow. */
    public static final String SERVER = "10.0.0.1";
    public static final int PORT = 443;
    static final int MSS = 1448;
    private static final int SYN = 0x02;
    private static final int ACK = 0x10;
    private static final int PSH = 0x08;
    private static final int FIN = 0x01;

    /** One exchange: the client's bytes and the server's, as TLS records. */
    public record Flight(String name, byte[] client, byte[] server) {
        public Flight {
            Objects.requireNonNull(name, "name");
            client = client.clone();
            server = server.clone();
        }
    }

    private final OutputStream out;
    private final List<Flight> flights;
    private long micros = NginxLines.START.toEpochMilli() * 1000;

    private PcapFlows(OutputStream out, List<Flight> flights) {
        this.out = out;
        this.flights = List.copyOf(flights);
    }

    /** Writes {@code n} flows to {@code file}, flight {@code i % flights.size()} in flow {@code i}; returns bytes. */
    public static long write(Path file, long n, List<Flight> flights) throws IOException {
        try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            PcapFlows pcap = new PcapFlows(o, flights);
            pcap.header();
            for (long i = 0; i < n; i++) {
                pcap.flow(i);
            }
        }
        return Files.size(file);
    }

    private void header() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(262144).putInt(1);
        out.write(b.array());
    }

    private void flow(long i) throws IOException {
        Flight f = flights.get((int) (i % flights.size()));
        int c = (int) (i % NginxLines.CLIENTS);
        byte[] client = {(byte) 192, 0, (byte) (2 + (c >> 8)), (byte) c};
        byte[] server = {10, 0, 0, 1};
        int cport = 1024 + (int) (i % 60000);
        long cseq = 1000 + i * 7919 & 0xffffffffL;
        long sseq = 5000 + i * 104729 & 0xffffffffL;
        packet(client, server, cport, PORT, cseq, 0, SYN, new byte[0], 0, 0);
        packet(server, client, PORT, cport, sseq, cseq + 1, SYN | ACK, new byte[0], 0, 0);
        packet(client, server, cport, PORT, cseq + 1, sseq + 1, ACK, new byte[0], 0, 0);
        packet(client, server, cport, PORT, cseq + 1, sseq + 1, PSH | ACK, f.client(), 0, f.client().length);
        long cnext = cseq + 1 + f.client().length;
        for (int at = 0; at < f.server().length; at += MSS) {
            int len = Math.min(MSS, f.server().length - at);
            packet(server, client, PORT, cport, sseq + 1 + at, cnext, PSH | ACK, f.server(), at, len);
        }
        packet(client, server, cport, PORT, cnext, sseq + 1 + f.server().length, FIN | ACK, new byte[0], 0, 0);
    }

    private void packet(byte[] src, byte[] dst, int sport, int dport, long seq, long ack, int flags, byte[] data,
            int off, int len) throws IOException {
        int frame = 14 + 20 + 20 + len;
        ByteBuffer rec = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        micros += 37;
        rec.putInt((int) (micros / 1_000_000)).putInt((int) (micros % 1_000_000)).putInt(frame).putInt(frame);
        out.write(rec.array());
        ByteBuffer p = ByteBuffer.allocate(frame).order(ByteOrder.BIG_ENDIAN);
        p.put(new byte[] {2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2}).putShort((short) 0x0800); // Ethernet, IPv4
        int ip = p.position();
        p.put((byte) 0x45).put((byte) 0).putShort((short) (20 + 20 + len)).putShort((short) 0).putShort((short) 0x4000)
                .put((byte) 64).put((byte) 6).putShort((short) 0).put(src).put(dst);
        p.putShort(ip + 10, (short) checksum(p.array(), ip, 20));
        p.putShort((short) sport).putShort((short) dport).putInt((int) seq).putInt((int) ack)
                .put((byte) 0x50).put((byte) flags).putShort((short) 65535).putShort((short) 0).putShort((short) 0);
        p.put(data, off, len);
        out.write(p.array());
    }

    /** The Internet checksum (RFC 1071) of {@code len} bytes from {@code off}. */
    static int checksum(byte[] b, int off, int len) {
        long sum = 0;
        for (int i = 0; i + 1 < len; i += 2) {
            sum += (b[off + i] & 0xff) << 8 | b[off + i + 1] & 0xff;
        }
        if ((len & 1) != 0) {
            sum += (b[off + len - 1] & 0xff) << 8;
        }
        while (sum >> 16 != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (int) ~sum & 0xffff;
    }
}
