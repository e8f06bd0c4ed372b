package io.tlsweep.probe;

import io.tlsweep.result.FailureKind;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.ClientHelloSpec;
import io.tlsweep.wire.KeyExchange;
import io.tlsweep.wire.NamedGroup;
import io.tlsweep.wire.ProtocolVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the key-exchange groups a version accepts, in the server's order: offer the groups, note the one
 * chosen, remove it, repeat until the server turns the hello down. TLS 1.3 reads the choice from the
 * HelloRetryRequest (empty key_share) or the key share; TLS ≤ 1.2 offers only the accepted ECDHE suites and
 * reads the curve from the ServerKeyExchange.
 */
final class GroupEnumeration implements Stage {
    private final VersionEvidence evidence;
    private final Optional<String> sni;
    private final HelloTemplates.KeyShareMode keyShares;
    private final List<CipherSuite> suites;
    private final List<NamedGroup> pool;
    private boolean finished;

    GroupEnumeration(VersionEvidence evidence, Optional<String> sni, HelloTemplates.KeyShareMode keyShares) {
        this.evidence = evidence;
        this.sni = sni;
        this.keyShares = keyShares;
        boolean tls13 = evidence.version.equals(ProtocolVersion.TLSv1_3);
        this.suites = tls13 ? List.copyOf(evidence.accepted)
                : evidence.accepted.stream().filter(s -> s.keyExchange() == KeyExchange.ECDHE).toList();
        this.pool = new ArrayList<>(HelloTemplates.groupsOffered(evidence.version));
        this.finished = suites.isEmpty();
    }

    /**
     * Whether a hello refused with {@code kind} was turned down (an alert, or the reset or close the scan took for the
     * server's way of refusing), rather than answered with something odd, which leaves the groups not found unknown.
     */
    private static boolean turnedDown(FailureKind kind) {
        return switch (kind) {
            case UNOFFERED_CHOICE, MALFORMED_REPLY, LOWER_VERSION, NOT_TLS -> false;
            default -> true;
        };
    }

    /** Whether this version has anything to enumerate groups with. */
    boolean applicable() {
        return !finished;
    }

    @Override
    public Optional<ClientHelloSpec> next() {
        if (finished || pool.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(HelloTemplates.hello(evidence.version, suites, List.copyOf(pool), sni, keyShares));
    }

    @Override
    public void fold(ClientHelloSpec sent, Reading reading) {
        if (reading instanceof Reading.Accepted a && a.group().isPresent() && pool.contains(a.group().get())) {
            evidence.groups.add(a.group().get());
            pool.remove(a.group().get());
            evidence.groupsSettled = pool.isEmpty();
            return;
        }
        if (reading instanceof Reading.Accepted) {
            evidence.note("group enumeration: a hello was accepted without showing its group");
        } else if (!(reading instanceof Reading.Rejected r)) {
            evidence.note("group enumeration cut short: " + PreferenceCheck.describe(reading));
        } else {
            evidence.groupsSettled = turnedDown(r.why().kind());
        }
        finished = true;
    }
}
