package io.tlsweep.engine.handshake;

import java.net.Socket;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Accepts every server chain and records it (DER, leaf first) for the engine that saw it. Validation is a
 * separate step elsewhere; a handshake must neither trust blindly nor fail early on a bad certificate,
 * since the point is to see what is served.
 *
 * <p>It is called on full handshakes only: a resumed session presents no certificate, so "not called"
 * is how a resumption is recognised, the same way for every provider. Being an
 * {@link X509ExtendedTrustManager}, the JDK does not wrap it with its own algorithm or hostname checks.
 */
final class CapturingTrustManager extends X509ExtendedTrustManager {
    private static final X509Certificate[] NO_ISSUERS = new X509Certificate[0];

    private final Map<SSLEngine, List<byte[]>> captured = new ConcurrentHashMap<>();

    /** Removes and returns the chain recorded for {@code engine}; null when none was presented. */
    List<byte[]> take(SSLEngine engine) {
        return captured.remove(engine);
    }

    /** Forgets whatever was recorded for {@code engine}. */
    void forget(SSLEngine engine) {
        captured.remove(engine);
    }

    static List<byte[]> encode(X509Certificate[] chain) {
        List<byte[]> der = new ArrayList<>(chain.length);
        for (X509Certificate c : chain) {
            try {
                der.add(c.getEncoded());
            } catch (CertificateEncodingException e) {
                der.add(new byte[0]); // a certificate the provider parsed but cannot re-encode: keep the slot
            }
        }
        return List.copyOf(der);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        if (engine != null) {
            captured.put(engine, encode(chain));
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        // sockets are not used here
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
        // no engine to file the chain under: accepted, not recorded
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("tlsweep is a client only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("tlsweep is a client only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("tlsweep is a client only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return NO_ISSUERS;
    }
}
