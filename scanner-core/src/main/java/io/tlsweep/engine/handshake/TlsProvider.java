package io.tlsweep.engine.handshake;

import java.util.Locale;
import java.util.Optional;

/** The TLS implementation that runs a full handshake. */
public enum TlsProvider {
    /** BoringSSL through netty-tcnative; the one to use for TLS 1.0/1.1 without touching JVM-wide settings. */
    BORINGSSL("boringssl"),
    /** The JDK's SunJSSE; obeys {@code jdk.tls.disabledAlgorithms} (see {@link JdkLegacyAlgorithms}). */
    JDK("jdk"),
    /** Bouncy Castle JSSE (bctls), an instance private to tlsweep, never registered JVM-wide. */
    BOUNCY_CASTLE("bc");

    private final String label;

    TlsProvider(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Parses "boringssl"/"openssl", "jdk", "bc"/"bouncycastle", ignoring case. */
    public static Optional<TlsProvider> parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "boringssl", "openssl", "tcnative" -> Optional.of(BORINGSSL);
            case "jdk", "sunjsse" -> Optional.of(JDK);
            case "bc", "bouncycastle", "bouncy-castle", "bctls" -> Optional.of(BOUNCY_CASTLE);
            default -> Optional.empty();
        };
    }

    @Override
    public String toString() {
        return label;
    }
}
