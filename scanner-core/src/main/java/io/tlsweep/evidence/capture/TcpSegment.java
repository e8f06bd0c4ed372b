package io.tlsweep.evidence.capture;

import java.util.Arrays;

/**
 * A TCP segment read out of an IPv4 or IPv6 packet. IPv6 extension headers (hop-by-hop, routing, destination
 * options, authentication) are skipped; fragments are not reassembled and are passed over (a ClientHello is sent
 * in whole segments). Pure.
 *
 * @param source the sender's address as text
 * @param sourcePort the sender's port
 * @param destination the receiver's address as text
 * @param destinationPort the receiver's port
 * @param sequence the sequence number of the first payload byte (of the SYN, for a SYN)
 * @param flags the TCP flags byte
 * @param payload the payload bytes captured
 * @param cut whether the capture kept less of the segment than was sent (the snaplen)
 */
record TcpSegment(String source, int sourcePort, String destination, int destinationPort, long sequence, int flags,
        byte[] payload, boolean cut) {
    static final int FIN = 0x01;
    static final int SYN = 0x02;
    static final int RST = 0x04;
    static final int ACK = 0x10;

    private static final int TCP = 6;

    boolean has(int flag) {
        return (flags & flag) != 0;
    }

    /** The TCP segment in the IP packet at {@code ip} of {@code frame}; null when it holds none. */
    static TcpSegment parse(byte[] frame, int ip) {
        if (ip < 0 || frame.length < ip + 1) {
            return null;
        }
        int version = (frame[ip] & 0xFF) >> 4;
        return version == 4 ? v4(frame, ip) : version == 6 ? v6(frame, ip) : null;
    }

    private static TcpSegment v4(byte[] b, int ip) {
        if (b.length < ip + 20) {
            return null;
        }
        int headerLength = (b[ip] & 0x0F) * 4;
        int total = LinkLayer.u16(b, ip + 2);
        if (headerLength < 20 || total < headerLength || (LinkLayer.u16(b, ip + 6) & 0x3FFF) != 0
                || (b[ip + 9] & 0xFF) != TCP || b.length < ip + headerLength) {
            return null;
        }
        return tcp(b, ip + headerLength, ip + total, IpText.of(b, ip + 12, 4), IpText.of(b, ip + 16, 4));
    }

    private static TcpSegment v6(byte[] b, int ip) {
        if (b.length < ip + 40) {
            return null;
        }
        int payloadLength = LinkLayer.u16(b, ip + 4);
        int end = payloadLength == 0 ? b.length : ip + 40 + payloadLength; // 0: a jumbogram, as long as captured
        int next = b[ip + 6] & 0xFF;
        int at = ip + 40;
        for (int headers = 0; headers < 8 && next != TCP; headers++) {
            if (b.length < at + 8) {
                return null;
            }
            switch (next) {
                case 0, 43, 60 -> {
                    next = b[at] & 0xFF;
                    at += ((b[at + 1] & 0xFF) + 1) * 8;
                }
                case 44 -> {
                    if ((LinkLayer.u16(b, at + 2) & 0xFFF9) != 0) {
                        return null; // a fragment with an offset or more to come: not reassembled
                    }
                    next = b[at] & 0xFF;
                    at += 8;
                }
                case 51 -> {
                    next = b[at] & 0xFF;
                    at += ((b[at + 1] & 0xFF) + 2) * 4;
                }
                default -> {
                    return null;
                }
            }
        }
        return next == TCP ? tcp(b, at, end, IpText.of(b, ip + 8, 16), IpText.of(b, ip + 24, 16)) : null;
    }

    private static TcpSegment tcp(byte[] b, int at, int ipEnd, String source, String destination) {
        if (b.length < at + 20 || ipEnd < at + 20) {
            return null;
        }
        int headerLength = ((b[at + 12] & 0xFF) >> 4) * 4;
        if (headerLength < 20 || ipEnd < at + headerLength) {
            return null;
        }
        int from = Math.min(at + headerLength, b.length);
        int to = Math.min(ipEnd, b.length);
        long sequence = (long) LinkLayer.u16(b, at + 4) << 16 | LinkLayer.u16(b, at + 6);
        return new TcpSegment(source, LinkLayer.u16(b, at), destination, LinkLayer.u16(b, at + 2), sequence,
                b[at + 13] & 0xFF, Arrays.copyOfRange(b, from, Math.max(from, to)), ipEnd > b.length);
    }
}
