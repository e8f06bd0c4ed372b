package io.tlsweep.engine.handshake;

import io.tlsweep.text.Labelled;
import io.tlsweep.text.Labels;
import java.util.Map;
import java.util.Optional;

/** The TLS implementation that runs a full handshake. */
public enum TlsProvider implements Labelled {
    /** BoringSSL through netty-tcnative; the one to use for TLS 1.0/1.1 without touching JVM-wide settings. */
    BORINGSSL("boringssl"),
    /** The JDK's SunJSSE; obeys {@code jdk.tls.disabledAlgorithms} (see {@link JdkLegacyAlgorithms}). */
    JDK("jdk"),
    /** Bouncy Castle JSSE (bctls), an instance private to tlsweep, never registered JVM-wide. */
    BOUNCY_CASTLE("bc");

    /** The labels and the other names each stack goes by, ignoring case. */
    public static final Labels<TlsProvider> LABELS = Labels.ofAnyCase(TlsProvider.class).withAliases(Map.of(
            "openssl", BORINGSSL, "tcnative", BORINGSSL, "sunjsse", JDK,
            "bouncycastle", BOUNCY_CASTLE, "bouncy-castle", BOUNCY_CASTLE, "bctls", BOUNCY_CASTLE));

    private final String label;

    TlsProvider(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    /** Parses "boringssl"/"openssl", "jdk", "bc"/"bouncycastle", ignoring case. */
    public static Optional<TlsProvider> parse(String text) {
        return LABELS.find(text);
    }

    @Override
    public String toString() {
        return label;
    }
}
