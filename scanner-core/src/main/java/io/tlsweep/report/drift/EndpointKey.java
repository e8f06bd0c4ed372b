package io.tlsweep.report.drift;

import io.tlsweep.report.ResultJson;
import java.util.Comparator;

/**
 * Which endpoint a result line is about, for matching two runs: the target as given, the port, the SNI
 * name (null when none was sent; an empty name counts as none) and the protocol said before TLS (null when TLS
 * starts with the first byte). The target already holds the port when it was given as host:port; the port is
 * part of the key anyway.
 */
public record EndpointKey(String target, int port, String sni, String prelude) implements Comparable<EndpointKey> {
    private static final Comparator<String> TEXT = Comparator.nullsFirst(Comparator.naturalOrder());
    private static final Comparator<EndpointKey> ORDER = Comparator.comparing(EndpointKey::target, TEXT)
            .thenComparingInt(EndpointKey::port).thenComparing(EndpointKey::sni, TEXT)
            .thenComparing(EndpointKey::prelude, TEXT);

    public EndpointKey {
        target = target == null ? "" : target;
        sni = sni == null || sni.isEmpty() ? null : sni;
        prelude = prelude == null || prelude.isEmpty() ? null : prelude;
    }

    /** An endpoint where TLS starts with the first byte. */
    public EndpointKey(String target, int port, String sni) {
        this(target, port, sni, null);
    }

    public static EndpointKey of(ResultJson r) {
        return new EndpointKey(r.target(), r.port(), r.sni(), r.preludeProtocol().orElse(null));
    }

    /** "target", "target (sni name)", "target (smtp)", as the other reports name an endpoint. */
    public String name() {
        String named = sni == null || target.startsWith(sni) ? target : target + " (sni " + sni + ")";
        return prelude == null ? named : named + " (" + prelude + ")";
    }

    @Override
    public int compareTo(EndpointKey o) {
        return ORDER.compare(this, o);
    }
}
