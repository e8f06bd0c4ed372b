package io.tlsweep.evidence;

import java.io.IOException;
import java.security.GeneralSecurityException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A JDK client limited to one version, run by ProfileMatcherTest in a {@code java} process of its own (with a
 * security properties file that lets TLS 1.0 and 1.1 be offered): {@code ProfileMatcherJdkClient PORT PROTOCOL}
 * sends its ClientHello to 127.0.0.1:PORT; the listener closes without answering, so the handshake fails.
 */
public final class ProfileMatcherJdkClient {
    private ProfileMatcherJdkClient() {
    }

    public static void main(String[] args) throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, null, null);
        try (SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1",
                Integer.parseInt(args[0]))) {
            s.setSoTimeout(20_000);
            SSLParameters p = s.getSSLParameters();
            p.setProtocols(new String[] {args[1]});
            s.setSSLParameters(p);
            s.startHandshake();
        } catch (IOException expected) {
            // no server answers
        }
    }
}
