package io.tlsweep.profile;

import io.tlsweep.result.Failure;
import io.tlsweep.result.FailureKind;
import io.tlsweep.result.WindowsSymptom;
import io.tlsweep.wire.AlertDescription;
import io.tlsweep.wire.ProtocolVersion;
import java.util.Locale;

/**
 * Which message a client of each family shows for a failure. Windows families take Schannel's status from
 * Microsoft's alert mapping ({@link WindowsSymptom}); .NET adds its WebException text. Java, OpenSSL and
 * Chromium texts are those the local JDK 17, OpenSSL 3 and Chromium print (ClientMessagesTest checks the
 * JDK's and OpenSSL's against servers it starts).
 */
public final class ClientMessages {
    private static final String JDK = "OpenJDK 17 sun.security.ssl, checked by ClientMessagesTest";
    /**
     * The JDK's words for a handshake it ends with a fatal alert. 17.0.15 prints only these; later 17.x updates
     * (17.0.21 seen) and newer JDKs (25 seen) put the name of the alert in parentheses first: "(protocol_version)
     * Received fatal alert: protocol_version", "(unexpected_message) Received close_notify during handshake". The
     * words below are in every one of them.
     */
    private static final String JDK_ALERT = JDK + "; 17.0.21 and newer put \"(alert_name) \" before these words";
    private static final String OPENSSL = "OpenSSL 3 error reason strings, checked by ClientMessagesTest";
    private static final String CHROMIUM = "Chromium net error list (net/base/net_error_list.h)";

    private ClientMessages() {
    }

    /**
     * The message for {@code failure}; {@code LOWER_VERSION} means the server chose {@code chosen}, a version
     * the client does not complete, and the client gave up.
     */
    public static ClientMessage of(ClientFamily family, Failure failure, ProtocolVersion chosen) {
        return switch (family) {
            case SCHANNEL, WINHTTP -> windows(failure, chosen, false);
            case DOTNET -> windows(failure, chosen, true);
            case JAVA -> java(failure, chosen);
            case OPENSSL -> openssl(failure, chosen);
            case BROWSER -> chromium(failure);
        };
    }

    /** What a client that refuses TLS 1.0/1.1 ServerKeyExchange signatures says (OpenSSL 3 at level 1). */
    public static ClientMessage legacySignatureRefused(ClientFamily family) {
        return family == ClientFamily.OPENSSL
                ? new ClientMessage("0A00014D", "legacy sigalg disallowed or unsupported", "", OPENSSL)
                : new ClientMessage("", "the client refuses the server's TLS 1.0/1.1 key exchange signature", "",
                        "client-profiles.json (legacySignaturesRefused)");
    }

    private static ClientMessage windows(Failure failure, ProtocolVersion chosen, boolean dotNet) {
        if (failure.kind() == FailureKind.LOWER_VERSION) {
            return new ClientMessage("", "Schannel refuses the server's choice of " + chosen.displayName()
                    + ", a version this client has disabled (the exact status is not in Microsoft's alert table)",
                    dotNet ? "The request was aborted: Could not create SSL/TLS secure channel." : "",
                    "client-profile-facts.md §7 (S20: a failing SSPI status becomes SecureChannelFailure)");
        }
        WindowsSymptom w = failure.windowsSymptom();
        return new ClientMessage(w.code(), w.text(), dotNet ? w.dotNet() : "", w.basis());
    }

    private static ClientMessage java(Failure failure, ProtocolVersion chosen) {
        String handshake = "javax.net.ssl.SSLHandshakeException";
        return switch (failure.kind()) {
            case ALERT -> failure.alert().filter(a -> a.code() != 0)
                    .map(a -> new ClientMessage(handshake, "Received fatal alert: " + a.name(), "", JDK_ALERT))
                    .orElse(new ClientMessage("javax.net.ssl.SSLProtocolException",
                            "Received close_notify during handshake", "", JDK_ALERT));
            case CLOSED_BEFORE_REPLY -> new ClientMessage(handshake, "Remote host terminated the handshake", "", JDK);
            case RESET_BEFORE_REPLY -> new ClientMessage("java.net.SocketException", "Connection reset", "", JDK);
            case READ_TIMEOUT -> new ClientMessage("java.net.SocketTimeoutException", "Read timed out", "", JDK);
            case LOWER_VERSION -> new ClientMessage(handshake, "The server selected protocol version "
                    + jdkName(chosen) + " is not accepted by client preferences", "", JDK_ALERT);
            case CONNECT_REFUSED -> new ClientMessage("java.net.ConnectException", "Connection refused", "", JDK);
            case CONNECT_TIMEOUT -> new ClientMessage("java.net.SocketTimeoutException", "Connect timed out", "",
                    JDK);
            default -> new ClientMessage("javax.net.ssl.SSLException", "Unsupported or unrecognized SSL message",
                    "", JDK);
        };
    }

