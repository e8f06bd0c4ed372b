package io.tlsweep.prelude.rdp;

import io.tlsweep.prelude.Prelude;
import io.tlsweep.prelude.PreludeCodec;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * RDP's negotiation before TLS ([MS-RDPBCGR] 2.2.1.1, 2.2.1.2): an X.224 Connection Request in TPKT carrying an
 * RDP_NEG_REQ for {@code requested} (no cookie), answered by a Connection Confirm. TLS starts, bare, once the
 * server selects a TLS-based protocol. By default it asks for SSL, HYBRID and HYBRID_EX (not RDSTLS:
 * xrdp 0.9.21 turns a request for all four away before any confirm, captured in vectors/prelude).
 *
 * @param requested the security protocols asked for; empty asks for standard RDP security alone
 */
public record RdpPrelude(Set<SecurityProtocol> requested) implements Prelude {
    /** The protocol's name. */
    public static final String PROTOCOL = "rdp";
    /** SSL, HYBRID and HYBRID_EX. */
    public static final RdpPrelude DEFAULT = new RdpPrelude(EnumSet.of(SecurityProtocol.SSL,
            SecurityProtocol.HYBRID, SecurityProtocol.HYBRID_EX));

    public RdpPrelude {
        if (requested.contains(SecurityProtocol.STANDARD_RDP)) {
            throw new IllegalArgumentException("standard RDP security is asked for by asking for no other protocol,"
                    + " not by naming it");
        }
        requested = requested.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(requested));
    }

    /**
     * The prelude asking for exactly {@code protocols}, one set per connection: what a server accepts at all is
     * learned by asking for each set (SSL alone, SSL with HYBRID, none for standard RDP security...) in
     * connections of their own.
     */
    public static RdpPrelude requesting(Set<SecurityProtocol> protocols) {
        return new RdpPrelude(protocols);
    }

    @Override
    public String protocol() {
        return PROTOCOL;
    }

    @Override
    public PreludeCodec open() {
        return new RdpCodec(requested);
    }
}
