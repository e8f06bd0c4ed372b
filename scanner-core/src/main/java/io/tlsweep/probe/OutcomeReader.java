package io.tlsweep.probe;

import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.result.Failure;
import io.tlsweep.result.FailureKind;
import io.tlsweep.wire.ClientHelloSpec;
import io.tlsweep.wire.HelloRetryRequest;
import io.tlsweep.wire.KeyExchangeParams;
import io.tlsweep.wire.NamedGroup;
import io.tlsweep.wire.ProtocolVersion;
import io.tlsweep.wire.ServerHello;
import io.tlsweep.wire.ServerResponse;
import java.util.Optional;

/** Reads a connection outcome against the hello that was sent: accepted, rejected, lost or unusable. */
final class OutcomeReader {
    private OutcomeReader() {
    }

    static Reading read(ClientHelloSpec sent, ProtocolVersion wanted, ConnectionOutcome outcome) {
        if (outcome instanceof ConnectionOutcome.NoReply none) {
            Failure f = none.failure();
            return switch (f.kind()) {
                case READ_TIMEOUT, RESET_BEFORE_REPLY, CLOSED_BEFORE_REPLY -> new Reading.Lost(f);
                case CONNECT_REFUSED, CONNECT_TIMEOUT, DNS_FAILURE -> new Reading.Unusable(f);
                default -> f.kind().prelude() ? new Reading.Unusable(f) : new Reading.Rejected(f, false);
            };
        }
        if (outcome instanceof ConnectionOutcome.Handshook h) { // a real stack negotiated what it did
            return h.handshake().version().equals(wanted) ? new Reading.Accepted(wanted, h.handshake().cipherSuite(),
                    Optional.empty(), Optional.empty()) : new Reading.Rejected(Failure.of(FailureKind.LOWER_VERSION,
                            "a real handshake negotiated " + h.handshake().version() + " for " + wanted), true);
        }
        if (!(outcome instanceof ConnectionOutcome.Replied replied)) {
            return new Reading.Unusable(Failure.of(FailureKind.INTERNAL_ERROR, "no hello was answered"));
        }
        ServerResponse r = replied.response();
        if (r instanceof ServerHello sh) {
            return serverHello(sent, wanted, sh);
        }
        if (r instanceof HelloRetryRequest hrr) {
            return retryRequest(sent, hrr);
        }
        if (r instanceof ServerResponse.Alert a) {
            return new Reading.Rejected(Failure.alert(a.description(), a.levelName() + " alert " + a.description()
                    + (a.beforeHandshake() ? "" : " after handshake messages")),
                    a.description().code() == 70);
        }
        if (r instanceof ServerResponse.NotTls n) {
            return new Reading.Unusable(Failure.of(FailureKind.NOT_TLS, n.looksLike() + ": " + n.description()));
        }
        if (r instanceof ServerResponse.SslV2ServerHello) {
            return new Reading.Rejected(Failure.of(FailureKind.MALFORMED_REPLY,
                    "answered with an SSL 2.0 SERVER-HELLO"), true);
        }
        ServerResponse.Malformed m = (ServerResponse.Malformed) r;
        return new Reading.Rejected(Failure.of(FailureKind.MALFORMED_REPLY, m.toString()), false);
    }

    private static Reading serverHello(ClientHelloSpec sent, ProtocolVersion wanted, ServerHello sh) {
        if (!sh.version().equals(wanted)) {
            if (sh.version().compareTo(wanted) < 0) {
                return new Reading.Rejected(Failure.of(FailureKind.LOWER_VERSION, "answered " + sh.version()
                        + " to a " + wanted + " hello"), true);
            }
            return new Reading.Rejected(Failure.of(FailureKind.UNOFFERED_CHOICE, "chose " + sh.version()
                    + ", above the " + wanted + " offered"), true);
        }
        if (!sent.cipherSuites().contains(sh.cipherSuite()) || sh.cipherSuite().isScsv()) {
            return new Reading.Rejected(Failure.of(FailureKind.UNOFFERED_CHOICE, "chose cipher suite "
                    + sh.cipherSuite() + ", which was not offered"), false);
        }
        if (wanted.equals(ProtocolVersion.TLSv1_3) && !sh.cipherSuite().isTls13()) {
            return new Reading.Rejected(Failure.of(FailureKind.UNOFFERED_CHOICE, "chose " + sh.cipherSuite()
                    + " for TLS 1.3, which was offered only for older versions"), false);
        }
        Optional<NamedGroup> group = sh.keyShareGroup().or(() -> sh.flight().keyExchange()
                .filter(KeyExchangeParams.Ecdhe.class::isInstance)
                .map(k -> ((KeyExchangeParams.Ecdhe) k).group()));
        if (group.isPresent() && !sent.supportedGroups().contains(group.get())) {
            return new Reading.Rejected(Failure.of(FailureKind.UNOFFERED_CHOICE, "chose group " + group.get()
                    + ", which was not offered"), false);
        }
        return new Reading.Accepted(sh.version(), sh.cipherSuite(), group, Optional.of(sh));
    }

    private static Reading retryRequest(ClientHelloSpec sent, HelloRetryRequest hrr) {
        if (!ProtocolVersion.TLSv1_3.equals(hrr.selectedVersion())
                || !sent.supportedVersions().contains(ProtocolVersion.TLSv1_3)) {
            return new Reading.Rejected(Failure.of(FailureKind.UNOFFERED_CHOICE, "HelloRetryRequest for "
                    + hrr.selectedVersion()), true);
        }
        if (!sent.cipherSuites().contains(hrr.cipherSuite()) || !hrr.cipherSuite().isTls13()) {
            return new Reading.Rejected(Failure.of(FailureKind.UNOFFERED_CHOICE, "HelloRetryRequest chose "
                    + hrr.cipherSuite() + ", which was not offered for TLS 1.3"), false);
        }
        if (hrr.selectedGroup().isPresent() && !sent.supportedGroups().contains(hrr.selectedGroup().get())) {
            return new Reading.Rejected(Failure.of(FailureKind.UNOFFERED_CHOICE, "HelloRetryRequest asked for "
                    + hrr.selectedGroup().get() + ", which was not offered"), false);
        }
        return new Reading.Accepted(ProtocolVersion.TLSv1_3, hrr.cipherSuite(), hrr.selectedGroup(), Optional.empty());
    }
}
