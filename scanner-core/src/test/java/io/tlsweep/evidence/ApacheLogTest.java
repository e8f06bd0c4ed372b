package io.tlsweep.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.wire.ProtocolVersion;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Apache httpd lines in tlsweep's LogFormat; the samples are lines httpd 2.4 (Debian 12) wrote with it. */
class ApacheLogTest {
    static final String TLS11 = "2026-12-03T15:38:00+0000 127.0.0.1 127.0.0.1 18444 \"localhost\" TLSv1.1"
            + " ECDHE-RSA-AES256-SHA \"GET /curl/tls1.1 HTTP/1.1\" 404 \"curl/7.88.1\"";
    private static final String ESCAPED = "2026-12-03T15:38:00-0130 ::1 ::1 18444 \"-\" TLSv1"
            + " ECDHE-RSA-AES256-SHA \"GET /curl/tls1.0 HTTP/1.1\" 404 \"curl \\\"q\\\" \\\\x \\t\\xc3\\xa9\"";
    private static final String PLAIN = "2026-12-03T15:37:52+0000 127.0.0.1 127.0.0.1 18081 \"-\" - -"
            + " \"GET /plain HTTP/1.1\" 404 \"curl/7.88.1\"";
    private static final ApacheLog APACHE = new ApacheLog();

    private static LineParser.Parsed parse(String line) {
        return APACHE.start().parse(line);
    }

    @Test
    void aTls11LineWithSni() {
        assertThat(parse(TLS11)).isInstanceOfSatisfying(LineParser.Seen.class, s -> {
            Observation o = s.observation();
            assertThat(o.time()).contains(Instant.parse("2026-12-03T15:38:00Z"));
            assertThat(o.clientAddress()).contains("127.0.0.1");
            assertThat(o.serverAddress()).contains("127.0.0.1");
            assertThat(o.serverPort()).isEqualTo(OptionalInt.of(18444));
            assertThat(o.serverName()).contains("localhost");
            assertThat(o.version()).contains(ProtocolVersion.TLSv1_1);
            assertThat(o.cipher()).contains("ECDHE-RSA-AES256-SHA");
            assertThat(o.userAgent()).contains("curl/7.88.1");
            assertThat(o.offered()).isEmpty();
            assertThat(o.format()).isEqualTo("apache");
        });
    }

    @Test
    void escapesInTheUserAgentAndAZoneAndIpv6() {
        assertThat(parse(ESCAPED)).isInstanceOfSatisfying(LineParser.Seen.class, s -> {
            Observation o = s.observation();
            assertThat(o.time()).contains(Instant.parse("2026-12-03T17:08:00Z"));
            assertThat(o.clientAddress()).contains("::1");
            assertThat(o.serverName()).isEmpty();
            assertThat(o.version()).contains(ProtocolVersion.TLSv1_0);
            assertThat(o.userAgent()).contains("curl \"q\" \\x \t\u00e9");
        });
    }

    @Test
    void plainHttpIsSkipped() {
        assertThat(parse(PLAIN)).isEqualTo(LineParser.Parsed.SKIPPED);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "TLSv1.1|SSLv2|unknown TLS protocol 'SSLv2'",
        "+0000|+00:00|is not a time of the form",
        "\"curl/7.88.1\"|\"curl/7.88.1\" \"-\" \"-\"|12 fields",
        "\"localhost\"|localhost|quoted fields",
        "127.0.0.1 127.0.0.1|127.0.0.1 -|server address '-'",
        "18444|-|server port '-'"})
    void badLinesSayWhy(String from, String to, String why) {
        String line = TLS11.replace(from, to);
        assertThat(line).isNotEqualTo(TLS11);
        assertThat(parse(line)).isInstanceOfSatisfying(LineParser.Bad.class, b -> assertThat(b.why()).contains(why));
    }

    @Test
    void anNginxOrHaproxyLineIsNotApache() {
        assertThat(APACHE.recognises(List.of(TLS11, ESCAPED, PLAIN))).isTrue();
        assertThat(APACHE.recognises(List.of("cut line from rotation", TLS11))).isTrue();
        assertThat(APACHE.recognises(List.of("#Fields: date time", "#Version: 1.0", TLS11))).isFalse();
        assertThat(APACHE.recognises(List.of(HaproxyLogTest.TLS1))).isFalse();
        assertThat(APACHE.recognises(List.of(TLS11.replace("+0000", "+00:00")))).isFalse();
    }

    @Test
    void cutAndMutatedLinesAreBadNeverAnException() {
        assertThat(CutLines.assertNeverThrows(APACHE, TLS11, TLS11.length())).isEqualTo(TLS11.length());
        assertThat(CutLines.assertNeverThrows(APACHE, ESCAPED, ESCAPED.length())).isEqualTo(ESCAPED.length());
        assertThat(CutLines.assertNeverThrows(APACHE, PLAIN, PLAIN.length())).isEqualTo(PLAIN.length());
    }
}
