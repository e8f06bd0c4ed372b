package io.tlsweep.result;

import io.tlsweep.text.Labelled;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.ProtocolVersion;
import java.util.Objects;
import java.util.Optional;

/**
 * What one client profile gets from one endpoint, predicted from a scan or observed by sending the profile's
 * own hello.
 *
 * @param version the version negotiated; for {@link Reason#CLIENT_REFUSES_VERSION} the version the server chose
 * @param suite the suite negotiated
 * @param failure how the handshake ends when it fails (the alert, reset or close the client meets); empty when
 *     the client ends it itself over what the server chose
 * @param assumed the failure is not one the server was seen to give but tlsweep's assumption (a what-if, or a
 *     refusal the scan did not observe)
 */
public record ProfileOutcome(Reason reason, Optional<ProtocolVersion> version, Optional<CipherSuite> suite,
        Optional<Failure> failure, boolean assumed) {

    /** Why a profile connects or not. */
    public enum Reason implements Labelled {
        CONNECTS("connects"),
        /** The server refuses every version the client offers. */
        SERVER_REFUSES_VERSION("server-refuses-version"),
        /** The server picks a version the client has disabled, and the client gives up. */
        CLIENT_REFUSES_VERSION("client-refuses-version"),
        /**
         * The server picks a signed (EC)DHE suite in TLS 1.0/1.1 and the client refuses that version's legacy
         * ServerKeyExchange signature (OpenSSL 3 at security level 1).
         */
        CLIENT_REFUSES_SIGNATURE("client-refuses-signature"),
        /** A version is agreed but no cipher suite (or TLS 1.3 group) is shared. */
        NO_SHARED_SUITE("no-shared-suite"),
        /**
         * The server turned a real hello down (an alert, a reset, a close): what a confirmation sees, which
         * cannot tell a refused version from a refused suite.
         */
        REFUSED("refused"),
        /** The endpoint gave no usable answer (nothing listening, silence, not TLS, cut short). */
        NO_ANSWER("no-answer"),
        /** Anything else a real hello met (a malformed reply, a choice never offered). */
        OTHER("other"),
        /** The scan has too little to predict from (the endpoint was not scanned in full). */
        UNKNOWN("unknown");

        private final String label;

        Reason(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    public ProfileOutcome {
        Objects.requireNonNull(reason, "reason");
        if ((reason == Reason.CONNECTS) != suite.isPresent()) {
            throw new IllegalArgumentException("a suite goes with, and only with, a connection");
        }
    }

    public static ProfileOutcome connects(ProtocolVersion version, CipherSuite suite) {
        return new ProfileOutcome(Reason.CONNECTS, Optional.of(version), Optional.of(suite), Optional.empty(), false);
    }

    public static ProfileOutcome fails(Reason reason, Optional<ProtocolVersion> version, Failure failure,
            boolean assumed) {
        return new ProfileOutcome(reason, version, Optional.empty(), Optional.of(failure), assumed);
    }

    /** The client ends the handshake itself over the ServerKeyExchange signature of {@code version}. */
    public static ProfileOutcome clientRefusesSignature(ProtocolVersion version) {
        return new ProfileOutcome(Reason.CLIENT_REFUSES_SIGNATURE, Optional.of(version), Optional.empty(),
                Optional.empty(), false);
    }

    public static ProfileOutcome unknown(String why) {
        return new ProfileOutcome(Reason.UNKNOWN, Optional.empty(), Optional.empty(),
                Optional.of(Failure.of(FailureKind.INTERNAL_ERROR, why)), true);
    }

    public boolean connects() {
        return reason == Reason.CONNECTS;
    }

    /** A definite failure: the client cannot connect (unknown and no-answer excluded). */
    public boolean fails() {
        return reason != Reason.CONNECTS && reason != Reason.UNKNOWN && reason != Reason.NO_ANSWER;
    }

    /** "TLSv1.2 TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256" or "no-shared-suite: alert handshake_failure". */
    public String summary() {
        if (connects()) {
            return version.orElseThrow().displayName() + " " + suite.orElseThrow().ianaName();
        }
        return reason.label() + failure.map(f -> ": " + f.kind().label() + f.alert().map(a -> " " + a.name())
                .orElse("")).orElse("") + (assumed ? " (assumed)" : "");
    }
}
