package io.tlsweep.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A web endpoint's next step names the software its http-auth check's Server header told, with its source. */
class LineAdviceServerTest {

    private static ResultJson legacyWeb(ObjectNode httpAuth) {
        return Results.endpoint("www.example:443").verdict("legacy-enabled").protocol("TLSv1.0", "server", Results.CBC)
                .protocol("TLSv1.2", "server", Results.GCM)
                .check("http-auth", "not-vulnerable", "neither Basic nor NTLM offered (/: 200, no challenge)", 1,
                        httpAuth).build();
    }

    private static ObjectNode part(String server) {
        ObjectNode part = JsonNodeFactory.instance.objectNode();
        if (server != null) {
            part.put("server", server);
        }
        part.putArray("answers").addObject().put("path", "/").put("status", 200);
        return part;
    }

    @Test
    void theServerHeaderTellsNginxApacheAndIis() {
        List<NextStepJson> nginx = LineAdvice.derived(legacyWeb(part("nginx/1.22.1")));
        assertThat(nginx).extracting(NextStepJson::step).containsExactly("switch off TLSv1.0");
        assertThat(nginx.get(0).where()).isEqualTo("ssl_protocols TLSv1.2 TLSv1.3; in the http or server block (the"
                + " HTTP Server header says nginx/1.22.1: the server answering HTTP, which may be a proxy in front)");
        assertThat(nginx.get(0).source()).isEqualTo("https://nginx.org/en/docs/http/ngx_http_ssl_module.html"
                + "#ssl_protocols");
        assertThat(LineAdvice.derived(legacyWeb(part("Apache/2.4.62 (Debian)"))).get(0).where())
                .startsWith("SSLProtocol -all +TLSv1.2 +TLSv1.3 (the HTTP Server header says Apache/2.4.62 (Debian)");
        assertThat(LineAdvice.derived(legacyWeb(part("Microsoft-IIS/10.0"))).get(0).where())
                .contains("SCHANNEL\\Protocols\\TLS 1.0\\Server").contains("says Microsoft-IIS/10.0");
    }

    @Test
    void withoutAServerOrWithAnotherTheStepSaysWhereToLookInGeneral() {
        assertThat(LineAdvice.derived(legacyWeb(part(null))).get(0).where()).startsWith("the server's TLS settings"
                + " (software not identified");
        assertThat(LineAdvice.derived(legacyWeb(part("cloudflare"))).get(0).source()).isNull();
        ResultJson noCheck = Results.endpoint("www.example:443").verdict("legacy-enabled")
                .protocol("TLSv1.0", "server", Results.CBC).build();
        assertThat(LineAdvice.httpServer(noCheck)).isEmpty();
    }
}
