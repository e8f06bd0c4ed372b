package io.tlsweep.probe;

import io.tlsweep.result.Failure;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.NamedGroup;
import io.tlsweep.wire.ProtocolVersion;
import io.tlsweep.wire.ServerHello;
import java.util.Optional;

/** What one outcome means for the hello that was sent. */
sealed interface Reading {

    /**
     * The server took the hello: version and suite as offered; the group from a TLS 1.3 key share or
     * HelloRetryRequest, or a TLS ≤ 1.2 ServerKeyExchange.
     */
    record Accepted(ProtocolVersion version, CipherSuite suite, Optional<NamedGroup> group,
            Optional<ServerHello> hello) implements Reading {
    }

    /** The server turned the hello down; {@code versionRefused} when it said so about the version itself. */
    record Rejected(Failure why, boolean versionRefused) implements Reading {
    }

    /** No byte came back in time: what a stage is told of a hello whose answer stayed lost (a silence). */
    record Silent(Failure why) implements Reading {
    }

    /**
     * The answer was lost: the connection was reset or closed before any byte came back, or nothing came back
     * in time. A plan sends such a hello again ({@link LostAnswers}); a stage only ever sees a lost answer that
     * stood, as {@link Silent} for a silence and as a refusal ({@link Rejected}) for a reset or close.
     */
    record Lost(Failure why) implements Reading {
        /** How a stage reads it once it stands: silence, or a refusal by reset or close. */
        Reading standing() {
            return why.kind() == io.tlsweep.result.FailureKind.READ_TIMEOUT ? new Silent(why) : new Rejected(why, false);
        }
    }

    /**
     * The endpoint is unusable: nothing listens, the connect timed out, it does not speak TLS, or what is said
     * before TLS on it did not let TLS start (a prelude failure).
     */
    record Unusable(Failure why) implements Reading {
    }
}
