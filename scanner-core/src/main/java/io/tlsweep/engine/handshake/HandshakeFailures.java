package io.tlsweep.engine.handshake;

import io.netty.handler.ssl.SslHandshakeTimeoutException;
import io.tlsweep.result.Failure;
import io.tlsweep.result.FailureKind;
import io.tlsweep.result.RealHandshake;
import io.tlsweep.wire.AlertDescription;
import io.netty.channel.ConnectTimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;

/**
 * Turns why a provider's handshake failed into a {@link Failure}. Providers report alerts differently:
 * <ul>
 * <li>JDK: {@code SSLHandshakeException("Received fatal alert: protocol_version")};</li>
 * <li>BoringSSL: "error:1000046a:SSL routines:OPENSSL_internal:TLSV1_ALERT_PROTOCOL_VERSION", where a
 *     received alert is reason code 1000 + its description (the low 12 bits of the packed error);</li>
 * <li>Bouncy Castle: a {@link TlsFatalAlertReceived} (the server's) or {@link TlsFatalAlert} (our own)
 *     somewhere in the cause chain.</li>
 * </ul>
 * An alert the client itself raised about the server's answer is not "the server said no": a version
 * refusal of a lower ServerHello is {@link FailureKind#LOWER_VERSION}, anything else malformed.
 */
final class HandshakeFailures {
    private static final Pattern JDK_ALERT = Pattern.compile("Received fatal alert: ([a-z_0-9]+)");
    private static final Pattern BORINGSSL_ERROR = Pattern.compile("error:([0-9a-fA-F]{8}):SSL routines");
    private static final int BORINGSSL_ALERT_OFFSET = 1000;

    private HandshakeFailures() {
    }

    /**
     * @param cause why the handshake failed
     * @param transportError the first I/O error the connection saw (a reset), or null
     * @param bytesReceived bytes the server sent before the end
     * @param peer "host:port" for details
     */
    static Failure classify(Throwable cause, IOException transportError, long bytesReceived, String peer) {
        if (cause instanceof SslHandshakeTimeoutException) {
            return Failure.of(FailureKind.READ_TIMEOUT, bytesReceived == 0
                    ? "no reply from " + peer + " within the handshake timeout"
                    : "handshake with " + peer + " incomplete at the timeout after " + bytesReceived + " byte(s)");
        }
        Optional<Failure> alert = alertIn(cause);
        if (alert.isPresent()) {
            return alert.get();
        }
        if (transportError != null) {
            return Failure.of(FailureKind.RESET_BEFORE_REPLY, "connection reset by " + peer
                    + (bytesReceived == 0 ? " before any reply" : " after " + bytesReceived + " byte(s)")
                    + " (" + transportError.getMessage() + ")");
        }
        if (isClosed(cause)) {
            return Failure.of(FailureKind.CLOSED_BEFORE_REPLY, "connection closed by " + peer
                    + (bytesReceived == 0 ? " before any reply" : " mid-handshake after " + bytesReceived
                    + " byte(s)"));
        }
        return localRefusal(cause, bytesReceived, peer);
    }

    /** Why a connect failed: timeout, refusal, or a reset while connecting. */
    static Failure connectFailure(Throwable cause, String peer, int connectTimeoutMillis) {
        if (cause instanceof ConnectTimeoutException) {
            return Failure.of(FailureKind.CONNECT_TIMEOUT, "no connection to " + peer + " within "
                    + connectTimeoutMillis + " ms");
        }
        String message = String.valueOf(cause.getMessage());
        if (cause instanceof ConnectException && message.contains("refused")) {
            return Failure.of(FailureKind.CONNECT_REFUSED, "connection refused by " + peer);
        }
        if (message.contains("reset")) {
            return Failure.of(FailureKind.RESET_BEFORE_REPLY, "connection reset by " + peer + " while connecting");
        }
        if (cause instanceof IOException) {
            return Failure.of(FailureKind.CONNECT_REFUSED, "connect to " + peer + " failed: " + message);
        }
        return Failure.of(FailureKind.INTERNAL_ERROR, "connect to " + peer + " failed: " + cause);
    }

