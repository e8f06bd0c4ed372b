package io.tlsweep.targets.tls;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.OpenSslContextOption;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.tlsweep.targets.TlsStack;
import io.tlsweep.targets.TlsTargetSpec;
import io.tlsweep.targets.TlsVersion;
import io.tlsweep.targets.cert.CertifiedKey;
import io.tlsweep.targets.suite.KeyExchange;
import io.tlsweep.targets.suite.SuiteCatalog;
import io.tlsweep.targets.suite.SuiteInfo;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jsse.BCSSLEngine;
import org.bouncycastle.jsse.BCSSLParameters;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;

/**
 * Turns a {@link TlsTargetSpec} into a Netty server {@link SslContext} on the chosen stack, after
 * checking that the stack can really serve what the spec asks for (so manifests never promise more).
 *
 * <ul>
 * <li>BoringSSL: what netty-tcnative reports as available (BoringSSL keeps 3DES out of "ALL", and
 *     Netty refuses suites outside it, so no 3DES). TLS 1.0/1.1 work when enabled explicitly. TLS 1.3 suites cannot be
 *     configured: BoringSSL always serves its three. Groups can be set.</li>
 * <li>JDK and Bouncy Castle: their supported suites minus what {@code jdk.tls.disabledAlgorithms}
 *     forbids (TLS 1.0/1.1, 3DES, ...). The farm does not relax that property; specs that need it
 *     are refused with a message pointing at BoringSSL. Bouncy Castle's groups can be set (by its own names:
 *     "X25519MLKEM768", "SecP256r1MLKEM768", "x25519"...), in the server's order when it enforces one.</li>
 * </ul>
 * The Bouncy Castle JSSE provider is an instance owned by this object, backed by its own
 * {@link BouncyCastleProvider} instance; neither is registered with {@code java.security.Security}.
 */
public final class ServerSslContexts {

