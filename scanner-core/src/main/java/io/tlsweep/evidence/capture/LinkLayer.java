package io.tlsweep.evidence.capture;

/**
 * Where the IP packet starts in a frame of each link type read (the LINKTYPE_ values of tcpdump.org's list
 * "Link-layer header types"): Ethernet (1) with up to two 802.1Q / 802.1ad VLAN tags, Linux cooked capture v1 (113)
 * and v2 (276), what {@code tcpdump -i any} writes, raw IP (101, and the 12 and 14 some systems write, 228 IPv4,
 * 229 IPv6), BSD loopback (0, the address family in the capturing host's byte order; 108, in network byte order).
 * Pure.
 */
final class LinkLayer {
    static final int NULL = 0;
    static final int ETHERNET = 1;
    static final int RAW = 101;
    static final int LOOP = 108;
    static final int LINUX_SLL = 113;
    static final int IPV4 = 228;
    static final int IPV6 = 229;
    static final int LINUX_SLL2 = 276;

    /** The frame holds no IPv4 or IPv6 packet (ARP, another protocol, a frame too short). */
    static final int NO_IP = -1;
    /** The link type is not one of those read. */
    static final int UNKNOWN_LINK = -2;

    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int ETHERTYPE_IPV6 = 0x86DD;
    private static final int ETHERTYPE_VLAN = 0x8100;
    private static final int ETHERTYPE_QINQ = 0x88A8;

    private LinkLayer() {
    }

    /** Whether frames of this link type are read. */
    static boolean known(int linkType) {
        return switch (linkType) {
            case NULL, ETHERNET, 12, 14, RAW, LOOP, LINUX_SLL, IPV4, IPV6, LINUX_SLL2 -> true;
            default -> false;
        };
    }

    /** The offset of the IP header in {@code frame}, or {@link #NO_IP} or {@link #UNKNOWN_LINK}. */
    static int ipStart(int linkType, byte[] frame) {
        return switch (linkType) {
            case ETHERNET -> ethernet(frame);
            case LINUX_SLL -> frame.length >= 16 ? ip(u16(frame, 14), 16) : NO_IP;
            case LINUX_SLL2 -> frame.length >= 20 ? ip(u16(frame, 0), 20) : NO_IP;
            case RAW, 12, 14, IPV4, IPV6 -> 0;
            case NULL, LOOP -> loopback(frame, linkType == LOOP);
            default -> UNKNOWN_LINK;
        };
    }

    private static int ethernet(byte[] frame) {
        int at = 12;
        for (int tags = 0; tags <= 2; tags++) {
            if (frame.length < at + 2) {
                return NO_IP;
            }
            int type = u16(frame, at);
            if (type != ETHERTYPE_VLAN && type != ETHERTYPE_QINQ) {
                return ip(type, at + 2);
            }
            at += 4;
        }
        return NO_IP;
    }

    private static int ip(int etherType, int at) {
        return etherType == ETHERTYPE_IPV4 || etherType == ETHERTYPE_IPV6 ? at : NO_IP;
    }

    /**
     * The 4-byte address family of BSD loopback: AF_INET is 2 everywhere, AF_INET6 is 24 (NetBSD, OpenBSD), 28
     * (FreeBSD), 30 (macOS) or 10 (Linux). With {@code network} it is big-endian, else either order is accepted.
     */
    private static int loopback(byte[] frame, boolean network) {
        if (frame.length < 4) {
            return NO_IP;
        }
        long big = (frame[0] & 0xFFL) << 24 | (frame[1] & 0xFF) << 16 | (frame[2] & 0xFF) << 8 | (frame[3] & 0xFF);
        long little = Long.reverseBytes(big) >>> 32;
        long family = network || big <= 0xFF ? big : little;
        return family == 2 || family == 24 || family == 28 || family == 30 || family == 10 ? 4 : NO_IP;
    }

    static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF);
    }
}
