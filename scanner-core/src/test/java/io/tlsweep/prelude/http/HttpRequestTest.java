package io.tlsweep.prelude.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The request and its Host header; paths that cannot be asked are refused with a reason. */
class HttpRequestTest {

    @Test
    void theRequestAsksThePathWithoutCredentialsAndClosesTheConnection() {
        String request = new String(HttpRequest.get("test.example:8443", "/owa/?a=1%20b"), StandardCharsets.US_ASCII);
        assertThat(request).isEqualTo("GET /owa/?a=1%20b HTTP/1.1\r\nHost: test.example:8443\r\nUser-Agent: tlsweep\r\n"
                + "Accept: */*\r\nConnection: close\r\n\r\n");
        assertThat(request.toLowerCase()).doesNotContain("authorization");
    }

    @Test
    void theHostIsTheServerNameElseTheAddressWithThePortUnlessItIs443() {
        assertThat(HttpRequest.host(Optional.of("mail.example.org"), "192.0.2.1", 443)).isEqualTo("mail.example.org");
        assertThat(HttpRequest.host(Optional.empty(), "192.0.2.1", 8443)).isEqualTo("192.0.2.1:8443");
        assertThat(HttpRequest.host(Optional.empty(), "2001:db8::1", 443)).isEqualTo("[2001:db8::1]");
        assertThat(HttpRequest.host(Optional.empty(), "::1", 10443)).isEqualTo("[::1]:10443");
    }

    @Test
    void aPathStartsWithASlashAndIsVisibleAsciiOfBoundedLength() {
        assertThat(HttpRequest.checkPath("/")).isEqualTo("/");
        assertThatThrownBy(() -> HttpRequest.checkPath("owa")).hasMessageContaining("starts with '/'");
        assertThatThrownBy(() -> HttpRequest.checkPath("")).hasMessageContaining("starts with '/'");
        assertThatThrownBy(() -> HttpRequest.checkPath("/a b")).hasMessageContaining("percent-encode");
        assertThatThrownBy(() -> HttpRequest.checkPath("/a\r\nAuthorization: x")).hasMessageContaining("visible");
        assertThatThrownBy(() -> HttpRequest.checkPath("/é")).hasMessageContaining("visible");
        assertThatThrownBy(() -> HttpRequest.checkPath("/" + "a".repeat(HttpRequest.MAX_PATH)))
                .hasMessageContaining("at most");
    }
}
