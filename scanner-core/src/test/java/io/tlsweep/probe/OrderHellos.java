package io.tlsweep.probe;

import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.ProtocolVersion;
import java.util.List;

/** The connection formula's part for the order proof, shared by the tests that assert the formula. */
public final class OrderHellos {
    private OrderHellos() {
    }

    /**
     * The pair hellos a version with these suites, found in this order, costs in a full scan: none below two suites;
     * one (the pair reversed) when the enumeration's first hello offered the pair in order and got its first suite;
     * else two.
     */
    public static int of(ProtocolVersion v, List<CipherSuite> found) {
        if (found.size() < 2) {
            return 0;
        }
        List<CipherSuite> pair = PreferenceCheck.pair(found);
        List<CipherSuite> candidates = SuiteEnumeration.candidates(v);
        List<CipherSuite> firstOffer = v.equals(ProtocolVersion.TLSv1_0) ? candidates.subList(0, 128)
                : v.equals(ProtocolVersion.TLSv1_3) ? HelloTemplates.withOlderSuites(candidates) : candidates;
        int first = firstOffer.indexOf(pair.get(0));
        int second = firstOffer.indexOf(pair.get(1));
        return pair.get(0).equals(found.get(0)) && first >= 0 && second > first ? 1 : 2;
    }
}
