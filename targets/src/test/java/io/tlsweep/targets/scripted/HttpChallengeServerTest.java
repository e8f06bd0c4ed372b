package io.tlsweep.targets.scripted;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;

/** The scripted Windows-authentication responder answers 401 with its challenges over TLS and keeps the requests. */
class HttpChallengeServerTest {

    @Test
    void everyRequestGets401WithTheChallengesInOrderAndIsKept() throws Exception {
        try (HttpChallengeServer server = HttpChallengeServer.windowsAuthentication("127.0.0.1", 0)) {
            for (int i = 0; i < 2; i++) {
                String answer = ask(server.port(), "GET /owa/ HTTP/1.1\r\nHost: a.example\r\n\r\n");
                assertThat(answer).isEqualTo("HTTP/1.1 401 Unauthorized\r\nServer: tlsweep-scripted\r\n"
                        + "WWW-Authenticate: Negotiate\r\nWWW-Authenticate: NTLM\r\nContent-Length: 0\r\n"
                        + "Connection: close\r\n\r\n");
            }
            assertThat(server.requests()).hasSize(2).allSatisfy(r -> assertThat(r).startsWith("GET /owa/ HTTP/1.1")
                    .endsWith("\r\n\r\n"));
        }
    }

    @Test
    void itBindsLoopbackOnly() {
        assertThatThrownBy(() -> HttpChallengeServer.start("192.0.2.1", 0, List.of("Basic")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static String ask(int port, String request) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new X509TrustManager() {
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
        }}, null);
        try (SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            return new String(s.getInputStream().readNBytes(4096), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new AssertionError("no answer", e);
        }
    }
}
