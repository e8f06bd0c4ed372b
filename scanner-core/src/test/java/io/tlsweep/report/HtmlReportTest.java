package io.tlsweep.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlReportTest {
    private static final String HTML = HtmlReport.render(tally(Hostile.results()), Latency.none(), Hostile.RUN);

    static Tally tally(List<ResultJson> results) {
        Tally t = new Tally();
        results.forEach(r -> t.add(EndpointFacts.of(r)));
        return t;
    }

    /** The number in the element with id {@code count-<verdict>}. */
    static long count(String html, String verdict) {
        Matcher m = Pattern.compile("id=\"count-" + Pattern.quote(verdict) + "\">(\\d+)<").matcher(html);
        assertThat(m.find()).as("count-" + verdict + " present").isTrue();
        return Long.parseLong(m.group(1));
    }

    @Test
    void verdictCountsHaveStableIds() {
        assertThat(count(HTML, "total")).isEqualTo(8);
        assertThat(count(HTML, "breaks-without-legacy")).isEqualTo(2);
        assertThat(count(HTML, "no-common-algorithm-risk")).isZero();
        assertThat(count(HTML, "legacy-enabled")).isEqualTo(1);
        assertThat(count(HTML, "ready")).isEqualTo(3);
        assertThat(count(HTML, "unreachable")).isEqualTo(1);
        assertThat(count(HTML, "not-tls")).isEqualTo(1);
    }

    /**
     * A server can serve a certificate the JDK's parser throws on (an Ed25519 key of no bytes): the scan keeps
     * its DER in the result line, and the reports read the leaf from there. That threw out of the report; the
     * page now shows no leaf for it. (Reasoned from the fuzzing finding in the certificate reader.)
     */
    @Test
    void aLeafTheJdkParserThrowsOnIsLeftOut() {
        byte[] der = java.util.HexFormat.of().parseHex(io.tlsweep.cert.CertificateReaderTest.EMPTY_ED25519_KEY);
        ResultJson r = Results.readyEndpoint("ed.example:443").noCertificates()
                .rawCertificate("00", java.util.Base64.getEncoder().encodeToString(der)).build();

        assertThat(LeafCertificate.of(r.certificates())).isEmpty();
        assertThat(HtmlReport.render(tally(List.of(r)), Latency.none(), Hostile.RUN)).contains("ed.example:443");
    }

    @Test
    void hostileStringsAppearOnlyEscaped() {
        assertThat(HTML).doesNotContain("<script").doesNotContain("<img").doesNotContain("<b>bold")
                .doesNotContain("\"'><b>");
        assertThat(HTML).contains("&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;")
                .contains("&lt;img src=x onerror=alert(1)&gt;")
                .contains("&quot;&#39;&gt;&lt;b&gt;bold&lt;/b&gt;&amp;amp;")
                .contains("=HYPERLINK(&quot;http://evil.example&quot;,&quot;x&quot;)");
        assertThat(Pattern.compile("<[a-zA-Z][^>]*\\son[a-z]+\\s*=").matcher(HTML).find())
                .as("no event-handler attribute in any tag").isFalse();
    }

    @Test
    void theHostileEndpointIsListedWithItsReasonCertificateNotesAndSymptom() {
        assertThat(HTML).contains("<td>&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;.example:443</td>")
                .contains("CN=\\&lt;img src\\=x onerror\\=alert(1)\\&gt;") // RFC 2253 escapes with '\'
                .contains("0x80090302") // expected protocol_version symptom where nothing failed
                .contains("expected, not observed")
                .contains("handshake_failure&lt;img src=x onerror=alert(1)&gt;");
    }

    @Test
    void thePageIsSelfContainedWithoutScripts() {
        // the sources of "What to do" are plain links a reader may follow, never loaded by the page
        assertThat(HTML).containsPattern("<a href=\"https://[^\"<>]+\">https://[^\"<>]+</a>");
        String page = HTML.replaceAll("<a href=\"https://[^\"<>]+\">https://[^\"<>]+</a>", "");
        assertThat(page).doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("<link")
                .doesNotContain("https://").doesNotContain("@import").doesNotContain("url(");
        assertThat(page.replace("xmlns=\"http://www.w3.org/2000/svg\"", "")).doesNotContain("http://www.")
                .doesNotContain("src=\"").doesNotContain("href=\"");
        assertThat(HTML).contains("Content-Security-Policy").contains("<svg").contains("<style>");
    }

    @Test
    void findingsAndFailuresAreTabledByKind() {
        assertThat(HTML).contains("id=\"finding-cbc-tls10-beast\">2<").contains("id=\"finding-rc4\">1<")
                .contains("RC4 cipher suites accepted").contains("id=\"version-TLSv1.0\">3 (38%)<")
                .contains("id=\"failure-not-tls\">1<")
                .contains("id=\"failure-alert(handshake_failure_img_src_x_onerror_alert(1)_)\">1<");
    }

    @Test
    void withoutHistogramsThePageSaysSo() {
        assertThat(HTML).contains("id=\"latency-none\"");
    }

    @Test
    void theEscaperCoversTextAndAttributes() {
        assertThat(Html.escape("<a href='x'>\"&\"</a>")).isEqualTo(
                "&lt;a href=&#39;x&#39;&gt;&quot;&amp;&quot;&lt;/a&gt;");
        assertThat(Html.escape("a\u0000b\u001bc\u0085d\te\u202ef")).isEqualTo("a\\x00b\\x1bc\\x85d\\x09e\\u202ef");
        assertThat(Html.escape(null)).isEmpty();
        assertThat(new Html().open("td", "title", "\"><script>").toString())
                .isEqualTo("<td title=\"&quot;&gt;&lt;script&gt;\">");
    }
}
