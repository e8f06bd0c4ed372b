package io.tlsweep.probe;

import io.tlsweep.result.Failure;
import io.tlsweep.wire.ClientHelloSpec;
import io.tlsweep.wire.NamedGroup;
import io.tlsweep.wire.ProtocolVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A lane's hello, in flight or waiting to be sent again, with the answers it lost so far.
 *
 * @param step   what the lane asks with it ("TLSv1.2 suites")
 * @param insteadOf the larger offer whose answer was lost and that {@code hello} was sent smaller in place of, to
 *                  see whether size was to blame; null for none
 */
record SentHello(VersionLane lane, String step, ClientHelloSpec hello, List<Failure> lost, ClientHelloSpec insteadOf) {
    SentHello {
        lost = List.copyOf(lost);
    }

    SentHello(VersionLane lane, String step, ClientHelloSpec hello) {
        this(lane, step, hello, List.of(), null);
    }

    SentHello lostAgain(Failure f) {
        List<Failure> more = new ArrayList<>(lost);
        more.add(f);
        return new SentHello(lane, step, hello, more, insteadOf);
    }

    /** The same lost hello, to be sent again as the smaller {@code smaller}. */
    SentHello shrunkTo(ClientHelloSpec smaller) {
        return new SentHello(lane, step, smaller, lost, hello);
    }

    boolean shrunk() {
        return insteadOf != null;
    }

    Failure lastLoss() {
        return lost.get(lost.size() - 1);
    }

    /**
     * Why a lost answer to this hello cannot be the server's own: it offered, with every group, a suite its
     * version accepted in another connection (a server that chose it there chooses it, or another, here).
     */
    Optional<String> contradiction() {
        VersionEvidence e = lane.evidence;
        List<NamedGroup> every = e.version.equals(ProtocolVersion.TLSv1_3) ? HelloTemplates.TLS13_GROUPS
                : HelloTemplates.LEGACY_GROUPS;
        if (!hello.supportedGroups().containsAll(every)) {
            return Optional.empty();
        }
        if (hello.keyShares().map(List::isEmpty).orElse(false) && e.version.equals(ProtocolVersion.TLSv1_3)
                && !e.emptyShareAccepted) {
            return Optional.empty(); // only a hello with real shares was accepted: an empty key_share is another offer
        }
        return hello.cipherSuites().stream().filter(e.accepted::contains).findFirst()
                .map(s -> e.version + " " + s.ianaName() + " was accepted in another connection");
    }

    /** How a stage reads the last lost answer once it stands as the server's own. */
    Reading standing() {
        return new Reading.Lost(lastLoss()).standing();
    }
}
