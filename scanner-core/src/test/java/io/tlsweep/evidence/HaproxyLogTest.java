package io.tlsweep.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.wire.ProtocolVersion;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * HAProxy lines in tlsweep's log-format; the samples are what HAProxy 2.6 (Debian 12) wrote with it to stdout in
 * each of its {@code log ... format} forms (raw, short, rfc3164, rfc5424), and the rsyslog file form of RFC 3164.
 */
class HaproxyLogTest {
    static final String TLS1 = "03/Dec/2026:15:38:18 +0000 127.0.0.1 127.0.0.1 18445 \"\" TLSv1 ECDHE-RSA-AES256-SHA"
            + " \"GET /curl/tls1.0 HTTP/1.1\" 204 \"curl \\\"q\\\" \\\\x \\]\"";
    private static final String V6 = "03/Dec/2026:15:38:26 +0000 ::1 ::1 18445 \"localhost\" TLSv1.3"
            + " TLS_AES_256_GCM_SHA384 \"GET /x HTTP/1.1\" 204 \"curl/7.88.1\"";
    private static final String NO_REQUEST = "03/Dec/2026:15:38:09 +0000 127.0.0.1 127.0.0.1 18445 \"\" TLSv1.2"
            + " ECDHE-RSA-AES256-GCM-SHA384 \"<BADREQ>\" 400 \"\"";
    private static final String PLAIN = "03/Dec/2026:15:38:09 +0000 127.0.0.1 127.0.0.1 18082 \"\" - -"
            + " \"GET /plain HTTP/1.1\" 204 \"curl/7.88.1\"";
    private static final String FAILED = "127.0.0.1:37262 [03/Dec/2026:15:38:18.590] fe/1: SSL handshake failure";
    private static final HaproxyLog HAPROXY = new HaproxyLog();

    private static LineParser.Parsed parse(String line) {
        return HAPROXY.start().parse(line);
    }

    private static Observation seen(String line) {
        LineParser.Parsed p = parse(line);
        assertThat(p).as(line).isInstanceOf(LineParser.Seen.class);
        return ((LineParser.Seen) p).observation();
    }

    @Test
    void aTls10LineWithEscapesAndNoSni() {
        Observation o = seen(TLS1);
        assertThat(o.time()).contains(Instant.parse("2026-12-03T15:38:18Z"));
        assertThat(o.clientAddress()).contains("127.0.0.1");
        assertThat(o.serverAddress()).contains("127.0.0.1");
        assertThat(o.serverPort()).isEqualTo(OptionalInt.of(18445));
        assertThat(o.serverName()).isEmpty();
        assertThat(o.version()).contains(ProtocolVersion.TLSv1_0);
        assertThat(o.cipher()).contains("ECDHE-RSA-AES256-SHA");
        assertThat(o.userAgent()).contains("curl \"q\" \\x ]");
        assertThat(o.established()).isTrue();
        assertThat(o.format()).isEqualTo("haproxy");
    }

    @Test
    void aHandshakeWithoutARequestIsStillOne() {
        Observation o = seen(NO_REQUEST);
        assertThat(o.version()).contains(ProtocolVersion.TLSv1_2);
        assertThat(o.userAgent()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "<6>", "<134>Dec  3 15:38:26 localhost haproxy[18359]: ",
        "<134>1 2026-12-03T15:38:27.908435+00:00 - haproxy 18431 - - ", "Dec  3 15:38:26 lb1 haproxy[18359]: ",
        "<134>1 2026-12-03T15:38:27Z lb1 haproxy 1 - [meta x=\"a\\]b\"][o y=\"1\"] ",
        "2026-12-03T15:38:26.123456+00:00 lb1 haproxy[18359]: "})
    void everySyslogHeaderHaproxyOrRsyslogWrites(String header) {
        Observation o = seen(header + V6);
        assertThat(o.time()).contains(Instant.parse("2026-12-03T15:38:26Z"));
        assertThat(o.clientAddress()).contains("::1");
        assertThat(o.serverName()).contains("localhost");
        assertThat(o.version()).contains(ProtocolVersion.TLSv1_3);
        assertThat(o.userAgent()).contains("curl/7.88.1");
    }

    @Test
    void aFailedHandshakeNamesTheClientAndNoVersion() {
        Observation o = seen(FAILED);
        assertThat(o.established()).isFalse();
        assertThat(o.clientAddress()).contains("127.0.0.1");
        assertThat(o.version()).isEmpty();
        assertThat(o.time()).isEmpty();
        assertThat(seen("<134>Dec  3 15:38:26 lb haproxy[1]: " + FAILED.replace("127.0.0.1", "::1"))
                .clientAddress()).contains("::1");
        assertThat(parse(FAILED.replace("SSL handshake failure", "Connection closed"))).isEqualTo(
                LineParser.Parsed.SKIPPED);
        assertThat(parse(FAILED.replace("127.0.0.1", "lb.example"))).isInstanceOf(LineParser.Bad.class);
    }

    @Test
    void plainHttpIsSkipped() {
        assertThat(parse(PLAIN)).isEqualTo(LineParser.Parsed.SKIPPED);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "TLSv1.3|TLSv13|unknown TLS protocol 'TLSv13'",
        "+0000|+00:00|is not HAProxy's %T date",
        "03/Dec/2026|2026-12-03|is not HAProxy's %T date",
        "\"localhost\"|localhost|quoted fields",
        "\"curl/7.88.1\"|\"curl/7.88.1\" 1|12 fields",
        " 204 | 2040 |status '2040'"})
    void badLinesSayWhy(String from, String to, String why) {
        String line = V6.replace(from, to);
        assertThat(line).isNotEqualTo(V6);
        assertThat(parse(line)).isInstanceOfSatisfying(LineParser.Bad.class, b -> assertThat(b.why()).contains(why));
    }

    @Test
    void recognisedFromItsFirstLinesWithOrWithoutAHeader() {
        assertThat(HAPROXY.recognises(List.of(TLS1, FAILED, PLAIN))).isTrue();
        assertThat(HAPROXY.recognises(List.of("<134>Dec  3 15:38:26 localhost haproxy[18359]: " + V6))).isTrue();
        assertThat(HAPROXY.recognises(List.of(ApacheLogTest.TLS11))).isFalse();
        assertThat(HAPROXY.recognises(List.of("Dec  3 15:38:26 mx postfix/smtpd[1]: connect from x"))).isFalse();
    }

    @Test
    void cutAndMutatedLinesAreBadNeverAnException() {
        assertThat(CutLines.assertNeverThrows(HAPROXY, TLS1, TLS1.length())).isEqualTo(TLS1.length());
        CutLines.assertNeverThrows(HAPROXY, "<134>1 2026-12-03T15:38:27Z - haproxy 1 - - " + V6, Integer.MAX_VALUE);
        CutLines.assertNeverThrows(HAPROXY, FAILED, FAILED.indexOf(": SSL") + 3);
    }
}
