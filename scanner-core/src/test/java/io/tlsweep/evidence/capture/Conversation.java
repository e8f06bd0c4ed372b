package io.tlsweep.evidence.capture;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A TCP connection written packet by packet for the pure tests: each call adds one frame, a millisecond after
 * the previous one, with the sequence numbers a real connection would have (or given ones, to reorder).
 */
final class Conversation {
    static final long START = 1_767_225_600_000_000_000L; // 2026-01-01T00:00:00Z in nanoseconds

    private final byte[] clientIp;
    private final int clientPort;
    private final byte[] serverIp;
    private final int serverPort;
    private final List<CaptureWriter.Frame> frames = new ArrayList<>();
    private UnaryOperator<byte[]> link = Packets::ethernet;
    private long clientSeq = 0xFFFFFF00L; // wraps around 2^32 within the first ClientHello
    private long serverSeq = 1_000_000;
    private long nanos = START;

    Conversation(byte[] clientIp, int clientPort, byte[] serverIp, int serverPort) {
        this.clientIp = clientIp;
        this.clientPort = clientPort;
        this.serverIp = serverIp;
        this.serverPort = serverPort;
    }

    /** 10.0.0.7:50000 to 10.0.0.1:{@code port}. */
    static Conversation to(int port) {
        return new Conversation(Packets.CLIENT, 50000, Packets.SERVER, port);
    }

    /** Frames the IP packets with this link layer (Ethernet by default). */
    Conversation link(UnaryOperator<byte[]> l) {
        this.link = l;
        return this;
    }

    /** The client's initial sequence number (the SYN's). */
    Conversation isn(long seq) {
        this.clientSeq = seq;
        return this;
    }

    Conversation handshake() {
        add(true, clientSeq, Packets.SYN, new byte[0]);
        add(false, serverSeq, Packets.SYN | Packets.ACK, new byte[0]);
        clientSeq = (clientSeq + 1) & 0xFFFFFFFFL;
        serverSeq++;
        return this;
    }

    Conversation client(byte[] payload) {
        add(true, clientSeq, Packets.PSH_ACK, payload);
        clientSeq = (clientSeq + payload.length) & 0xFFFFFFFFL;
        return this;
    }

    Conversation server(byte[] payload) {
        add(false, serverSeq, Packets.PSH_ACK, payload);
        serverSeq += payload.length;
        return this;
    }

    /** The client's next bytes cut in pieces at these offsets, sent in the order of {@code order}. */
    Conversation clientPieces(byte[] payload, int[] cuts, int... order) {
        int[] bounds = new int[cuts.length + 2];
        System.arraycopy(cuts, 0, bounds, 1, cuts.length);
        bounds[bounds.length - 1] = payload.length;
        for (int piece : order) {
            add(true, (clientSeq + bounds[piece]) & 0xFFFFFFFFL, Packets.PSH_ACK,
                    Arrays.copyOfRange(payload, bounds[piece], bounds[piece + 1]));
        }
        clientSeq = (clientSeq + payload.length) & 0xFFFFFFFFL;
        return this;
    }

    /** A frame of a packet with a given sequence number and flags. */
    Conversation add(boolean fromClient, long seq, int flags, byte[] payload) {
        byte[] tcp = fromClient ? Packets.tcp(clientPort, serverPort, seq, flags, payload)
                : Packets.tcp(serverPort, clientPort, seq, flags, payload);
        byte[] src = fromClient ? clientIp : serverIp;
        byte[] dst = fromClient ? serverIp : clientIp;
        byte[] ip = src.length == 16 ? Packets.ipv6(src, dst, tcp) : Packets.ipv4(src, dst, tcp);
        frames.add(new CaptureWriter.Frame(nanos, link.apply(ip)));
        nanos += 1_000_000;
        return this;
    }

    List<CaptureWriter.Frame> frames() {
        return List.copyOf(frames);
    }
}
