package io.tlsweep.evidence.capture;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Builds the packets of the pure tests byte by byte, from the RFCs' layouts: TLS hellos and alerts (RFC 8446,
 * RFC 5246), TCP (RFC 9293), IPv4 (RFC 791), IPv6 and its extension headers (RFC 8200), and the link layers of
 * tcpdump.org's LINKTYPE_ list.
 */
final class Packets {
    static final byte[] CLIENT = {10, 0, 0, 7};
    static final byte[] SERVER = {10, 0, 0, 1};
    static final int SYN = TcpSegment.SYN;
    static final int ACK = TcpSegment.ACK;
    static final int PSH_ACK = 0x18;

    private Packets() {
    }

    /** A growable byte buffer with big-endian integers. */
    static final class Bytes {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Bytes u8(int v) {
            out.write(v);
            return this;
        }

        Bytes u16(int v) {
            return u8(v >> 8).u8(v);
        }

        Bytes u24(int v) {
            return u8(v >> 16).u16(v);
        }

        Bytes u32(long v) {
            return u16((int) (v >> 16)).u16((int) v);
        }

        Bytes bytes(byte[] b) {
            out.writeBytes(b);
            return this;
        }

        /** {@code body} after its length in {@code width} bytes. */
        Bytes vector(int width, byte[] body) {
            switch (width) {
                case 1 -> u8(body.length);
                case 2 -> u16(body.length);
                default -> u24(body.length);
            }
            return bytes(body);
        }

        byte[] done() {
            return out.toByteArray();
        }
    }

    static Bytes bytes() {
        return new Bytes();
    }

    private static byte[] u16s(int... codes) {
        Bytes b = bytes();
        for (int c : codes) {
            b.u16(c);
        }
        return b.done();
    }

    private static Bytes extension(Bytes b, int type, byte[] body) {
        return b.u16(type).vector(2, body);
    }

    /**
     * A TLS 1.3-capable ClientHello in a record of version 0x0301, with GREASE values (RFC 8701) among its suites,
     * extensions, groups and versions: suites 0a0a c02f 002f; extensions 0a0a, server_name {@code sni},
     * supported_groups (1a1a 001d 0017), signature_algorithms (0403 0804), ALPN (h2, http/1.1),
     * supported_versions (2a2a 0304 0303).
     */
    static byte[] clientHello(String sni) {
        byte[] name = sni.getBytes(StandardCharsets.US_ASCII);
        Bytes ext = bytes();
        extension(ext, 0x0A0A, new byte[0]);
        extension(ext, 0, bytes().vector(2, bytes().u8(0).vector(2, name).done()).done());
        extension(ext, 10, bytes().vector(2, u16s(0x1A1A, 0x001D, 0x0017)).done());
        extension(ext, 13, bytes().vector(2, u16s(0x0403, 0x0804)).done());
        extension(ext, 16, bytes().vector(2, bytes().vector(1, "h2".getBytes(StandardCharsets.US_ASCII))
                .vector(1, "http/1.1".getBytes(StandardCharsets.US_ASCII)).done()).done());
        extension(ext, 43, bytes().vector(1, u16s(0x2A2A, 0x0304, 0x0303)).done());
        byte[] body = bytes().u16(0x0303).bytes(new byte[32]).vector(1, new byte[0])
                .vector(2, u16s(0x0A0A, 0xC02F, 0x002F)).vector(1, new byte[] {0}).vector(2, ext.done()).done();
        return record(0x16, 0x0301, bytes().u8(1).vector(3, body).done());
    }

    /** A ClientHello of TLS 1.0 with no extensions, suites 0x002F and 0x000A. */
    static byte[] clientHello10() {
        byte[] body = bytes().u16(0x0301).bytes(new byte[32]).vector(1, new byte[0]).vector(2, u16s(0x002F, 0x000A))
                .vector(1, new byte[] {0}).done();
        return record(0x16, 0x0301, bytes().u8(1).vector(3, body).done());
    }

    /** A TLS ≤ 1.2 ServerHello of {@code version} and {@code suite}, followed by ServerHelloDone. */
    static byte[] serverHello(int version, int suite) {
        byte[] body = bytes().u16(version).bytes(random()).vector(1, new byte[0]).u16(suite).u8(0).done();
        return record(0x16, version, bytes().u8(2).vector(3, body).u8(14).u24(0).done());
    }

