package io.tlsweep.probe;

import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.ProtocolVersion;
import java.util.List;

/** The order in which tlsweep offers a version's candidate suites. */
public final class OfferOrder {
    private OfferOrder() {
    }

    /** Every suite the registry knows for the version, the ones servers commonly run first. */
    public static List<CipherSuite> candidates(ProtocolVersion version) {
        return SuiteEnumeration.candidates(version);
    }
}
