package io.tlsweep.probe;

import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.ProtocolVersion;
import java.util.List;

/** The order in which tlsweep offers a version's candidate suites, and what it reveals about a server. */
public final class OfferOrder {
    private OfferOrder() {
    }

    /** Every suite the registry knows for the version, the ones servers commonly run first. */
    public static List<CipherSuite> candidates(ProtocolVersion version) {
        return SuiteEnumeration.candidates(version);
    }

    /**
     * Whether suites were found exactly in the order tlsweep offers them: what a server following the client's
     * order does, so only then does telling client from server order cost a hello.
     */
    public static boolean foundInOfferedOrder(ProtocolVersion version, List<CipherSuite> found) {
        return candidates(version).stream().filter(found::contains).toList().equals(found);
    }
}
