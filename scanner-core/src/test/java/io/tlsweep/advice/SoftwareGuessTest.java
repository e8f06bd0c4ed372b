package io.tlsweep.advice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The web server told by the HTTP {@code Server} header the http-auth check kept: IIS and HTTP.sys are Schannel,
 * nginx and Apache httpd by their product name, nothing else; a prelude's word comes first.
 */
class SoftwareGuessTest {

    private static Optional<SoftwareGuess> web(String server) {
        return SoftwareGuess.of(Optional.empty(), Optional.empty(), Optional.of(server));
    }

    @Test
    void iisNginxAndApacheAreToldByTheirProductName() {
        assertThat(web("Microsoft-IIS/10.0")).map(SoftwareGuess::software).hasValue(Software.SCHANNEL);
        assertThat(web("Microsoft-HTTPAPI/2.0")).map(SoftwareGuess::software).hasValue(Software.SCHANNEL);
        assertThat(web("nginx")).map(SoftwareGuess::software).hasValue(Software.NGINX);
        assertThat(web("nginx/1.22.1")).map(SoftwareGuess::software).hasValue(Software.NGINX);
        assertThat(web("NGINX")).map(SoftwareGuess::software).hasValue(Software.NGINX);
        assertThat(web("Apache")).map(SoftwareGuess::software).hasValue(Software.APACHE);
        assertThat(web("Apache/2.4.62 (Debian)")).map(SoftwareGuess::software).hasValue(Software.APACHE);
        assertThat(web("Apache/2.4.62 (Debian) OpenSSL/3.0.15")).map(SoftwareGuess::software)
                .hasValue(Software.APACHE);
    }

    @Test
    void theReasonQuotesTheHeaderAndSaysAProxyMayAnswer() {
        assertThat(web("nginx/1.22.1")).map(SoftwareGuess::because).hasValue("the HTTP Server header says"
                + " nginx/1.22.1: the server answering HTTP, which may be a proxy in front");
        String lengthy = "Apache/2.4.62 " + "(x) ".repeat(100);
        String because = web(lengthy).orElseThrow().because();
        assertThat(because).contains("says Apache/2.4.62 (x)").contains("...: the server answering HTTP")
                .hasSizeLessThan(SoftwareGuess.SERVER_QUOTED + 100);
    }

    @Test
    void otherProductsAndLookAlikesAreNotGuessed() {
        for (String other : new String[] {"Apache-Coyote/1.1", "openresty/1.21.4.1", "cloudflare", "nginx-proxy",
            "Microsoft-Azure-Application-Gateway/v2", "gws", "Jetty(9.4.z)", "my nginx", "(nginx)", "", " ",
            "HAProxy", "lighttpd/1.4.69", "Apachee"}) {
            assertThat(web(other)).as(other).isEmpty();
        }
    }

    @Test
    void aPreludesWordComesFirstAndWithoutAHeaderNothingIsTold() {
        assertThat(SoftwareGuess.of(Optional.of("smtp"), Optional.of("220 mx ESMTP Postfix"),
                Optional.of("nginx"))).map(SoftwareGuess::software).hasValue(Software.POSTFIX);
        assertThat(SoftwareGuess.of(Optional.of("smtp"), Optional.of("220 mx ESMTP Exim"), Optional.of("nginx")))
                .as("a prelude endpoint is no web one").isEmpty();
        assertThat(SoftwareGuess.of(Optional.empty(), Optional.empty(), Optional.empty())).isEmpty();
    }
}
