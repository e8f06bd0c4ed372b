package io.tlsweep.evidence;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The JDK as a TLS client of {@link LegacyTraffic}, run in a {@code java} process of its own whose
 * {@code java.security.properties} file re-enables TLS 1.0 and 1.1 (Debian's and Oracle's JDKs disable them): one
 * {@link SSLSocket} handshake per version given, each with one HTTP/1.0 request. It trusts any certificate (the test
 * servers' are fresh self-signed ones) and prints one line per handshake: {@code ok VERSION NEGOTIATED STATUS-LINE}.
 * Arguments: address, port, SNI name or {@code -}, then version, path and user agent for each handshake.
 */
public final class JdkHandshakes {
    private JdkHandshakes() {
    }

    public static void main(String[] args) throws IOException, GeneralSecurityException {
        String address = args[0];
        int port = Integer.parseInt(args[1]);
        String sni = args[2];
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new TrustingAnyone()}, null);
        for (int i = 3; i + 2 < args.length; i += 3) {
            try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
                socket.connect(new InetSocketAddress(address, port), 5000);
                socket.setSoTimeout(10_000);
                SSLParameters params = socket.getSSLParameters();
                params.setProtocols(new String[] {args[i]});
                params.setServerNames(sni.equals("-") ? List.of() : List.of(new SNIHostName(sni)));
                socket.setSSLParameters(params);
                socket.startHandshake();
                OutputStream out = socket.getOutputStream();
                out.write(("GET " + args[i + 1] + " HTTP/1.0\r\nHost: " + (sni.equals("-") ? address : sni)
                        + "\r\nUser-Agent: " + args[i + 2] + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.US_ASCII));
                String status = in.readLine();
                System.out.println("ok " + args[i] + " " + socket.getSession().getProtocol() + " " + status);
                drain(in);
            }
        }
    }

    /** Reads the rest of the answer; how the server ends the connection after it does not matter here. */
    private static void drain(BufferedReader in) {
        try {
            while (in.readLine() != null) {
                // the server closes after its answer to an HTTP/1.0 request
            }
        } catch (IOException e) {
            // a close without close_notify: the answer was read
        }
    }

    /** Trusts every server: the test servers' certificates are self-signed and fresh. */
    private static final class TrustingAnyone implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
