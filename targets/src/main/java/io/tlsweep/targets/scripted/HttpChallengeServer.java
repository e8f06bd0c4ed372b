package io.tlsweep.targets.scripted;

import io.tlsweep.targets.cert.CertificateSpec;
import io.tlsweep.targets.cert.FarmCertificateAuthority;
import io.tlsweep.targets.cert.CertifiedKey;
import io.tlsweep.targets.cert.KeyPairCache;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * A tiny HTTPS responder on the JDK's TLS server, the way an IIS site with Windows authentication answers a client
 * without credentials: every request gets {@code 401 Unauthorized} with one {@code WWW-Authenticate} field per
 * challenge given ({@code Negotiate}, then {@code NTLM}), no body, and the connection closed. It keeps the heads of
 * the requests it got, so a test can see what a client sent (never an {@code Authorization}, for tlsweep). One
 * connection at a time on one thread; each bounded in time (5 s) and size (16 KiB of head); loopback only.
 */
public final class HttpChallengeServer implements AutoCloseable {
    /** The most bytes of a request's head read. */
    static final int MAX_HEAD = 16 * 1024;
    private static final int TIMEOUT_MILLIS = 5000;

    private final SSLServerSocket socket;
    private final byte[] answer;
    private final List<String> requests = new ArrayList<>();
    private final Thread acceptor;

    private HttpChallengeServer(SSLServerSocket socket, byte[] answer) {
        this.socket = socket;
        this.answer = answer;
        this.acceptor = new Thread(this::serve, "http-challenge-server-" + socket.getLocalPort());
        this.acceptor.setDaemon(true);
    }

    /**
     * Listens on {@code address}:{@code port} (0: any free port) and answers every request with 401 and {@code
     * challenges}, one field each, in that order.
     *
     * @throws IllegalArgumentException for an address that is not loopback
     */
    public static HttpChallengeServer start(String address, int port, List<String> challenges) throws IOException {
        InetAddress bind = InetAddress.getByName(Objects.requireNonNull(address, "address"));
        if (!bind.isLoopbackAddress()) {
            throw new IllegalArgumentException("binds loopback addresses only: " + address);
        }
        StringBuilder head = new StringBuilder("HTTP/1.1 401 Unauthorized\r\nServer: tlsweep-scripted\r\n");
        challenges.forEach(c -> head.append("WWW-Authenticate: ").append(c).append("\r\n"));
        head.append("Content-Length: 0\r\nConnection: close\r\n\r\n");
        SSLServerSocket socket = (SSLServerSocket) context().getServerSocketFactory().createServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(bind, port), 16);
        HttpChallengeServer server = new HttpChallengeServer(socket, head.toString().getBytes(StandardCharsets.US_ASCII));
        server.acceptor.start();
        return server;
    }

    /** The windows-authentication answer: {@code Negotiate} then {@code NTLM}, as IIS offers them. */
    public static HttpChallengeServer windowsAuthentication(String address, int port) throws IOException {
        return start(address, port, List.of("Negotiate", "NTLM"));
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** The heads of the requests read so far, as text. */
    public synchronized List<String> requests() {
        return List.copyOf(requests);
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (SSLSocket s = (SSLSocket) socket.accept()) {
                s.setSoTimeout(TIMEOUT_MILLIS);
                String head = readHead(s.getInputStream());
                synchronized (this) {
                    requests.add(head);
                }
                OutputStream out = s.getOutputStream();
                out.write(answer);
                out.flush();
            } catch (IOException e) {
                // a client that went away, a failed handshake, or the server closed: the next one is served
            }
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int last = 0;
        int b;
        while (head.size() < MAX_HEAD && (b = in.read()) >= 0) {
            head.write(b);
            last = last << 8 | b;
            if (last == 0x0d0a0d0a || (last & 0xffff) == 0x0a0a) {
                break;
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static SSLContext context() throws IOException {
        try {
            CertifiedKey key = new FarmCertificateAuthority(KeyPairCache.shared()).issue(CertificateSpec.rsa2048());
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            char[] password = "scripted".toCharArray();
            store.setKeyEntry("leaf", key.privateKey(), password, key.chain().toArray(Certificate[]::new));
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot make the responder's TLS context", e);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
            acceptor.join(TIMEOUT_MILLIS + 1000L);
        } catch (IOException e) {
            // closing a server socket that is already closed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
