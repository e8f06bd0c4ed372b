package io.tlsweep.check;

import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.result.Failure;
import io.tlsweep.result.FailureKind;
import io.tlsweep.wire.HelloRetryRequest;
import io.tlsweep.wire.HybridKeyShares;
import io.tlsweep.wire.NamedGroup;
import io.tlsweep.wire.ProtocolVersion;
import io.tlsweep.wire.ServerHello;
import io.tlsweep.wire.ServerResponse;
import java.util.Optional;

/**
 * What one answer to a TLS 1.3 hello of {@link PostQuantumCheck} says about groups: a group chosen (by
 * HelloRetryRequest or by a ServerHello with its key share), the hello turned down, or nothing that settles it.
 */
sealed interface PostQuantumReply {

    /**
     * The server chose {@code group}.
     *
     * @param byRetry named in a HelloRetryRequest (it wants a share for it), not answered with a share of its own
     * @param shareBytes the length of the server's share, from a ServerHello
     */
    record Chose(NamedGroup group, boolean byRetry, Optional<Integer> shareBytes) implements PostQuantumReply {
    }

    /** The server turned the hello down: an alert, or its way of refusing a TLS 1.3 hello it has no suite for. */
    record Refused(String how) implements PostQuantumReply {
    }

    /** Nothing that settles it: a silence, a reset the server does not otherwise refuse with, something odd. */
    record Unsettled(String what) implements PostQuantumReply {
    }

    /**
     * Reads {@code outcome}.
     *
     * @param refusal how the server turned down a TLS 1.3 hello that offered none of its suites, as the scan saw
     *     it: a reset or a close of that kind is the same refusal; any other lost answer settles nothing
     */
    static PostQuantumReply read(ConnectionOutcome outcome, Optional<Failure> refusal) {
        if (outcome instanceof ConnectionOutcome.NoReply none) {
            FailureKind kind = none.failure().kind();
            boolean asItRefuses = kind != FailureKind.READ_TIMEOUT
                    && refusal.map(Failure::kind).filter(kind::equals).isPresent();
            return asItRefuses ? new Refused(none.failure() + ", as it refuses TLS 1.3 hellos")
                    : new Unsettled(none.failure().toString());
        }
        if (!(outcome instanceof ConnectionOutcome.Replied replied)) {
            return new Unsettled("no TLS answer");
        }
        ServerResponse r = replied.response();
        if (r instanceof HelloRetryRequest hrr) {
            return hrr.selectedGroup().<PostQuantumReply>map(g -> new Chose(g, true, Optional.empty()))
                    .orElseGet(() -> new Unsettled("a HelloRetryRequest that names no group"));
        }
        if (r instanceof ServerHello sh) {
            if (!sh.version().equals(ProtocolVersion.TLSv1_3)) {
                return new Unsettled("a " + sh.version().displayName() + " ServerHello to a TLS 1.3 hello");
            }
            return sh.keyShareGroup().<PostQuantumReply>map(g -> new Chose(g, false, HybridKeyShares.shareBytes(sh)))
                    .orElseGet(() -> new Unsettled("a TLS 1.3 ServerHello without a key share"));
        }
        if (r instanceof ServerResponse.Alert a) {
            return new Refused(a.levelName() + " alert " + a.description());
        }
        if (r instanceof ServerResponse.Malformed m) {
            return new Unsettled("a malformed answer: " + m.reason());
        }
        return new Unsettled("an answer that is no TLS 1.3 ServerHello (" + r.getClass().getSimpleName() + ")");
    }
}
