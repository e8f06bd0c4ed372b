package io.tlsweep.report.drift;

import io.tlsweep.report.ResultJson;
import java.util.Comparator;

/**
 * Which endpoint a result line is about, for matching two runs: the target as given, the port and the SNI
 * name (null when none was sent; an empty name counts as none). The target already holds the port when it
 * was given as host:port; the port is part of the key anyway.
 */
public record EndpointKey(String target, int port, String sni) implements Comparable<EndpointKey> {
    private static final Comparator<String> TEXT = Comparator.nullsFirst(Comparator.naturalOrder());
    private static final Comparator<EndpointKey> ORDER = Comparator.comparing(EndpointKey::target, TEXT)
            .thenComparingInt(EndpointKey::port).thenComparing(EndpointKey::sni, TEXT);

    public EndpointKey {
        target = target == null ? "" : target;
        sni = sni == null || sni.isEmpty() ? null : sni;
    }

    public static EndpointKey of(ResultJson r) {
        return new EndpointKey(r.target(), r.port(), r.sni());
    }

    /** "target" or "target (sni name)", as the other reports name an endpoint. */
    public String name() {
        return sni == null || target.startsWith(sni) ? target : target + " (sni " + sni + ")";
    }

    @Override
    public int compareTo(EndpointKey o) {
        return ORDER.compare(this, o);
    }
}
