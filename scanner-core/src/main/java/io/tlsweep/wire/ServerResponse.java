package io.tlsweep.wire;

import java.util.List;

/**
 * What a server answered to one ClientHello, decided as soon as the bytes allow. Every input maps to one
 * of these values; decoding never throws.
 */
public sealed interface ServerResponse
        permits ServerHello, HelloRetryRequest, ServerResponse.Alert, ServerResponse.NotTls,
        ServerResponse.Malformed, ServerResponse.SslV2ServerHello {

    /**
     * An alert that ended the exchange: a fatal one, or a close_notify. {@code beforeHandshake} tells
     * whether the server sent no handshake message before it (the usual shape of a rejection).
     */
    record Alert(int level, AlertDescription description, boolean beforeHandshake) implements ServerResponse {
        public static final int WARNING = 1;
        public static final int FATAL = 2;

        public boolean isFatal() {
            return level == FATAL;
        }

        public String levelName() {
            return switch (level) {
                case WARNING -> "warning";
                case FATAL -> "fatal";
                default -> "level " + level;
            };
        }

        @Override
        public String toString() {
            return levelName() + " " + description;
        }
    }

    /**
     * The bytes are not TLS. {@code looksLike} names the protocol when it is obvious ("HTTP", "SSH",
     * "SMTP", ...) or is "unknown"; {@code firstBytes} keeps the start of what arrived for the report.
     */
    record NotTls(String looksLike, String description, byte[] firstBytes) implements ServerResponse {
        public NotTls {
            firstBytes = firstBytes.clone();
        }

        @Override
        public byte[] firstBytes() {
            return firstBytes.clone();
        }

        @Override
        public String toString() {
            return "not TLS (" + looksLike + "): " + description;
        }
    }

    /** TLS-shaped bytes that break the protocol; {@code offset} is where in the response it went wrong. */
    record Malformed(String reason, int offset) implements ServerResponse {
        @Override
        public String toString() {
            return "malformed at byte " + offset + ": " + reason;
        }
    }

    /** An SSLv2 SERVER-HELLO: the server speaks SSL 2.0. Cipher specs are 24-bit SSLv2 kinds. */
    record SslV2ServerHello(ProtocolVersion version, List<Integer> cipherSpecs, byte[] certificate)
            implements ServerResponse {
        public SslV2ServerHello {
            cipherSpecs = List.copyOf(cipherSpecs);
            certificate = certificate.clone();
        }

        @Override
        public byte[] certificate() {
            return certificate.clone();
        }
    }
}
