package io.tlsweep.evidence;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A real JDK SMTP client for the Postfix log test, run in its own {@code java} process (so that a
 * {@code -Djava.security.properties=} file can re-enable TLS 1.0 and 1.1, which CI's JDK disables): it connects from
 * a given loopback source address, says EHLO, STARTTLS, layers an {@link SSLSocket} limited to one version over the
 * plain socket, completes the handshake, prints the negotiated protocol and suite and says QUIT. Every read has a
 * 10 s timeout. It trusts any certificate: the server is the test's own, with a self-signed key.
 */
public final class JdkStarttlsClient {
    private JdkStarttlsClient() {
    }

    /** {@code port version source}: "25025 TLSv1 127.0.0.5". */
    public static void main(String[] args) throws IOException, GeneralSecurityException {
        int port = Integer.parseInt(args[0]);
        try (Socket plain = new Socket()) {
            plain.bind(new InetSocketAddress(InetAddress.getByName(args[2]), 0));
            plain.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 10_000);
            plain.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(plain.getInputStream(),
                    StandardCharsets.US_ASCII));
            OutputStream out = plain.getOutputStream();
            reply(in, "220");
            send(out, "EHLO jdk.tlsweep.test");
            reply(in, "250");
            send(out, "STARTTLS");
            reply(in, "220");
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new TrustingAnyone()}, null);
            try (SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, "127.0.0.1", port, true)) {
                tls.setEnabledProtocols(new String[] {args[1]});
                tls.setUseClientMode(true);
                tls.startHandshake();
                System.out.println(tls.getSession().getProtocol() + " " + tls.getSession().getCipherSuite());
                BufferedReader tin = new BufferedReader(new InputStreamReader(tls.getInputStream(),
                        StandardCharsets.US_ASCII));
                send(tls.getOutputStream(), "EHLO jdk.tlsweep.test");
                reply(tin, "250");
                send(tls.getOutputStream(), "QUIT");
                reply(tin, "221");
            }
        }
    }

    private static void send(OutputStream out, String command) throws IOException {
        out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Reads one (multi-line) reply and checks its code. */
    private static void reply(BufferedReader in, String code) throws IOException {
        for (int lines = 0; lines < 100; lines++) {
            String line = in.readLine();
            if (line == null || !line.startsWith(code)) {
                throw new IOException("expected " + code + ", got " + line);
            }
            if (line.length() < 4 || line.charAt(3) == ' ') {
                return;
            }
        }
        throw new IOException("a reply of more than 100 lines");
    }

    /** Trusts the test server's self-signed certificate (and any other: the client only talks to loopback). */
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
