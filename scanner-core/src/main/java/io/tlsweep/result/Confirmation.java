package io.tlsweep.result;

import io.tlsweep.text.Labelled;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.ProtocolVersion;
import java.util.List;
import java.util.Optional;

/**
 * A full handshake with a real TLS stack at the endpoint's best version, checking what the raw scan found.
 *
 * @param provider the stack used ("boringssl", "jdk", "bc"), empty when no local stack could offer the suites
 * @param expectedSuite what the raw scan predicts the server picks from the suites offered
 * @param negotiatedVersion what the real handshake got
 * @param outcome agreed, disagreed, failed (the handshake did not complete), unconfirmable, or scan-verified (no
 *     real-stack handshake made: the scan's own TLS 1.3 handshake was read to a Finished that verifies)
 * @param chain the certificate chain the real stack saw (the served chain when no first flight of the scan showed
 *     one: a TLS 1.3 flight the scan could not read)
 * @param prelude on an endpoint that speaks a prelude, what this handshake's prelude learned when it asked about
 *     authentication (the best version's handshake: the root DSE before LDAP's StartTLS, the capabilities again
 *     over TLS); empty otherwise
 */
public record Confirmation(Optional<String> provider, ProtocolVersion expectedVersion, Optional<CipherSuite> expectedSuite,
        Optional<ProtocolVersion> negotiatedVersion, Optional<CipherSuite> negotiatedSuite, Outcome outcome,
        String detail, List<byte[]> chain, Optional<PreludeFacts> prelude) {

    /** A confirmation after which nothing was asked over TLS. */
    public Confirmation(Optional<String> provider, ProtocolVersion expectedVersion,
            Optional<CipherSuite> expectedSuite, Optional<ProtocolVersion> negotiatedVersion,
            Optional<CipherSuite> negotiatedSuite, Outcome outcome, String detail, List<byte[]> chain) {
        this(provider, expectedVersion, expectedSuite, negotiatedVersion, negotiatedSuite, outcome, detail, chain,
                Optional.empty());
    }

    /** How the real handshake compares with the raw scan. */
    public enum Outcome implements Labelled {
        AGREED("agreed"), DISAGREED("disagreed"), FAILED("failed"), UNCONFIRMABLE("unconfirmable"),
        SCAN_VERIFIED("scan-verified");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }

    public Confirmation {
        chain = List.copyOf(chain);
        java.util.Objects.requireNonNull(prelude, "prelude");
    }
}
