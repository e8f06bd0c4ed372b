package io.tlsweep.targets;

import java.util.List;

/**
 * What a target accepts at one protocol version.
 *
 * @param suites exactly the suites accepted at this version; in server preference order when
 *               {@code order} is {@link OrderPolicy#SERVER}
 */
public record VersionFacts(TlsVersion version, List<Suite> suites, OrderPolicy order) {

    public VersionFacts {
        suites = List.copyOf(suites);
    }

    public List<Integer> codes() {
        return suites.stream().map(Suite::code).toList();
    }
}