    /** A TLS 1.3 ServerHello (supported_versions 0x0304) choosing {@code suite}. */
    static byte[] serverHello13(int suite) {
        byte[] ext = extension(bytes(), 43, u16s(0x0304)).done();
        byte[] body = bytes().u16(0x0303).bytes(random()).vector(1, new byte[0]).u16(suite).u8(0)
                .vector(2, ext).done();
        return record(0x16, 0x0303, bytes().u8(2).vector(3, body).done());
    }

    private static byte[] random() {
        byte[] r = new byte[32];
        r[0] = 0x5A;
        return r;
    }

    static byte[] alert(int level, int description) {
        return record(0x15, 0x0303, new byte[] {(byte) level, (byte) description});
    }

    static byte[] record(int type, int version, byte[] fragment) {
        return bytes().u8(type).u16(version).vector(2, fragment).done();
    }

    /** A TCP segment (20-byte header) from {@code srcPort} to {@code dstPort}. */
    static byte[] tcp(int srcPort, int dstPort, long seq, int flags, byte[] payload) {
        return bytes().u16(srcPort).u16(dstPort).u32(seq).u32(0).u8(5 << 4).u8(flags).u16(65535).u16(0).u16(0)
                .bytes(payload).done();
    }

    /** An IPv4 packet carrying a TCP segment; {@code options} 4-byte words of IP options lengthen the header. */
    static byte[] ipv4(byte[] src, byte[] dst, byte[] tcp, int options) {
        int header = 20 + 4 * options;
        Bytes b = bytes().u8(0x40 | header / 4).u8(0).u16(header + tcp.length).u16(1).u16(0x4000).u8(64).u8(6)
                .u16(0).bytes(src).bytes(dst);
        for (int i = 0; i < options; i++) {
            b.u32(0x01010101L); // NOPs
        }
        return b.bytes(tcp).done();
    }

    static byte[] ipv4(byte[] src, byte[] dst, byte[] tcp) {
        return ipv4(src, dst, tcp, 0);
    }

    /** An IPv6 packet carrying a TCP segment after a hop-by-hop and a destination options header. */
    static byte[] ipv6(byte[] src, byte[] dst, byte[] tcp) {
        byte[] hopByHop = bytes().u8(60).u8(0).u16(0x0104).u32(0).done(); // next: destination options; PadN
        byte[] destination = bytes().u8(6).u8(0).u16(0x0104).u32(0).done(); // next: TCP
        return bytes().u32(0x60000000L).u16(hopByHop.length + destination.length + tcp.length).u8(0).u8(64)
                .bytes(src).bytes(dst).bytes(hopByHop).bytes(destination).bytes(tcp).done();
    }

    /** An Ethernet frame with these 802.1Q tags (VLAN ids) before the EtherType. */
    static byte[] ethernet(byte[] ip, int... vlans) {
        Bytes b = bytes().bytes(new byte[] {2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2});
        for (int v : vlans) {
            b.u16(0x8100).u16(v);
        }
        return b.u16(etherType(ip)).bytes(ip).done();
    }

    /** A Linux cooked v2 frame (LINKTYPE_LINUX_SLL2). */
    static byte[] sll2(byte[] ip) {
        return bytes().u16(etherType(ip)).u16(0).u32(1).u16(772).u8(0).u8(6).bytes(new byte[8]).bytes(ip).done();
    }

    /** A Linux cooked v1 frame (LINKTYPE_LINUX_SLL). */
    static byte[] sll(byte[] ip) {
        return bytes().u16(0).u16(772).u16(6).bytes(new byte[8]).u16(etherType(ip)).bytes(ip).done();
    }

    /** A BSD loopback frame: AF_INET (2) or FreeBSD's AF_INET6 (28), in little- or big-endian order. */
    static byte[] loopback(byte[] ip, boolean littleEndian) {
        int family = (ip[0] & 0xF0) == 0x60 ? 28 : 2;
        return littleEndian ? bytes().u8(family).u8(0).u16(0).bytes(ip).done() : bytes().u32(family).bytes(ip).done();
    }

    private static int etherType(byte[] ip) {
        return (ip[0] & 0xF0) == 0x60 ? 0x86DD : 0x0800;
    }
}