    /**
     * How a client-initiated renegotiation that did not complete went: the server's alert (a fatal one, or the
     * no_renegotiation warning, which the JDK's stack turns into a failure naming it), a reset, or a close.
     */
    static RealHandshake.Renegotiation renegotiation(Throwable cause, IOException transportError) {
        String said = String.valueOf(cause);
        Optional<Failure> alert = alertIn(cause);
        if (alert.isPresent() && alert.get().alert().isPresent()) {
            return new RealHandshake.Renegotiation(RealHandshake.RenegotiationOutcome.REFUSED_ALERT,
                    alert.get().alert(), alert.get().detail());
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (String.valueOf(t.getMessage()).contains(AlertDescription.NO_RENEGOTIATION.name())) {
                return new RealHandshake.Renegotiation(RealHandshake.RenegotiationOutcome.REFUSED_ALERT,
                        Optional.of(AlertDescription.NO_RENEGOTIATION), said);
            }
        }
        if (transportError != null) {
            return new RealHandshake.Renegotiation(RealHandshake.RenegotiationOutcome.RESET, Optional.empty(),
                    "connection reset: " + transportError.getMessage());
        }
        return new RealHandshake.Renegotiation(RealHandshake.RenegotiationOutcome.CLOSED, Optional.empty(),
                isClosed(cause) ? "connection closed: " + said : said);
    }

    /** The alert the server sent, or the client's own alert about its answer, when the provider tells. */
    private static Optional<Failure> alertIn(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof TlsFatalAlertReceived received) {
                return Optional.of(serverAlert(AlertDescription.of(received.getAlertDescription()), "bouncycastle"));
            }
            if (t instanceof TlsFatalAlert local) {
                return Optional.of(ownAlert(AlertDescription.of(local.getAlertDescription()), String.valueOf(
                        t.getMessage())));
            }
            String message = String.valueOf(t.getMessage());
            Matcher jdk = JDK_ALERT.matcher(message);
            if (jdk.find()) {
                Optional<AlertDescription> d = AlertDescription.byName(jdk.group(1));
                if (d.isPresent()) {
                    return Optional.of(serverAlert(d.get(), "jdk"));
                }
            }
            Matcher boring = BORINGSSL_ERROR.matcher(message);
            if (boring.find()) {
                int reason = (int) (Long.parseLong(boring.group(1), 16) & 0xFFF);
                if (reason >= BORINGSSL_ALERT_OFFSET && reason < BORINGSSL_ALERT_OFFSET + 256) {
                    return Optional.of(serverAlert(AlertDescription.of(reason - BORINGSSL_ALERT_OFFSET), "boringssl"));
                }
            }
        }
        return Optional.empty();
    }

    private static Failure serverAlert(AlertDescription d, String provider) {
        return Failure.alert(d, "server sent fatal alert " + d + " (" + d.code() + "), reported by " + provider);
    }

    private static Failure ownAlert(AlertDescription d, String message) {
        if (d.code() == AlertDescription.PROTOCOL_VERSION.code()) {
            return Failure.of(FailureKind.LOWER_VERSION, "server chose a version the client did not enable: "
                    + message);
        }
        return Failure.of(FailureKind.MALFORMED_REPLY, "client aborted with alert " + d + ": " + message);
    }

    private static boolean isClosed(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (t instanceof ClosedChannelException || message.contains("closed")
                    || message.contains("close_notify") || message.contains("end of stream")) {
                return true;
            }
        }
        return false;
    }

    /** The client's own refusal of what came back (or of what it was asked to offer). */
    private static Failure localRefusal(Throwable cause, long bytesReceived, String peer) {
        String message = String.valueOf(cause.getMessage());
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("unsupported or unrecognized ssl message") || lower.contains("wrong_version_number")
                || lower.contains("not an ssl/tls record")) {
            return Failure.of(FailureKind.NOT_TLS, "answer from " + peer + " is not TLS: " + message);
        }
        if (lower.contains("is not accepted by client preferences") || lower.contains("unsupported_protocol")) {
            return Failure.of(FailureKind.LOWER_VERSION, "server chose a version the client did not enable: "
                    + message);
        }
        if (bytesReceived == 0) {
            return Failure.of(FailureKind.INTERNAL_ERROR, "client could not start the handshake: " + message);
        }
        return Failure.of(FailureKind.MALFORMED_REPLY, "client rejected the answer from " + peer + ": " + message);
    }
}
