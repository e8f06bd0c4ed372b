package io.tlsweep.input;

import io.tlsweep.text.IpLiteral;

/**
 * A CIDR block, expanded on demand: {@link #address(long)} computes the i-th address, nothing is
 * materialised, so a /8 (16M addresses) costs the same memory as a /32.
 *
 * <p>Edges, as nmap does: every address of the block is included, network and broadcast addresses too
 * (a /31 is two targets, a /32 one, an IPv4 /0 all 2^32). The block as written is often not the subnet as
 * configured: halves of a /24 given as two /25s, or /24s of a /22 VLAN, have real hosts at their edges, and
 * tlsweep cannot tell. A true directed broadcast costs one connect timeout and reaches no TLS server (hosts
 * drop TCP to a broadcast address, RFC 1122 4.2.3.10; routers drop directed broadcasts, RFC 2644; Linux
 * refuses to connect to a local one). Addresses never worth a packet (multicast, 255.255.255.255, 0/8,
 * 240/4) are refused by {@link Scope} instead, whichever line names them. Host bits set in the address are cleared, as
 * nmap does ({@code 192.0.2.77/24} is {@code 192.0.2.0/24}). One line may expand to at most 2^32
 * addresses: IPv6 prefixes must be /96 or longer.
 */
final class AddressRange {
    static final int MAX_HOST_BITS = 32;

    private final byte[] network;
    private final int prefix;
    private final long networkLow;

    private AddressRange(byte[] network, int prefix) {
        this.network = network;
        this.prefix = prefix;
        this.networkLow = (network[network.length - 4] & 0xffL) << 24 | (network[network.length - 3] & 0xffL) << 16
                | (network[network.length - 2] & 0xffL) << 8 | (network[network.length - 1] & 0xffL);
    }

    /** @param address 4 or 16 bytes; host bits are cleared */
    static AddressRange of(byte[] address, int prefix) throws BadTargetException {
        int bits = address.length * 8;
        String family = address.length == 4 ? "IPv4" : "IPv6";
        if (prefix < 0 || prefix > bits) {
            throw new BadTargetException("bad CIDR prefix /" + prefix + " for " + family + " (0-" + bits + ")");
        }
        if (bits - prefix > MAX_HOST_BITS) {
            throw new BadTargetException(family + " range /" + prefix + " too large: 2^" + (bits - prefix)
                    + " addresses (at most 2^" + MAX_HOST_BITS + " per line: use /" + (bits - MAX_HOST_BITS)
                    + " or longer)");
        }
        byte[] network = address.clone();
        for (int bit = prefix; bit < bits; bit++) {
            network[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return new AddressRange(network, prefix);
    }

    /** Number of addresses, 1 to 2^32. */
    long size() {
        return 1L << (network.length * 8 - prefix);
    }

    /** The address at {@code index} (0 = the network address), in canonical text form. */
    String address(long index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException(index);
        }
        byte[] address = network.clone();
        long low = networkLow | index;
        int at = address.length - 4;
        address[at] = (byte) (low >>> 24);
        address[at + 1] = (byte) (low >>> 16);
        address[at + 2] = (byte) (low >>> 8);
        address[at + 3] = (byte) low;
        return IpLiteral.format(address);
    }

    boolean isIpv6() {
        return network.length == 16;
    }

    @Override
    public String toString() {
        return IpLiteral.format(network) + "/" + prefix;
    }
}
