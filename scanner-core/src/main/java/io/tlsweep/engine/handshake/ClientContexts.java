package io.tlsweep.engine.handshake;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.ProtocolVersion;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;

/**
 * Client {@link SslContext}s, built once per {@link HandshakeSpec} and ALPN list and reused, all sharing one
 * {@link CapturingTrustManager}. A context with ALPN protocols offers them in every hello (TDS 8.0 strict
 * encryption's {@code tds/8.0}) and takes whatever the server selects, or none.
 *
 * <p>Suite names: the JDK and Bouncy Castle take IANA names (or their "SSL_" spelling for a few old suites,
 * looked up in what the provider supports); BoringSSL takes the same names and Netty converts them to
 * OpenSSL's with {@code CipherSuiteConverter}. A suite a provider cannot enable is a configuration error
 * ({@link IllegalArgumentException}), never silently dropped. Hostname verification is off (Netty 4.2
 * turns it on for clients by default): validation is a separate step.
 */
final class ClientContexts {
    private final CapturingTrustManager trust = new CapturingTrustManager();
    private final Map<Key, SslContext> contexts = new ConcurrentHashMap<>();
    private final Map<TlsProvider, Set<String>> supportedSuites = new EnumMap<>(TlsProvider.class);
    private final Map<TlsProvider, Set<String>> enabledProtocols = new EnumMap<>(TlsProvider.class);
    private final Map<TlsProvider, SSLContext> jsseContexts = new EnumMap<>(TlsProvider.class);
    private final Map<String, Boolean> startable = new ConcurrentHashMap<>();
    private Provider bouncyCastle;

    CapturingTrustManager trustManager() {
        return trust;
    }

    private record Key(HandshakeSpec spec, List<String> alpn) {
    }

    /** The context for {@code spec}, built on first use; throws {@link IllegalArgumentException} if it cannot be. */
    SslContext contextFor(HandshakeSpec spec) {
        return contextFor(spec, List.of());
    }

    /**
     * The context for {@code spec} offering the ALPN protocols {@code alpn} (none when empty), built on first use;
     * throws {@link IllegalArgumentException} if it cannot be.
     */
    SslContext contextFor(HandshakeSpec spec, List<String> alpn) {
        Key key = new Key(spec, List.copyOf(alpn));
        SslContext context = contexts.get(key);
        return context != null ? context : contexts.computeIfAbsent(key, this::build);
    }

    private SslContext build(Key key) {
        HandshakeSpec spec = key.spec();
        SslContextBuilder builder = SslContextBuilder.forClient()
                .trustManager(trust)
                .endpointIdentificationAlgorithm(null)
                .protocols(spec.versions().stream().map(HandshakeSpec::javaName).toList());
        List<String> suites = providerNames(spec);
        if (!suites.isEmpty()) {
            builder.ciphers(suites);
        }
        if (!key.alpn().isEmpty()) {
            builder.applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                    ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                    ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, key.alpn()));
        }
        switch (spec.provider()) {
            case BORINGSSL -> builder.sslProvider(SslProvider.OPENSSL);
            case JDK -> builder.sslProvider(SslProvider.JDK);
            case BOUNCY_CASTLE -> builder.sslProvider(SslProvider.JDK).sslContextProvider(bouncyCastle());
        }
        try {
            return builder.build();
        } catch (SSLException e) {
            throw new IllegalArgumentException("cannot configure " + spec.describe() + ": " + e.getMessage(), e);
        }
    }

    /** The spec's suites in the names its provider takes; empty for the provider's defaults. */
    private List<String> providerNames(HandshakeSpec spec) {
        List<String> names = new ArrayList<>();
        for (CipherSuite suite : spec.cipherSuites()) {
            if (spec.provider() == TlsProvider.BORINGSSL) {
                if (suite.isTls13()) {
                    continue; // BoringSSL offers its three TLS 1.3 suites whatever it is told
                }
                if (!OpenSsl.isCipherSuiteAvailable(suite.ianaName())) {
                    throw unsupported(spec, suite);
                }
                names.add(suite.ianaName());
            } else {
                names.add(jsseName(spec, suite));
            }
        }
        return names;
    }

    private String jsseName(HandshakeSpec spec, CipherSuite suite) {
        Set<String> supported = supported(spec.provider());
        String iana = suite.ianaName();
        String legacy = iana.startsWith("TLS_") ? "SSL_" + iana.substring(4) : iana;
        String name = supported.contains(iana) ? iana : supported.contains(legacy) ? legacy : null;
        if (name == null || !startsOffering(spec.provider(), spec.versions(), name)) {
            throw unsupported(spec, suite);
        }
        return name;
    }

    /**
     * Whether a JSSE provider writes a ClientHello offering {@code suite} alone in {@code versions}: its {@code
     * jdk.tls.disabledAlgorithms} may disable a suite it lists as supported (Bouncy Castle lists 3DES and RC4 ones;
     * the JDK of a later update adds TLS_RSA_*), and only the handshake's start shows it. Asked once, remembered.
     */
    private boolean startsOffering(TlsProvider provider, List<ProtocolVersion> versions, String suite) {
        String[] protocols = versions.stream().map(HandshakeSpec::javaName).toArray(String[]::new);
        return startable.computeIfAbsent(provider + "/" + String.join(",", protocols) + "/" + suite, k -> {
            SSLEngine engine = jsse(provider).createSSLEngine();
            engine.setUseClientMode(true);
            try {
                engine.setEnabledProtocols(protocols);
                engine.setEnabledCipherSuites(new String[] {suite});
                engine.beginHandshake();
                ByteBuffer hello = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
                engine.wrap(ByteBuffer.allocate(0), hello);
                return hello.position() > 0;
            } catch (SSLException | RuntimeException refused) {
                return false;
            } finally {
                engine.closeOutbound();
            }
        });
    }

    /**
     * The protocols a JSSE provider (the JDK, Bouncy Castle) enables by default, as "TLSv1.2": those its
     * {@code jdk.tls.disabledAlgorithms} leaves (TLS 1.0 and 1.1 are disabled there in current JDKs). A context may be
     * built with the others, but its handshakes then fail before a byte is sent.
     */
    synchronized Set<String> enabledProtocols(TlsProvider provider) {
        return enabledProtocols.computeIfAbsent(provider,
                p -> Set.of(jsse(p).getDefaultSSLParameters().getProtocols()));
    }

    private synchronized Set<String> supported(TlsProvider provider) {
        return supportedSuites.computeIfAbsent(provider,
                p -> Set.of(jsse(p).getSupportedSSLParameters().getCipherSuites()));
    }

    /** The provider's own SSLContext with its defaults, made once. */
    private synchronized SSLContext jsse(TlsProvider provider) {
        return jsseContexts.computeIfAbsent(provider, p -> {
            try {
                SSLContext context = p == TlsProvider.JDK ? SSLContext.getInstance("TLS")
                        : SSLContext.getInstance("TLS", bouncyCastle());
                context.init(null, null, null);
                return context;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot make the SSLContext of " + p, e);
            }
        });
    }

    private synchronized Provider bouncyCastle() {
        if (bouncyCastle == null) {
            bouncyCastle = new BouncyCastleJsseProvider(new BouncyCastleProvider());
        }
        return bouncyCastle;
    }

    private static IllegalArgumentException unsupported(HandshakeSpec spec, CipherSuite suite) {
        return new IllegalArgumentException(spec.provider() + " cannot offer " + suite.ianaName()
                + (spec.provider() == TlsProvider.BORINGSSL ? "" : " (unsupported or disabled; try boringssl)"));
    }
}