    /** "TLS10", "TLS12": how the JDK names versions in this message. */
    private static String jdkName(ProtocolVersion v) {
        return v.equals(ProtocolVersion.SSLv3) ? "SSL30"
                : "TLS" + v.displayName().substring("TLSv".length()).replace(".", "");
    }

    private static ClientMessage openssl(Failure failure, ProtocolVersion chosen) {
        return switch (failure.kind()) {
            case ALERT -> failure.alert().filter(a -> a.code() != 0)
                    .map(a -> new ClientMessage("", alertReason(a), "", OPENSSL))
                    .orElse(new ClientMessage("SSL_ERROR_ZERO_RETURN", "closed (the server sent close_notify)", "",
                            OPENSSL));
            case CLOSED_BEFORE_REPLY -> new ClientMessage("", "unexpected eof while reading", "", OPENSSL);
            case RESET_BEFORE_REPLY -> new ClientMessage("ECONNRESET", "Connection reset by peer", "", OPENSSL);
            case LOWER_VERSION -> new ClientMessage("", "unsupported protocol", "", OPENSSL);
            case READ_TIMEOUT -> new ClientMessage("", "(no reply: the application's own timeout ends it)", "",
                    OPENSSL);
            case CONNECT_REFUSED -> new ClientMessage("ECONNREFUSED", "Connection refused", "", OPENSSL);
            default -> new ClientMessage("", "wrong version number", "", OPENSSL);
        };
    }

    /** OpenSSL names a received alert "sslv3 alert X" (SSL 3.0 alerts) or "tlsv1 alert X" (added by TLS). */
    private static String alertReason(AlertDescription a) {
        String words = a.name().replace('_', ' ').toLowerCase(Locale.ROOT);
        return (a.code() <= 47 ? "sslv3 alert " : "tlsv1 alert ") + words;
    }

    private static ClientMessage chromium(Failure failure) {
        return switch (failure.kind()) {
            case ALERT -> failure.alert().map(a -> a.code() == 40 || a.code() == 70 || a.code() == 71
                    ? new ClientMessage("ERR_SSL_VERSION_OR_CIPHER_MISMATCH", "This site can't provide a secure"
                            + " connection: it uses an unsupported protocol", "", CHROMIUM)
                    : new ClientMessage("ERR_SSL_PROTOCOL_ERROR", "This site can't provide a secure connection", "",
                            CHROMIUM)).orElseThrow();
            case LOWER_VERSION -> new ClientMessage("ERR_SSL_VERSION_OR_CIPHER_MISMATCH", "This site can't provide"
                    + " a secure connection: it uses an unsupported protocol", "", CHROMIUM);
            case RESET_BEFORE_REPLY -> new ClientMessage("ERR_CONNECTION_RESET", "The connection was reset", "",
                    CHROMIUM);
            case CLOSED_BEFORE_REPLY -> new ClientMessage("ERR_CONNECTION_CLOSED", "The connection was closed", "",
                    CHROMIUM);
            case READ_TIMEOUT, CONNECT_TIMEOUT -> new ClientMessage("ERR_TIMED_OUT", "The connection timed out", "",
                    CHROMIUM);
            case CONNECT_REFUSED -> new ClientMessage("ERR_CONNECTION_REFUSED", "The connection was refused", "",
                    CHROMIUM);
            default -> new ClientMessage("ERR_SSL_PROTOCOL_ERROR", "This site can't provide a secure connection",
                    "", CHROMIUM);
        };
    }
}
