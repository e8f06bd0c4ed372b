package io.tlsweep.engine.handshake;

import io.tlsweep.result.Failure;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.ProtocolVersion;
import java.util.List;

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
     */
    record Established(ProtocolVersion version, CipherSuite cipherSuite, List<byte[]> chain, boolean resumed,
            HandshakeTimings timings) implements HandshakeOutcome {

        public Established {
            chain = List.copyOf(chain);
        }
    }

    /** A handshake that did not complete, and why. */
    record Failed(Failure failure, HandshakeTimings timings) implements HandshakeOutcome {
    }
}
