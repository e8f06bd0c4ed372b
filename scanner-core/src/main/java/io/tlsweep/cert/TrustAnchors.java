package io.tlsweep.cert;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import javax.security.auth.x500.X500Principal;

/**
 * The certificates a chain may end at: the JDK's default trust store (cacerts, or whatever
 * {@code javax.net.ssl.trustStore} names), a PEM bundle given with {@code --ca-file}, or both.
 * Immutable; the JDK's store may be read on first use ({@link #jdkDefaultsWhenUsed()}).
 */
public final class TrustAnchors {

    static final String JDK_DEFAULTS = "JDK default trust store";

    private final String source;
    private final Supplier<List<X509Certificate>> load;
    private Content content; // guarded by this: made on first use

    /** The anchors, and what chain checks look them up by. */
    private record Content(List<X509Certificate> certificates, Set<X500Principal> subjects,
            Set<TrustAnchor> pkixAnchors) {
        static Content of(List<X509Certificate> certificates) {
            List<X509Certificate> distinct = List.copyOf(new LinkedHashSet<>(certificates));
            return new Content(distinct, distinct.stream().map(X509Certificate::getSubjectX500Principal)
                    .collect(Collectors.toUnmodifiableSet()), distinct.stream().map(c -> new TrustAnchor(c, null))
                    .collect(Collectors.toUnmodifiableSet()));
        }
    }

    private TrustAnchors(String source, List<X509Certificate> certificates) {
        this(source, holding(List.copyOf(certificates)));
    }

    /** Anchors read by {@code load} when first looked into. */
    private TrustAnchors(String source, Supplier<List<X509Certificate>> load) {
        this.source = Objects.requireNonNull(source, "source");
        this.load = load;
    }

    /** Anchors from certificates already in hand (an engine's trust manager, a test). */
    public static TrustAnchors of(String source, List<X509Certificate> certificates) {
        return new TrustAnchors(source, certificates);
    }

    /** The JDK's default trust anchors, as its default {@code TrustManagerFactory} sees them. */
    public static AnchorLoad jdkDefaults() {
        try {
            List<X509Certificate> certs = jdkTrustManagerIssuers();
            return certs.isEmpty() ? new AnchorLoad.Failed(JDK_DEFAULTS, "it holds no certificates")
                    : new AnchorLoad.Loaded(new TrustAnchors(JDK_DEFAULTS, certs));
        } catch (NoSuchAlgorithmException | KeyStoreException e) {
            return new AnchorLoad.Failed(JDK_DEFAULTS, String.valueOf(e.getMessage()));
        }
    }

    /**
     * As {@link #jdkDefaults()}, read when a chain is first checked against them: a run that meets no certificate
     * (closed ports, silent or plain-text services) never parses the trust store, a tenth of a short run's CPU.
     * A trust store the user names ({@code javax.net.ssl.trustStore} and its fellow properties) is read now, so
     * that a mistake in it stops the run before it starts, as {@link #jdkDefaults()} does; the JDK's own store is
     * part of the installation, and should it fail to load at first use all the same, that use throws.
     */
    public static AnchorLoad jdkDefaultsWhenUsed() {
        boolean named = System.getProperties().stringPropertyNames().stream()
                .anyMatch(p -> p.startsWith("javax.net.ssl.trustStore"));
        if (named) {
            return jdkDefaults();
        }
        return new AnchorLoad.Loaded(new TrustAnchors(JDK_DEFAULTS, () -> {
            AnchorLoad load = jdkDefaults();
            if (load instanceof AnchorLoad.Failed failed) {
                throw new IllegalStateException(failed.message());
            }
            return ((AnchorLoad.Loaded) load).anchors().certificates();
        }));
    }

    private static List<X509Certificate> jdkTrustManagerIssuers() throws NoSuchAlgorithmException,
            KeyStoreException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        List<X509Certificate> certs = new ArrayList<>();
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                certs.addAll(List.of(x509.getAcceptedIssuers()));
            }
        }
        return certs;
    }

    /**
     * Every certificate of a PEM bundle's bytes (several {@code BEGIN CERTIFICATE} blocks; text between blocks is
     * ignored; a single DER certificate is accepted too, as the JDK reads it); {@code source} names it.
     */
    public static AnchorLoad pemBundle(String source, byte[] bytes) {
        try {
            List<X509Certificate> certs = new ArrayList<>();
            for (Certificate cert : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(bytes))) {
                certs.add((X509Certificate) cert);
            }
            return certs.isEmpty() ? new AnchorLoad.Failed(source, "no certificate in it (expected PEM blocks"
                    + " -----BEGIN CERTIFICATE-----)") : new AnchorLoad.Loaded(new TrustAnchors(source, certs));
        } catch (CertificateException e) {
            return new AnchorLoad.Failed(source, "not a PEM certificate bundle: " + e.getMessage());
        } catch (RuntimeException e) {
            // as in CertificateReader.parse: the JDK's parser throws unchecked exceptions for some malformed
            // certificates (JDK 17: an Ed25519 key of no bytes)
            return new AnchorLoad.Failed(source, "not a PEM certificate bundle: the JDK's parser failed: " + e);
        }
    }

    /** Union of both sets, sources joined with {@code " + "}; read when first used if either is. */
    public TrustAnchors plus(TrustAnchors other) {
        return new TrustAnchors(source + " + " + other.source, () -> {
            List<X509Certificate> all = new ArrayList<>(certificates());
            all.addAll(other.certificates());
            return all;
        });
    }

    /** Where the anchors came from, e.g. {@code JDK default trust store + ca.pem}. */
    public String source() {
        return source;
    }

    public List<X509Certificate> certificates() {
        return content().certificates();
    }

    boolean hasSubject(X500Principal name) {
        return content().subjects().contains(name);
    }

    boolean contains(X509Certificate cert) {
        return content().certificates().contains(cert);
    }

    Set<TrustAnchor> pkixAnchors() {
        return content().pkixAnchors();
    }

    private static Supplier<List<X509Certificate>> holding(List<X509Certificate> certificates) {
        return () -> certificates;
    }

    private synchronized Content content() {
        if (content == null) {
            content = Content.of(load.get());
        }
        return content;
    }

    @Override
    public String toString() {
        return source + " (" + certificates().size() + " certificates)";
    }
}
