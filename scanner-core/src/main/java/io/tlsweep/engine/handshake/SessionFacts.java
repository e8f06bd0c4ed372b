package io.tlsweep.engine.handshake;

import io.tlsweep.result.Failure;
import io.tlsweep.result.FailureKind;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.ProtocolVersion;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/** Reads what a completed handshake negotiated from the engine's session. */
final class SessionFacts {
    private SessionFacts() {
    }

    /**
     * @param captured the chain the trust manager recorded in this handshake; null when it was not called,
     *     which means the session was resumed
     */
    static HandshakeOutcome read(SSLEngine engine, List<byte[]> captured, HandshakeTimings timings) {
        SSLSession session = engine.getSession();
        Optional<ProtocolVersion> version = ProtocolVersion.parse(session.getProtocol());
        Optional<CipherSuite> suite = CipherSuite.byName(session.getCipherSuite());
        if (version.isEmpty() || suite.isEmpty()) {
            return new HandshakeOutcome.Failed(Failure.of(FailureKind.INTERNAL_ERROR, "provider reported "
                    + session.getProtocol() + " / " + session.getCipherSuite() + ", which tlsweep cannot name"),
                    timings);
        }
        boolean resumed = captured == null;
        List<byte[]> chain = resumed ? remembered(session) : captured;
        return new HandshakeOutcome.Established(version.get(), suite.get(), chain, resumed, timings);
    }

    /** The chain a resumed session remembers from its original handshake; empty if the provider forgot it. */
    private static List<byte[]> remembered(SSLSession session) {
        try {
            Certificate[] peer = session.getPeerCertificates();
            X509Certificate[] x509 = new X509Certificate[peer.length];
            for (int i = 0; i < peer.length; i++) {
                if (!(peer[i] instanceof X509Certificate c)) {
                    return List.of();
                }
                x509[i] = c;
            }
            return CapturingTrustManager.encode(x509);
        } catch (SSLPeerUnverifiedException e) {
            return List.of();
        }
    }
}