    /** The TLS 1.3 suites BoringSSL serves, whatever it is told. */
    public static final List<String> BORINGSSL_TLS13 = List.of(
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256");

    private final DisabledAlgorithms disabled = DisabledAlgorithms.fromSecurityProperties();
    private final Map<TlsStack, Set<String>> supported = new EnumMap<>(TlsStack.class);
    private Provider bcJsse;

    /** Throws {@link IllegalArgumentException} naming the first thing the stack cannot do. */
    public synchronized void validate(TlsTargetSpec spec) {
        TlsStack stack = spec.stack();
        if (stack == TlsStack.SCRIPTED) {
            throw refused(spec, "anything: it is no TLS stack (use ScriptedTargetSpec)");
        }
        for (TlsVersion v : spec.versions()) {
            if (stack != TlsStack.BORINGSSL && disabled.disablesProtocol(v.javaName())) {
                throw refused(spec, v.javaName() + " (jdk.tls.disabledAlgorithms); use BORINGSSL");
            }
        }
        Set<String> names = supportedSuites(stack);
        for (String name : spec.cipherSuites()) {
            SuiteInfo info = SuiteCatalog.require(name);
            if (stack == TlsStack.BORINGSSL && info.keyExchange() == KeyExchange.TLS13) {
                if (!BORINGSSL_TLS13.contains(name)) {
                    throw refused(spec, name + " (BoringSSL serves only " + BORINGSSL_TLS13 + " in TLS 1.3)");
                }
            } else if (!names.contains(name) || (stack != TlsStack.BORINGSSL && disabled.disablesSuite(name))) {
                throw refused(spec, name);
            }
        }
        if (!spec.groups().isEmpty() && stack != TlsStack.BORINGSSL && stack != TlsStack.BOUNCY_CASTLE) {
            throw refused(spec, "configured groups (only BORINGSSL and BOUNCY_CASTLE let the farm set groups)");
        }
    }

    /** Builds the server context; call {@link #validate} first. */
    public SslContext build(TlsTargetSpec spec, CertifiedKey key) {
        return build(spec, key, List.of());
    }

    /**
     * Builds the server context selecting an ALPN protocol of {@code alpn} when the client offers one (none selected
     * otherwise, and the handshake goes on); call {@link #validate} first.
     */
    public synchronized SslContext build(TlsTargetSpec spec, CertifiedKey key, List<String> alpn) {
        List<String> ciphers = new ArrayList<>();
        for (String name : spec.cipherSuites()) {
            boolean tls13 = SuiteCatalog.require(name).keyExchange() == KeyExchange.TLS13;
            if (!(tls13 && spec.stack() == TlsStack.BORINGSSL)) {
                ciphers.add(name);
            }
        }
        if (spec.stack() == TlsStack.BORINGSSL && spec.versions().contains(TlsVersion.TLS1_3)) {
            ciphers.addAll(BORINGSSL_TLS13);
        }
        SslContextBuilder builder = (spec.stack() == TlsStack.BOUNCY_CASTLE
                ? SslContextBuilder.forServer(bcKeyManagers(key)) : SslContextBuilder.forServer(key.privateKey(), key.chain()))
                .protocols(spec.versions().stream().map(TlsVersion::javaName).toList())
                .ciphers(ciphers);
        if (!alpn.isEmpty()) {
            builder.applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                    ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                    ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, alpn));
        }
        switch (spec.stack()) {
            case BORINGSSL -> {
                builder.sslProvider(SslProvider.OPENSSL);
                if (!spec.groups().isEmpty()) {
                    builder.option(OpenSslContextOption.GROUPS, spec.groups().toArray(String[]::new));
                }
            }
            case JDK -> builder.sslProvider(SslProvider.JDK);
            case BOUNCY_CASTLE -> builder.sslProvider(SslProvider.JDK).sslContextProvider(bcJsse());
            case SCRIPTED -> throw refused(spec, "anything: it is no TLS stack (use ScriptedTargetSpec)");
        }
        try {
            return builder.build();
        } catch (SSLException e) {
            throw new IllegalStateException(spec.name() + ": cannot build " + spec.stack() + " context", e);
        }
    }

    /** A handler for one connection, honouring the spec's server-order choice. */
    public static SslHandler newHandler(SslContext context, TlsTargetSpec spec, ByteBufAllocator alloc) {
        SslHandler handler = context.newHandler(alloc);
        SSLEngine engine = handler.engine();
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setUseCipherSuitesOrder(spec.serverOrder());
        engine.setSSLParameters(parameters);
        if (spec.stack() == TlsStack.BOUNCY_CASTLE && !spec.groups().isEmpty()) {
            if (!(engine instanceof BCSSLEngine bc)) {
                throw new IllegalStateException(spec.name() + ": no Bouncy Castle engine to set the groups on");
            }
            BCSSLParameters groups = bc.getParameters();
            groups.setNamedGroups(spec.groups().toArray(String[]::new));
            groups.setUseNamedGroupsOrder(spec.serverOrder());
            bc.setParameters(groups);
        }
        return handler;
    }

    /** Names of the suites a stack can serve at all (before the disabled-algorithms filter). */
    public synchronized Set<String> supportedSuites(TlsStack stack) {
        return supported.computeIfAbsent(stack, this::lookupSupported);
    }

    private Set<String> lookupSupported(TlsStack stack) {
        Set<String> names = new HashSet<>();
        switch (stack) {
            case BORINGSSL -> {
                OpenSsl.ensureAvailability();
                names.addAll(OpenSsl.availableJavaCipherSuites());
            }
            case JDK -> names.addAll(List.of(jsseParameters(null).getCipherSuites()));
            case BOUNCY_CASTLE -> names.addAll(List.of(jsseParameters(bcJsse()).getCipherSuites()));
            case SCRIPTED -> {
                // no stack: a scripted server is specified by ScriptedTargetSpec, not through a context
            }
        }
        return Set.copyOf(names);
    }

    private static SSLParameters jsseParameters(Provider provider) {
        try {
            SSLContext context = provider == null ? SSLContext.getInstance("TLS") : SSLContext.getInstance("TLS", provider);
            context.init(null, null, null);
            return context.getSupportedSSLParameters();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot query " + (provider == null ? "JDK" : provider.getName()), e);
        }
    }

    /**
     * BC JSSE does not find ECDSA credentials through the JDK's SunX509 key manager that Netty
     * would build, so BC targets get BC's own PKIX key manager.
     */
    private KeyManagerFactory bcKeyManagers(CertifiedKey key) {
        try {
            char[] password = "farm".toCharArray();
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("target", key.privateKey(), password, key.chain().toArray(new X509Certificate[0]));
            KeyManagerFactory factory = KeyManagerFactory.getInstance("PKIX", bcJsse());
            factory.init(store, password);
            return factory;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot build Bouncy Castle key manager", e);
        }
    }

    private Provider bcJsse() {
        if (bcJsse == null) {
            bcJsse = new BouncyCastleJsseProvider(new BouncyCastleProvider());
        }
        return bcJsse;
    }

    private static IllegalArgumentException refused(TlsTargetSpec spec, String what) {
        return new IllegalArgumentException(spec.name() + ": " + spec.stack() + " cannot serve " + what);
    }
}
