package io.tlsweep.evidence.capture;

import io.tlsweep.testing.SelfSignedKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Locale;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A tiny SMTP server on 127.0.0.1 for one STARTTLS session, as RFC 3207 has it: greeting, EHLO with STARTTLS
 * offered, "220 Ready", then a TLS handshake (the JDK's, TLS 1.2 or 1.3) on the same connection. It reads the
 * plain-text commands byte by byte, so that no byte of the ClientHello is taken for a command. One session, 20 s
 * at most, then it closes.
 */
final class SmtpStarttlsResponder implements AutoCloseable {
    private final ServerSocket listener;
    private final Thread thread;
    private volatile String failure;

    private SmtpStarttlsResponder(ServerSocket listener, SSLContext tls) {
        this.listener = listener;
        this.thread = new Thread(() -> serve(tls), "smtp-starttls");
        thread.setDaemon(true);
        thread.start();
    }

    static SmtpStarttlsResponder start() throws IOException, GeneralSecurityException {
        SelfSignedKey key = SelfSignedKey.rsa2048();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        char[] password = "test".toCharArray();
        store.setKeyEntry("smtp", key.keys().getPrivate(), password, new Certificate[] {key.certificate()});
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        return new SmtpStarttlsResponder(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()), tls);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** What went wrong in the session, or null. */
    String failure() {
        return failure;
    }

    private void serve(SSLContext tls) {
        try (Socket s = listener.accept()) {
            s.setSoTimeout(20_000);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            send(out, "220 smtp.test ESMTP\r\n");
            while (true) {
                String command = line(in).toUpperCase(Locale.ROOT);
                if (command.startsWith("EHLO")) {
                    send(out, "250-smtp.test\r\n250 STARTTLS\r\n");
                } else if (command.equals("STARTTLS")) {
                    send(out, "220 2.0.0 Ready to start TLS\r\n");
                    break;
                } else {
                    send(out, "502 5.5.2 not here\r\n");
                }
            }
            try (SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(s, null, true)) {
                secure.setUseClientMode(false);
                secure.startHandshake();
                secure.getInputStream().read(); // until the client closes
            }
        } catch (IOException e) {
            failure = e.toString();
        }
    }

    private static void send(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c; (c = in.read()) != '\n'; ) {
            if (c < 0 || b.size() > 1000) {
                throw new IOException("no command line: " + b);
            }
            b.write(c);
        }
        return b.toString(StandardCharsets.US_ASCII).strip();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        listener.close();
        thread.join(20_000);
    }
}
