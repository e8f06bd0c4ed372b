package io.tlsweep.engine.handshake;

import io.tlsweep.result.AuthAfterTls;
import io.tlsweep.result.Failure;
import io.tlsweep.result.PreludeFacts;
import io.tlsweep.result.RealHandshake;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.ProtocolVersion;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The outcome of one full handshake: established, or a failure as a value. */
public sealed interface HandshakeOutcome {

    HandshakeTimings timings();

    /**
     * A completed handshake.
     *
     * @param version the negotiated version
     * @param cipherSuite the negotiated suite (IANA name and code via the registry)
     * @param chain the certificate chain as served, DER, leaf first; on a resumed session the chain the
     *     provider remembers from the original handshake
     * @param resumed whether an earlier session was resumed (no certificate was presented this time)
     * @param prelude what this connection's prelude learned, when the target has one; joined by what the service
     *     said over TLS about logging in ({@link io.tlsweep.result.PreludeFactsAfterTls}), when the prelude asked
     *     ({@link io.tlsweep.prelude.Prelude#afterTls()}) and the answer came
     * @param after what was done on the connection once the handshake was up ({@link AfterHandshake})
     */
    record Established(ProtocolVersion version, CipherSuite cipherSuite, List<byte[]> chain, boolean resumed,
            HandshakeTimings timings, Optional<PreludeFacts> prelude, After after) implements HandshakeOutcome {

        public Established {
            chain = List.copyOf(chain);
            Objects.requireNonNull(prelude, "prelude");
            Objects.requireNonNull(after, "after");
        }

        /** A handshake with what its prelude learned, after which nothing else was done. */
        public Established(ProtocolVersion version, CipherSuite cipherSuite, List<byte[]> chain, boolean resumed,
                HandshakeTimings timings, Optional<PreludeFacts> prelude) {
            this(version, cipherSuite, chain, resumed, timings, prelude, After.NONE);
        }

        /** A handshake after which nothing was asked. */
        public Established(ProtocolVersion version, CipherSuite cipherSuite, List<byte[]> chain, boolean resumed,
                HandshakeTimings timings) {
            this(version, cipherSuite, chain, resumed, timings, Optional.empty());
        }

        /** The same handshake, with what its prelude learned. */
        public Established withPrelude(Optional<PreludeFacts> facts) {
            return new Established(version, cipherSuite, chain, resumed, timings, facts, after);
        }

        /** The same handshake, with what was done after it. */
        public Established withAfter(After a) {
            return new Established(version, cipherSuite, chain, resumed, timings, prelude, a);
        }
    }

    /**
     * What was learned on the connection once the handshake was up, each present when it was asked for.
     *
     * @param tap the handshake messages read in clear
     * @param renegotiation how a client-initiated renegotiation went
     * @param afterTls what the after-TLS codec learned
     */
    record After(Optional<RealHandshake.Tap> tap, Optional<RealHandshake.Renegotiation> renegotiation,
            Optional<AuthAfterTls> afterTls) {
        public static final After NONE = new After(Optional.empty(), Optional.empty(), Optional.empty());

        public After {
            Objects.requireNonNull(tap, "tap");
            Objects.requireNonNull(renegotiation, "renegotiation");
            Objects.requireNonNull(afterTls, "afterTls");
        }
    }

    /** A handshake that did not complete, and why. */
    record Failed(Failure failure, HandshakeTimings timings) implements HandshakeOutcome {
    }
}
