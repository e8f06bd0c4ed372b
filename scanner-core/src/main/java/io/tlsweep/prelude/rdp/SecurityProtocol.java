package io.tlsweep.prelude.rdp;

import java.util.Collection;
import java.util.Optional;

/**
 * RDP's security protocols ([MS-RDPBCGR] 2.2.1.1.1, requestedProtocols and selectedProtocol): standard RDP
 * security (no TLS at all), and the ones that start with a TLS handshake right after the Connection Confirm.
 */
public enum SecurityProtocol {
    /** PROTOCOL_RDP (0): standard RDP security, RC4 keyed from the server's RDP certificate, no TLS. */
    STANDARD_RDP(0x0, "standard-rdp"),
    /** PROTOCOL_SSL: TLS. */
    SSL(0x1, "ssl"),
    /** PROTOCOL_HYBRID: CredSSP (Network Level Authentication) over TLS. */
    HYBRID(0x2, "hybrid"),
    /** PROTOCOL_RDSTLS: RDSTLS authentication over TLS. */
    RDSTLS(0x4, "rdstls"),
    /** PROTOCOL_HYBRID_EX: CredSSP with the Early User Authorization Result PDU, over TLS. */
    HYBRID_EX(0x8, "hybrid-ex"),
    /** PROTOCOL_RDSAAD: Azure AD authentication over TLS. */
    RDSAAD(0x10, "rdsaad");

    private final int bit;
    private final String label;

    SecurityProtocol(int bit, String label) {
        this.bit = bit;
        this.label = label;
    }

    /** Its flag in requestedProtocols and selectedProtocol (0 for standard RDP security). */
    public int bit() {
        return bit;
    }

    /** The name in facts: {@code standard-rdp}, {@code ssl}, {@code hybrid}, ... */
    public String label() {
        return label;
    }

    /** Whether a TLS handshake starts once the server selected it: every one but standard RDP security. */
    public boolean startsTls() {
        return this != STANDARD_RDP;
    }

    /** The requestedProtocols value asking for {@code protocols}. */
    public static int bits(Collection<SecurityProtocol> protocols) {
        int bits = 0;
        for (SecurityProtocol p : protocols) {
            bits |= p.bit;
        }
        return bits;
    }

    /** The protocol of this {@link #label()}. */
    public static Optional<SecurityProtocol> byLabel(String label) {
        for (SecurityProtocol p : values()) {
            if (p.label.equals(label)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The protocol a selectedProtocol value names, if it names exactly one known protocol. */
    public static Optional<SecurityProtocol> selected(long value) {
        for (SecurityProtocol p : values()) {
            if (p.bit == value) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
