package io.tlsweep.targets;

import java.net.InetSocketAddress;

/** One running target: where it listens, how it was specified and what a scanner should find. */
public record FarmTarget(String name, String host, int port, TargetSpec spec, Expectation expected) {

    public InetSocketAddress address() {
        return new InetSocketAddress(host, port);
    }

    /** {@code host:port}, the form a scanner takes as input. */
    public String hostPort() {
        return host + ":" + port;
    }

    /** The TLS facts; throws for hostile targets. */
    public TlsExpectation tls() {
        if (expected instanceof TlsExpectation t) {
            return t;
        }
        throw new IllegalStateException(name + " is hostile, not a TLS target");
    }

    public boolean isHostile() {
        return expected instanceof HostileExpectation;
    }

    /** One line: name, address, stack or behaviour, expected versions. */
    public String describe() {
        String kind = expected instanceof TlsExpectation t ? t.stack().name() : "HOSTILE";
        return String.format("%-22s %-16s %-13s %s", name, hostPort(), kind, expected.summary());
    }
}
